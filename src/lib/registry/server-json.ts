/**
 * The MCP Registry's `server.json` (https://static.modelcontextprotocol.io/schemas/2025-09-29/server.schema.json
 * and its 2025-12-11 successor), as a zod schema that follows the published JSON Schema: `name`
 * (reverse-DNS, one slash), `version`, `description`, `packages[]` discriminated by `registryType`
 * (npm / pypi / nuget: identifier + exact version; oci: image reference; mcpb: URL + sha256), each
 * with a `transport` and optional `runtimeArguments`, `packageArguments`, `environmentVariables`;
 * and `remotes[]` (Streamable HTTP or SSE). Unknown fields are ignored, as the JSON Schema allows.
 * Problems come back as one line each: `<file>: <field path>: <message>`.
 */
import { z } from 'zod';

/** The registry types the published schema knows. */
export const REGISTRY_TYPES = ['npm', 'pypi', 'nuget', 'oci', 'mcpb'] as const;
export type RegistryType = (typeof REGISTRY_TYPES)[number];

const InputFields = {
  description: z.string().optional(),
  format: z.enum(['string', 'number', 'boolean', 'filepath']).optional(),
  isRequired: z.boolean().optional(),
  isSecret: z.boolean().optional(),
  default: z.string().optional(),
  placeholder: z.string().optional(),
  value: z.string().optional(),
  choices: z.array(z.string()).optional(),
};
export const InputSchema = z.object(InputFields);
export type Input = z.infer<typeof InputSchema>;

const WithVariables = { ...InputFields, variables: z.record(InputSchema).optional() };

export const KeyValueInputSchema = z.object({ ...WithVariables, name: z.string().min(1) });
export type KeyValueInput = z.infer<typeof KeyValueInputSchema>;

export const PositionalArgumentSchema = z
  .object({ ...WithVariables, type: z.literal('positional'), valueHint: z.string().optional(), isRepeated: z.boolean().optional() })
  .refine((a) => a.value !== undefined || a.valueHint !== undefined, { message: 'a positional argument needs a value or a valueHint' });
export const NamedArgumentSchema = z.object({
  ...WithVariables,
  type: z.literal('named'),
  name: z.string().min(1),
  isRepeated: z.boolean().optional(),
});
const ARG_TYPES = ['positional', 'named'] as const;
export const ArgumentSchema = z
  .object({ type: z.enum(ARG_TYPES, { errorMap: () => ({ message: `expected one of ${ARG_TYPES.join(', ')}` }) }) })
  .passthrough()
  .pipe(z.union([PositionalArgumentSchema, NamedArgumentSchema]));
export type Argument = z.infer<typeof PositionalArgumentSchema> | z.infer<typeof NamedArgumentSchema>;

const Headers = z.array(KeyValueInputSchema).optional();
export const StdioTransportSchema = z.object({ type: z.literal('stdio') });
export const StreamableHttpTransportSchema = z.object({
  type: z.literal('streamable-http'),
  url: z.string().min(1),
  headers: Headers,
  variables: z.record(InputSchema).optional(),
});
export const SseTransportSchema = z.object({
  type: z.literal('sse'),
  url: z.string().url(),
  headers: Headers,
  variables: z.record(InputSchema).optional(),
});
const TRANSPORTS = ['stdio', 'streamable-http', 'sse'] as const;
const REMOTE_TRANSPORTS = ['streamable-http', 'sse'] as const;
function transportSchema<T extends readonly [string, ...string[]]>(types: T) {
  return z
    .object({ type: z.enum(types, { errorMap: () => ({ message: `expected one of ${types.join(', ')}` }) }) })
    .passthrough()
    .pipe(z.discriminatedUnion('type', [StdioTransportSchema, StreamableHttpTransportSchema, SseTransportSchema]));
}
export type Transport = z.infer<typeof StdioTransportSchema> | z.infer<typeof StreamableHttpTransportSchema> | z.infer<typeof SseTransportSchema>;
export type RemoteTransport = z.infer<typeof StreamableHttpTransportSchema> | z.infer<typeof SseTransportSchema>;

const ExactVersion = z
  .string()
  .min(1)
  .refine((v) => v !== 'latest', { message: 'must be a specific version, not "latest"' })
  .refine((v) => !/^[\^~<>=*]|[*]|\.x(\.|$)|\s/.test(v), { message: 'must be a specific version, not a range' });

export const PackageSchema = z
  .object({
    registryType: z.enum(REGISTRY_TYPES, { errorMap: () => ({ message: `expected one of ${REGISTRY_TYPES.join(', ')}` }) }),
    identifier: z.string().min(1),
    version: z.string().optional(),
    registryBaseUrl: z.string().url().optional(),
    fileSha256: z.string().optional(),
    runtimeHint: z.string().optional(),
    runtimeArguments: z.array(ArgumentSchema).optional(),
    packageArguments: z.array(ArgumentSchema).optional(),
    environmentVariables: z.array(KeyValueInputSchema).optional(),
    transport: transportSchema(TRANSPORTS),
  })
  .superRefine((p, ctx) => {
    if (p.registryType === 'npm' || p.registryType === 'pypi' || p.registryType === 'nuget') {
      if (p.version === undefined) ctx.addIssue({ code: 'custom', path: ['version'], message: `is required for ${p.registryType} packages` });
      else {
        const v = ExactVersion.safeParse(p.version);
        if (!v.success) ctx.addIssue({ code: 'custom', path: ['version'], message: v.error.issues[0]?.message ?? 'is not a version' });
      }
    }
    if (p.registryType === 'mcpb') {
      if (!p.fileSha256 || !/^[a-f0-9]{64}$/.test(p.fileSha256)) ctx.addIssue({ code: 'custom', path: ['fileSha256'], message: 'mcpb packages need a 64-hex-digit SHA-256' });
      if (!/^https:\/\//.test(p.identifier)) ctx.addIssue({ code: 'custom', path: ['identifier'], message: 'mcpb packages are identified by an https download URL' });
    }
  });
export type Package = z.infer<typeof PackageSchema>;

export const ServerJsonSchema = z.object({
  $schema: z.string().url().optional(),
  name: z
    .string()
    .min(3)
    .max(200)
    .regex(/^[a-zA-Z0-9.-]+\/[a-zA-Z0-9._-]+$/, 'must be reverse-DNS with exactly one slash (e.g. io.github.owner/server)'),
  title: z.string().min(1).max(100).optional(),
  description: z.string().min(1).max(100),
  version: z.string().min(1).max(255),
  websiteUrl: z.string().url().optional(),
  repository: z.object({ url: z.string().url(), source: z.string(), subfolder: z.string().optional(), id: z.string().optional() }).optional(),
  packages: z.array(PackageSchema).optional(),
  remotes: z.array(transportSchema(REMOTE_TRANSPORTS)).optional(),
});
export type ServerJson = z.infer<typeof ServerJsonSchema>;

/** One problem in a server.json: the file, the field path (`packages[0].registryType`), the message. */
export interface ServerJsonIssue {
  file: string;
  path: string;
  message: string;
}

/** `file: path: message` on one line. */
export function formatServerJsonIssue(i: ServerJsonIssue): string {
  const msg = i.message.replace(/\s*\n\s*/g, ' ');
  return i.path ? `${i.file}: ${i.path}: ${msg}` : `${i.file}: ${msg}`;
}

/** Zod path to `a.b[0].c`. */
export function fieldPath(path: ReadonlyArray<string | number>): string {
  return path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('').replace(/^\./, '');
}

const errorMap: z.ZodErrorMap = (issue, ctx) => {
  if (issue.code === 'invalid_type' && issue.received === 'undefined') return { message: 'is required' };
  if (issue.code === 'invalid_type') return { message: `expected ${issue.expected}, got ${issue.received}` };
  if (issue.code === 'too_big' && issue.type === 'string') return { message: `is longer than ${String(issue.maximum)} characters` };
  if (issue.code === 'too_small' && issue.type === 'string') return { message: `is shorter than ${String(issue.minimum)} characters` };
  if (issue.code === 'invalid_string' && issue.validation === 'url') return { message: 'must be a URL' };
  return { message: ctx.defaultError };
};

/** Parse the text of a server.json; `file` only names it in issues. Pure. */
export function parseServerJson(text: string, file: string): { ok: true; server: ServerJson } | { ok: false; issues: ServerJsonIssue[] } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { ok: false, issues: [{ file, path: '', message: `not valid JSON: ${(e as Error).message}` }] };
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) return { ok: false, issues: [{ file, path: '', message: 'expected a JSON object' }] };
  const parsed = ServerJsonSchema.safeParse(data, { errorMap });
  if (parsed.success) return { ok: true, server: parsed.data };
  return { ok: false, issues: parsed.error.issues.map((i) => ({ file, path: fieldPath(i.path), message: i.message })) };
}
