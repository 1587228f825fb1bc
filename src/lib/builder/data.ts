/**
 * The builder's per-server data file, `/builder/servers/<id>.json`: a compact list of one server's
 * tools with their effective verdicts (human reviews applied), fetched only for the servers in the
 * selection or the picker. `parseServerFile` validates it in the browser; an error names the
 * file and the field.
 */
import { z } from 'zod';
import { CategorySchema, RiskSchema, type Category, type Risk } from '../schema/classification.js';

/** Version of the data file format. */
export const SERVER_FILE_VERSION = 1;

/**
 * One tool in the file: `n` exact name, `s` slug (left out when it equals the name), `c`
 * category, `r` risk, `o` true when a human review overrides the classifier.
 */
export const ServerFileToolSchema = z
  .object({ n: z.string(), s: z.string().min(1).optional(), c: CategorySchema, r: RiskSchema, o: z.literal(true).optional() })
  .strict();

/** The whole file. `tools` are in the server's listing order. */
export const ServerFileSchema = z
  .object({
    version: z.literal(SERVER_FILE_VERSION),
    id: z.string().min(1),
    name: z.string().min(1),
    /** The server's name in export targets (1-64 of `A-Z a-z 0-9 _ -`). */
    exportName: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
    /** Path of the server's page. */
    url: z.string().startsWith('/'),
    tools: z.array(ServerFileToolSchema),
  })
  .strict();
/** The JSON shape of `/builder/servers/<id>.json`. */
export type ServerFile = z.infer<typeof ServerFileSchema>;

/** One tool as the builder uses it. */
export interface BuilderTool {
  name: string;
  slug: string;
  category: Category;
  risk: Risk;
  /** A human review set this verdict. */
  reviewed: boolean;
  /** Position in the server's listing (0-based), the order policies list tools in. */
  index: number;
}

/** One server as the builder uses it. */
export interface BuilderServer {
  id: string;
  name: string;
  exportName: string;
  url: string;
  tools: BuilderTool[];
  /** Tools by slug. */
  bySlug: ReadonlyMap<string, BuilderTool>;
}

/** Error for a data file that does not validate: `<file>: <field>: <problem>` on one line. */
export class BuilderDataError extends Error {
  constructor(
    readonly file: string,
    readonly field: string,
    readonly problem: string,
  ) {
    super(`${file}: ${field || '(root)'}: ${problem}`);
    this.name = 'BuilderDataError';
  }
}

/** A `BuilderServer` from its parts (slug lookup built here). */
export function builderServer(parts: Omit<BuilderServer, 'bySlug'>): BuilderServer {
  return { ...parts, bySlug: new Map(parts.tools.map((t) => [t.slug, t])) };
}

/**
 * Validate a fetched data file. `file` names it in errors. Throws `BuilderDataError` on a bad
 * field or on two tools with one slug.
 */
export function parseServerFile(json: unknown, file: string): BuilderServer {
  const result = ServerFileSchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new BuilderDataError(file, issue ? issue.path.join('.') : '', issue ? issue.message : 'invalid data file');
  }
  const data = result.data;
  const tools = data.tools.map((t, index): BuilderTool => ({ name: t.n, slug: t.s ?? t.n, category: t.c, risk: t.r, reviewed: t.o === true, index }));
  const server = builderServer({ id: data.id, name: data.name, exportName: data.exportName, url: data.url, tools });
  if (server.bySlug.size !== tools.length) {
    const seen = new Set<string>();
    const dup = tools.findIndex((t) => (seen.has(t.slug) ? true : (seen.add(t.slug), false)));
    throw new BuilderDataError(file, `tools.${dup}.s`, 'duplicate slug');
  }
  return server;
}

/** The data file's JSON for a server (build side; `exportName` is computed by the caller). */
export function serverFileJson(server: Omit<BuilderServer, 'bySlug'>): ServerFile {
  return {
    version: SERVER_FILE_VERSION,
    id: server.id,
    name: server.name,
    exportName: server.exportName,
    url: server.url,
    tools: server.tools.map((t) => ({
      n: t.name,
      ...(t.slug !== t.name ? { s: t.slug } : {}),
      c: t.category,
      r: t.risk,
      ...(t.reviewed ? { o: true as const } : {}),
    })),
  };
}
