/**
 * `mcp-risk audit --live`: list the config's servers that are not in the catalogue, through the
 * same sandbox as `ingest` (src/lib/sources, src/lib/ingest): a pinned npm package is installed
 * with scripts disabled into its own scratch folder and started by `prepareSource`; any other
 * command runs wrapped the same way (`env -i` with only the named variables, HOME/TMPDIR/XDG in
 * the scratch folder, a network namespace with loopback only where `unshare` works, the process
 * group killed); a remote server is asked over Streamable HTTP (SSE fallback). Every listing is
 * bounded (time, pages, tools, bytes).
 *
 * Env values are dummies unless `useEnv`, and then the config's values go to the server process
 * only: they are dropped before anything is reported and never written to a file. Arguments and
 * URLs are passed redacted (placeholders for tokens) unless `useEnv`.
 */
import { mkdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { configPackage, matchServer, redactArgs, redactUrl, reportKeys, type AuditServer, type CatalogueIndex, type ConfigServer, type ParsedConfig } from '../../src/lib/audit/index.js';
import { auditServer, classifyTools } from '../../src/lib/audit/build-data.js';
import { loadTrifectaRules } from '../../src/lib/analysis/trifecta-rules.js';
import { loadRules } from '../../src/lib/classify/index.js';
import { listTools, normalizeListedTools, type ListLimits, type ListResult } from '../../src/lib/ingest/index.js';
import { defaultScratchRoot, netIsolation, prepareSource, sandboxDirs, scrubbedEnv, wrapCommand } from '../../src/lib/sources/index.js';
import { SourceSchema } from '../../src/lib/schema/source.js';

/** Options of `listUnknown`. */
export interface LiveOptions {
  catalog: string;
  useEnv: boolean;
  limits: Partial<ListLimits>;
  scratch?: string;
  progress: (line: string) => void;
}

function safeId(name: string, i: number): string {
  const id = name.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[^a-z0-9]+/, '').slice(0, 60);
  return `audit-${i}-${id || 'server'}`;
}

/** The server's own arguments after the package spec in `npx -y pkg@1.2.3 a b`. */
function argsAfterSpec(args: readonly string[], spec: string): string[] {
  const i = args.findIndex((a) => a.toLowerCase() === spec.toLowerCase());
  return i < 0 ? [] : args.slice(i + 1);
}

async function listOne(s: ConfigServer, i: number, env: Record<string, string>, headers: Record<string, string>, opts: LiveOptions): Promise<ListResult> {
  const scratchRoot = resolve(opts.scratch ?? defaultScratchRoot());
  const args = opts.useEnv ? s.args : redactArgs(s.args);
  if (s.command === undefined) {
    const raw = s.url ?? '';
    const url = opts.useEnv ? raw : (redactUrl(raw) ?? raw).replace(/\?.*$/, '').replace(/<redacted>@/, '');
    return listTools({ kind: 'http', url, ...(opts.useEnv && Object.keys(headers).length > 0 ? { headers } : {}) }, opts.limits);
  }
  const pkg = configPackage(s);
  const id = safeId(s.name, i);
  if (pkg?.ecosystem === 'npm' && pkg.version && !pkg.binOnly) {
    const spec = `${pkg.name}@${pkg.version}`;
    const source = SourceSchema.parse({ id, name: s.name, npm: spec, args: argsAfterSpec(args, spec), env });
    const prepared = await prepareSource(source, { scratchRoot });
    try {
      for (const n of prepared.notes) opts.progress(`${s.name}: ${n}`);
      return prepared.redact(await listTools(prepared.target, opts.limits));
    } finally {
      await prepared.cleanup();
    }
  }
  if (pkg?.ecosystem === 'npm' && !pkg.version && !pkg.binOnly) {
    throw new Error(`${pkg.name} is not pinned: pin an exact version (${pkg.name}@x.y.z) to list it in the sandbox`);
  }
  // Any other command: the same wrapper prepareSource uses, in a fresh scratch folder.
  const dirs = sandboxDirs(join(scratchRoot, id, 'run'));
  await rm(dirs.scratch, { recursive: true, force: true });
  await mkdir(dirs.home, { recursive: true });
  await mkdir(dirs.tmp, { recursive: true });
  await mkdir(dirs.runtime, { recursive: true, mode: 0o700 });
  try {
    const scrubbed = scrubbedEnv(env, dirs);
    const isolation = await netIsolation();
    opts.progress(`${s.name}: ${isolation.kind === 'unshare' ? 'network: new namespace, loopback only' : `network: NOT isolated (${isolation.reason})`}`);
    const wrapped = process.platform === 'win32' ? { command: s.command, args } : wrapCommand(s.command, args, scrubbed, isolation);
    return await listTools({ kind: 'stdio', command: wrapped.command, args: wrapped.args, env: scrubbed, cwd: dirs.scratch }, opts.limits);
  } finally {
    await rm(dirs.scratch, { recursive: true, force: true });
  }
}

/**
 * List every server of `config` the catalogue does not hold. Keys are the report keys; a value
 * is the server's audit data, or why it could not be listed (one line).
 */
export async function listUnknown(config: ParsedConfig, catalogue: CatalogueIndex, opts: LiveOptions): Promise<Map<string, AuditServer | { error: string }>> {
  const out = new Map<string, AuditServer | { error: string }>();
  const keys = reportKeys(config.servers);
  const rules = loadRules(opts.catalog);
  const trifecta = loadTrifectaRules(opts.catalog);
  for (const [i, s] of config.servers.entries()) {
    const m = matchServer(s, catalogue.index);
    if ((m && catalogue.servers.has(m.server.id)) || s.disabled) continue;
    const key = keys[i] as string;
    const secrets = config.secrets?.[i];
    const env = Object.fromEntries(s.env.map((n) => [n, opts.useEnv ? (secrets?.env[n] ?? '') : 'dummy']));
    const headers = opts.useEnv ? { ...(secrets?.headers ?? {}) } : {};
    opts.progress(`${key}: listing live${opts.useEnv ? ' with the config\'s env values' : ' (dummy env values)'}...`);
    try {
      const listed = await listOne(s, i, env, headers, opts);
      const normalized = normalizeListedTools(listed.tools);
      const tools = classifyTools(normalized.tools.map((t) => ({ definition: t.definition })), rules);
      out.set(key, auditServer(key, listed.serverInfo?.name ?? s.name, '', tools, trifecta));
      opts.progress(`${key}: ${tools.length} tools`);
    } catch (e) {
      // Messages name the server and the problem; they never carry env or header values.
      let msg = (e as Error).message ?? String(e);
      const shown = redactArgs(s.args);
      const raw = [...Object.values(env), ...Object.values(headers), ...s.args.filter((a, j) => a !== shown[j]), ...(s.url && redactUrl(s.url) !== s.url ? [s.url] : [])];
      for (const v of raw.sort((a, b) => b.length - a.length)) if (v.length >= 4) msg = msg.split(v).join('<redacted>');
      out.set(key, { error: msg.replace(/\s+/g, ' ').slice(0, 500) });
    }
  }
  return out;
}
