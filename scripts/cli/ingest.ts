/**
 * `mcp-risk ingest`: list one server (a saved file, a stdio command, a URL) or every entry of
 * `<catalog>/sources.yaml`, and write each listing into the catalogue as a snapshot.
 */
import { relative, resolve, sep, isAbsolute } from 'node:path';
import { CatalogError, catalogDir, writeServerSnapshot, type ServerInput } from '../../src/lib/catalog/index.js';
import { serverDefaults, serverFromSource, snapshotFromListing } from '../../src/lib/catalog/listing.js';
import { IngestError, SDK_VERSION, listTools, readToolsFile, type ListLimits, type ListResult } from '../../src/lib/ingest/index.js';
import { slugFor } from '../../src/lib/slug.js';
import { DEFAULT_SCRATCH_ROOT, SourceError, formatSourceIssue, loadSources, prepareSource } from '../../src/lib/sources/index.js';
import { ServerJsonError, expandServerJsonSources } from '../../src/lib/registry/index.js';
import { pypiPrepareOptions, serverJsonJob } from './ingest-server-json.js';
import type { Server } from '../../src/lib/schema/index.js';
import { CliError, EXIT, oneLine, parseFlags, positiveInt, type CliIO } from './common.js';
import { httpUrl, limitsFrom, stdioCommand } from './target.js';

export const INGEST_HELP = `Usage:
  mcp-risk ingest --file <tools.json> --id <server-id> [--name N] [--description D] [--repository URL]
  mcp-risk ingest --command "<cmd> [args]" --id <server-id> [--env NAME=VALUE]... [--name N] ...
  mcp-risk ingest --url <https://host/mcp> --id <server-id> [--name N] ...
  mcp-risk ingest --all [--only <id>]... [--concurrency N] [--scratch DIR]
  mcp-risk ingest --server-json <server.json> [--id <server-id>] [--scratch DIR]

Lists the server's tools (tools/list, every page) and writes catalog/servers/<id>/.
Options: --catalog DIR, --timeout MS (whole listing), --max-pages N, --max-tools N, --max-bytes N.
PyPI servers: --pip-index-url URL (default PyPI), --python PATH (default python3 on PATH).
Exit: 0 ok, 2 bad input, 3 a server could not be listed.
`;

/** One server to ingest: how to list it and what server.yaml should say. */
export interface Job {
  id: string;
  server: ServerInput;
  list: (progress: (line: string) => void) => Promise<{ listed: ListResult; defaults: Partial<Server> }>;
}

interface Outcome {
  id: string;
  ok: boolean;
  why?: string;
  exit?: number;
  added: number;
  changed: number;
  removed: number;
}


function checkId(id: string | undefined, flag = '--id'): string {
  if (!id) throw new CliError(`ingest: ${flag} <server-id> is required`);
  if (slugFor(id) !== id) throw new CliError(`ingest: ${flag}: ${JSON.stringify(oneLine(id, 80))} is not a valid server id (letters, digits, _ and -; e.g. ${JSON.stringify(slugFor(id))})`);
  return id;
}


/** Path as recorded in server.yaml: relative to the catalogue folder, with `/`. */
function recordedPath(file: string, catalog: string): string {
  const rel = relative(catalog, resolve(file));
  return (isAbsolute(rel) ? rel : rel.split(sep).join('/')) || file;
}

function singleJob(values: Record<string, unknown>, catalog: string, limits: Partial<ListLimits>): Job {
  const id = checkId(values.id as string | undefined);
  const server: ServerInput = { id };
  for (const k of ['name', 'description', 'repository'] as const) if (typeof values[k] === 'string') server[k] = values[k] as string;
  if (typeof values.file === 'string') {
    const file = values.file;
    server.launch = { transport: 'file', file: recordedPath(file, catalog) };
    return { id, server, list: async () => ({ listed: await readToolsFile(file, limits), defaults: serverDefaults(id) }) };
  }
  if (typeof values.command === 'string') {
    const { command, args, env } = stdioCommand('ingest', values);
    server.launch = { transport: 'stdio', command, args, env: Object.keys(env).sort() };
    return {
      id,
      server,
      list: async () => {
        const listed = await listTools({ kind: 'stdio', command, args, env }, limits);
        return { listed, defaults: serverDefaults(id, listed) };
      },
    };
  }
  const url = httpUrl('ingest', values.url as string);
  server.launch = { transport: 'streamable-http', url };
  return {
    id,
    server,
    list: async () => {
      const listed = await listTools({ kind: 'http', url }, limits);
      return { listed, defaults: serverDefaults(id, listed) };
    },
  };
}

async function sourceJobs(values: Record<string, unknown>, catalog: string, limits: Partial<ListLimits>): Promise<Job[]> {
  const file = resolve(catalog, 'sources.yaml');
  const { sources: entries, issues } = await loadSources(file);
  const first = issues[0];
  if (first) throw new CliError(oneLine(formatSourceIssue(first)));
  // `serverJson:` entries become the npm / pypi / url entry their server.json names.
  const { sources, registry } = await expandServerJsonSources(entries, catalog);
  const only = new Set((values.only as string[] | undefined) ?? []);
  for (const id of only) if (!sources.some((s) => s.id === id)) throw new CliError(`ingest: --only: no source ${JSON.stringify(oneLine(id, 80))} in sources.yaml`);
  const scratchRoot = resolve((values.scratch as string | undefined) ?? DEFAULT_SCRATCH_ROOT);
  return sources
    .filter((s) => only.size === 0 || only.has(s.id))
    .map((source): Job => {
      const server = serverFromSource(source);
      const id = checkId(source.id, `sources.yaml id`);
      const reg = registry.get(source.id);
      if (reg) server.registry = reg;
      if (source.file) {
        const path = resolve(catalog, source.file);
        return { id, server, list: async () => ({ listed: await readToolsFile(path, limits), defaults: serverDefaults(id) }) };
      }
      if (source.url) {
        const url = source.url;
        return { id, server, list: async () => { const listed = await listTools({ kind: 'http', url }, limits); return { listed, defaults: serverDefaults(id, listed) }; } };
      }
      return {
        id,
        server,
        list: async (progress) => {
          const prepared = await prepareSource(source, { scratchRoot, ...pypiPrepareOptions(values) });
          try {
            for (const n of prepared.notes) progress(n);
            // A server may put its scratch paths into tool text (figma does): never publish machine paths.
            const listed = prepared.redact(await listTools(prepared.target, limits));
            const defaults: Partial<Server> = { ...serverDefaults(id, listed), homepage: prepared.package.homepage };
            if (prepared.package.repository) defaults.repository = prepared.package.repository;
            return { listed, defaults };
          } finally {
            await prepared.cleanup();
          }
        },
      };
    });
}

async function runJob(job: Job, catalog: string, io: CliIO): Promise<Outcome> {
  const say = (line: string): void => io.stderr(`${job.id}: ${oneLine(line)}\n`);
  say('listing...');
  try {
    const { listed, defaults } = await job.list(say);
    const snap = snapshotFromListing(job.server, listed, SDK_VERSION);
    for (const w of snap.warnings) say(`warning: ${w}`);
    const r = writeServerSnapshot(catalog, snap.input, { defaults });
    for (const n of r.removedWithNotes) say(`warning: removed tool ${JSON.stringify(oneLine(n.name, 80))} had a review or notes (tools/${n.slug}.md, see git history)`);
    for (const c of r.risky) say(`warning: risky change to ${JSON.stringify(oneLine(c.tool, 80))}: ${c.reasons.join('; ')}`);
    const risky = r.risky.length ? `, ${r.risky.length} risky (see history.jsonl; \`mcp-risk diff\` checks a server against this snapshot)` : '';
    say(`${snap.input.tools.length} tools (${r.added.length} added, ${r.changed.length} changed, ${r.removed.length} removed, ${r.unchanged} unchanged${risky})`);
    return { id: job.id, ok: true, added: r.added.length, changed: r.changed.length, removed: r.removed.length };
  } catch (e) {
    const why = oneLine((e as Error).message ?? String(e));
    let exit: number = EXIT.usage;
    if (e instanceof IngestError) exit = e.code === 'bad-file' ? EXIT.usage : EXIT.unlisted;
    else if (e instanceof SourceError) exit = EXIT.unlisted;
    else if (e instanceof ServerJsonError) exit = EXIT.usage;
    else if (!(e instanceof CatalogError)) throw e;
    return { id: job.id, ok: false, why, exit, added: 0, changed: 0, removed: 0 };
  }
}

async function pool<T, R>(items: readonly T[], n: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, worker));
  return out;
}

/** Run `mcp-risk ingest`; returns the exit code. */
export async function runIngest(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseFlags('ingest', args, {
    file: { type: 'string' }, command: { type: 'string' }, url: { type: 'string' }, all: { type: 'boolean' },
    id: { type: 'string' }, name: { type: 'string' }, description: { type: 'string' }, repository: { type: 'string' },
    env: { type: 'string', multiple: true }, only: { type: 'string', multiple: true }, catalog: { type: 'string' },
    timeout: { type: 'string' }, 'max-pages': { type: 'string' }, 'max-tools': { type: 'string' }, 'max-bytes': { type: 'string' },
    concurrency: { type: 'string' }, scratch: { type: 'string' },
    'server-json': { type: 'string' }, 'pip-index-url': { type: 'string' }, python: { type: 'string' },
  }, false);
  if (values.help) {
    io.stdout(INGEST_HELP);
    return EXIT.ok;
  }
  void positionals;
  const modes = (['file', 'command', 'url', 'all', 'server-json'] as const).filter((m) => values[m] !== undefined && values[m] !== false);
  if (modes.length !== 1) throw new CliError(`ingest: expected exactly one of --file, --command, --url, --all or --server-json (see mcp-risk ingest --help)`);
  if (values.env && !values.command) throw new CliError('ingest: --env only applies to --command');
  const catalog = catalogDir(values.catalog, io.env);
  const limits = limitsFrom(values);
  const concurrency = positiveInt('concurrency', values.concurrency) ?? 2;
  const jobs =
    modes[0] === 'all' ? await sourceJobs(values, catalog, limits)
    : modes[0] === 'server-json' ? [await serverJsonJob(values, catalog, limits, checkId, io)]
    : [singleJob(values, catalog, limits)];
  const outcomes = await pool(jobs, concurrency, (j) => runJob(j, catalog, io));

  const single = jobs.length === 1 && modes[0] !== 'all' ? outcomes[0] : undefined;
  if (single && !single.ok) throw new CliError(`ingest: ${single.id}: ${single.why ?? 'failed'}`, single.exit ?? EXIT.unlisted);
  const ok = outcomes.filter((o) => o.ok);
  const failed = outcomes.filter((o) => !o.ok);
  const sum = (k: 'added' | 'changed' | 'removed'): number => outcomes.reduce((a, o) => a + o[k], 0);
  io.stderr(`mcp-risk: ingest: servers ${ok.length} ok, ${failed.length} failed; tools ${sum('added')} added, ${sum('changed')} changed, ${sum('removed')} removed\n`);
  for (const f of failed) io.stderr(`  failed ${f.id}: ${f.why ?? ''}\n`);
  if (failed.length === 0) return EXIT.ok;
  return failed.some((f) => f.exit === EXIT.unlisted) ? EXIT.unlisted : EXIT.usage;
}
