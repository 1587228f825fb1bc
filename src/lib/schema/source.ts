/**
 * `catalog/sources.yaml`: every server the shipped catalogue is built from and how to start it, so
 * `mcp-risk ingest --all` refreshes them all. Env values here are dummies: `tools/list` does not
 * check credentials, and real tokens never belong in this file.
 */
import { z } from 'zod';
import { SafeUrlSchema } from './server.js';

export const SourceSchema = z
  .object({
    id: z.string().min(1),
    name: z.string().min(1),
    description: z.string().default(''),
    repository: SafeUrlSchema.optional(),
    homepage: SafeUrlSchema.optional(),
    /** npm package, `name@version` pinned exactly. */
    npm: z.string().optional(),
    /**
     * Resolve the package's dependencies as of this date (`npm install --before`), for a package
     * whose newest dependency releases are broken or missing from the registry in use.
     */
    npmBefore: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD').optional(),
    /** PyPI package, `name==version` pinned exactly, installed into its own virtual environment. */
    pypi: z.string().optional(),
    /**
     * PyPI only: let pip build wheels from source distributions (pure-Python ones; no compiler is
     * offered). Default: wheels only (`--only-binary :all:`).
     */
    pipSourceBuilds: z.boolean().optional(),
    /** PyPI only: run `python -m <module>` instead of a console script. */
    module: z.string().optional(),
    /**
     * An MCP Registry `server.json` (relative to the catalogue folder): the package or remote it
     * names is started, and the registry name is kept as the server's identity.
     */
    serverJson: z.string().optional(),
    /** The package's bin to run (defaults to the package's only bin); for PyPI, a console script. */
    bin: z.string().optional(),
    /**
     * Run this file of the package (its `main`, relative to the package root) with Node instead of
     * a bin, for packages that declare none.
     */
    main: z.string().min(1).optional(),
    /** A saved `tools/list` JSON file, relative to the catalogue folder. */
    file: z.string().optional(),
    url: z.string().url().optional(),
    args: z.array(z.string()).default([]),
    /** Dummy values; `{scratch}` is replaced by the server's own scratch folder. */
    env: z.record(z.string()).default({}),
    /**
     * Small files written into the server's scratch folder before it starts (e.g. a dummy
     * kubeconfig), keyed by path relative to that folder; `{scratch}` is replaced in the contents.
     */
    files: z.record(z.string()).optional(),
    provenance: z.string().optional(),
    /** Popularity: downloads a month from a package list, and that list's date. */
    downloads: z
      .object({
        monthly: z.number().int().nonnegative(),
        asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD'),
      })
      .strict()
      .optional(),
  })
  .strict()
  .refine((s) => [s.npm, s.pypi, s.serverJson, s.file, s.url].filter(Boolean).length === 1, {
    message: 'exactly one of npm, pypi, serverJson, file or url is required',
  })
  .refine((s) => !(s.bin !== undefined && s.main !== undefined), { message: 'bin and main cannot both be set', path: ['main'] });
export type Source = z.infer<typeof SourceSchema>;

export const SourcesFileSchema = z.object({ servers: z.array(SourceSchema) }).strict();
export type SourcesFile = z.infer<typeof SourcesFileSchema>;
