/**
 * `catalog/servers/<id>/server.yaml`: identity and provenance of one MCP server. Ingestion owns
 * `serverInfo`, `protocolVersion`, `ingestedAt`, `toolsHash`, `toolCount` and `sdkVersion`; the other
 * fields come from `catalog/sources.yaml` or are written by hand.
 */
import { z } from 'zod';

/** How to start the server: a stdio command, or a URL for Streamable HTTP / SSE. */
export const LaunchSchema = z.union([
  z
    .object({
      transport: z.literal('stdio'),
      command: z.string().min(1),
      args: z.array(z.string()).default([]),
      /** NAMES of the environment variables the server needs (never their values). */
      env: z.array(z.string()).default([]),
    })
    .strict(),
  z
    .object({
      transport: z.enum(['streamable-http', 'sse']),
      url: z.string().url(),
    })
    .strict(),
  z
    .object({
      /** No live server: the tool list was read from a saved `tools/list` JSON file. */
      transport: z.literal('file'),
      file: z.string().min(1),
    })
    .strict(),
]);
export type Launch = z.infer<typeof LaunchSchema>;

/** Only http(s) links are kept for display: a `javascript:` homepage must never become a link. */
export const SafeUrlSchema = z
  .string()
  .url()
  .refine((u) => /^https?:\/\//i.test(u), { message: 'must be an http(s) URL' });

/** One environment variable a registry `server.json` declares (never its value). */
export const RegistryEnvSchema = z
  .object({
    name: z.string().min(1),
    required: z.boolean(),
    secret: z.boolean(),
    description: z.string().optional(),
  })
  .strict();

/** Identity from the MCP Registry's `server.json`, for servers ingested from one. */
export const RegistryInfoSchema = z
  .object({
    /** Registry name, reverse-DNS (`io.github.owner/server`). */
    name: z.string().min(1),
    version: z.string().min(1),
    /** The registry type of the package that was started (`npm`, `pypi`) or `remote`. */
    started: z.string().optional(),
    env: z.array(RegistryEnvSchema).default([]),
  })
  .strict();
export type RegistryInfo = z.infer<typeof RegistryInfoSchema>;

export const ServerSchema = z
  .object({
    /** Folder name; a slug (see src/lib/slug.ts). */
    id: z.string().min(1),
    name: z.string().min(1),
    description: z.string().default(''),
    repository: SafeUrlSchema.optional(),
    homepage: SafeUrlSchema.optional(),
    /** npm `name@version` (or PyPI `name==version`) where there is one. */
    package: z.string().optional(),
    /** Set when the server came from an MCP Registry `server.json`. */
    registry: RegistryInfoSchema.optional(),
    launch: LaunchSchema,
    /** Where the tool list came from, for humans (e.g. "extracted from source at commit ..."). */
    provenance: z.string().optional(),
    /** `serverInfo` as returned by `initialize` (absent for `file` ingests). */
    serverInfo: z.object({ name: z.string(), version: z.string() }).passthrough().optional(),
    protocolVersion: z.string().optional(),
    /** ISO 8601 time of the last ingest. */
    ingestedAt: z.string(),
    /** `sha256:<hex>` over the canonical JSON of the tool list as listed. */
    toolsHash: z.string(),
    toolCount: z.number().int().nonnegative(),
    /** Version of @modelcontextprotocol/sdk that did the listing. */
    sdkVersion: z.string().optional(),
    /** Popularity from the source: downloads a month in a package list, and that list's date. */
    downloads: z
      .object({ monthly: z.number().int().nonnegative(), asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD') })
      .strict()
      .optional(),
  })
  .strict();
export type Server = z.infer<typeof ServerSchema>;
