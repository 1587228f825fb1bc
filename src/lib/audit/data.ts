/**
 * The catalogue as the audit reads it, in two JSON shapes that the site publishes and the CLI
 * builds in memory from `catalog/` (so both compute the same report):
 *
 * - the index (`/audit/index.json`): every server with what a config can be matched on (packages
 *   and versions, URLs), small enough to fetch whole;
 * - one file per server (`/audit/servers/<id>.json`): its tools with their effective verdicts,
 *   trifecta legs, annotation conflicts and flag ids, fetched only for the servers a config uses.
 *
 * Browser-safe (zod only). `parseAuditIndex` / `parseAuditServer` validate fetched files; an error
 * names the file and the field on one line.
 */
import { z } from 'zod';
import { CategorySchema, RiskSchema, type Category, type Risk } from '../schema/classification.js';

/** Version of both file formats. */
export const AUDIT_DATA_VERSION = 1;

/** The three trifecta legs (same ids as `src/lib/analysis`). */
export const LEGS = ['privateData', 'untrustedContent', 'externalSend'] as const;
/** One leg. */
export type Leg = (typeof LEGS)[number];

const LegSchema = z.enum(LEGS);

const PackageSchema = z
  .object({ ecosystem: z.enum(['npm', 'pypi']), name: z.string().min(1), version: z.string().min(1).optional() })
  .strict();
/** A package a catalogue server was listed from. */
export type IndexPackage = z.infer<typeof PackageSchema>;

const IndexServerSchema = z
  .object({
    id: z.string().min(1),
    name: z.string().min(1),
    /** Path of the server's page. */
    url: z.string().startsWith('/'),
    /** Path of the server's audit data file. */
    data: z.string().startsWith('/'),
    toolCount: z.number().int().nonnegative(),
    ingestedAt: z.string(),
    packages: z.array(PackageSchema),
    /** Normalised URLs the server answers on (its remote `launch.url`, a non-registry homepage). */
    urls: z.array(z.string()),
    /** Names the server is known by in registries (reverse-DNS `serverInfo.name`). */
    registryNames: z.array(z.string()),
  })
  .strict();
/** One server in the index. */
export type IndexServer = z.infer<typeof IndexServerSchema>;

/** `/audit/index.json`. */
export const AuditIndexSchema = z
  .object({
    version: z.literal(AUDIT_DATA_VERSION),
    legs: z.object({ privateData: z.string(), untrustedContent: z.string(), externalSend: z.string() }).strict(),
    servers: z.array(IndexServerSchema),
  })
  .strict();
/** The index file. */
export type AuditIndex = z.infer<typeof AuditIndexSchema>;

/**
 * One tool: `n` exact name, `s` slug (absent when equal to the name), `c` category, `r` risk
 * (effective: reviews applied), `o` a review set it, `l` trifecta legs, `k` declared annotations
 * contradict the classifier, `f` flag ids.
 */
const AuditToolSchema = z
  .object({
    n: z.string(),
    s: z.string().min(1).optional(),
    c: CategorySchema,
    r: RiskSchema,
    o: z.literal(true).optional(),
    l: z.array(LegSchema).optional(),
    k: z.literal(true).optional(),
    f: z.array(z.string()).optional(),
  })
  .strict();

/** `/audit/servers/<id>.json`. */
export const AuditServerFileSchema = z
  .object({
    version: z.literal(AUDIT_DATA_VERSION),
    id: z.string().min(1),
    name: z.string().min(1),
    /** Path of the server's page. */
    url: z.string().startsWith('/'),
    tools: z.array(AuditToolSchema),
  })
  .strict();
/** One server's audit data file. */
export type AuditServerFile = z.infer<typeof AuditServerFileSchema>;

/** One tool as the audit uses it. */
export interface AuditTool {
  name: string;
  slug: string;
  category: Category;
  risk: Risk;
  reviewed: boolean;
  legs: Leg[];
  conflict: boolean;
  flags: string[];
}

/** One catalogue server as the audit uses it. */
export interface AuditServer {
  id: string;
  name: string;
  url: string;
  tools: AuditTool[];
}

/** What `auditConfig` reads: the index, and the data of (at least) the servers the config matches. */
export interface CatalogueIndex {
  index: AuditIndex;
  servers: ReadonlyMap<string, AuditServer>;
}

/** A fetched or built data file that does not validate: `<file>: <field>: <problem>`. */
export class AuditDataError extends Error {
  override readonly name = 'AuditDataError';
  constructor(file: string, field: string, problem: string) {
    super(`${file}: ${field || '(root)'}: ${problem}`);
  }
}

function check<T>(schema: z.ZodType<T, z.ZodTypeDef, unknown>, json: unknown, file: string): T {
  const r = schema.safeParse(json);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new AuditDataError(file, issue ? issue.path.join('.') : '', issue ? issue.message : 'invalid file');
  }
  return r.data;
}

/** Validate the index file. */
export function parseAuditIndex(json: unknown, file: string): AuditIndex {
  return check(AuditIndexSchema, json, file);
}

/** Validate one server's data file. */
export function parseAuditServer(json: unknown, file: string): AuditServer {
  const d = check(AuditServerFileSchema, json, file);
  return {
    id: d.id,
    name: d.name,
    url: d.url,
    tools: d.tools.map((t) => ({ name: t.n, slug: t.s ?? t.n, category: t.c, risk: t.r, reviewed: t.o === true, legs: t.l ?? [], conflict: t.k === true, flags: t.f ?? [] })),
  };
}

/** The data file's JSON for a server. */
export function auditServerJson(s: AuditServer): AuditServerFile {
  return {
    version: AUDIT_DATA_VERSION,
    id: s.id,
    name: s.name,
    url: s.url,
    tools: s.tools.map((t) => ({
      n: t.name,
      ...(t.slug !== t.name ? { s: t.slug } : {}),
      c: t.category,
      r: t.risk,
      ...(t.reviewed ? { o: true as const } : {}),
      ...(t.legs.length > 0 ? { l: [...t.legs] } : {}),
      ...(t.conflict ? { k: true as const } : {}),
      ...(t.flags.length > 0 ? { f: [...t.flags] } : {}),
    })),
  };
}

/** Path of a server's audit data file. */
export function auditServerFileUrl(id: string): string {
  return `/audit/servers/${encodeURIComponent(id)}.json`;
}

/** Path of the index. */
export const AUDIT_INDEX_URL = '/audit/index.json';
