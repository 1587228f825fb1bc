/**
 * `mcp-risk ingest`: list one server (a saved file, a stdio command, a URL) or every entry of
 * `<catalog>/sources.yaml`, and write each listing into the catalogue as a snapshot.
 */
import { appendFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, relative, resolve, sep, isAbsolute } from 'node:path';
import { crawlSource, type CrawlOutcome } from '../../src/lib/crawl/crawl.js';
import { RESULTS_FILE, SHARD_MANIFEST, writeAtomic } from '../../src/lib/crawl/merge.js';
import { formatProgressBar, formatProgressLine, type ProgressState } from '../../src/lib/crawl/progress.js';
import { doneKeys, formatRecord, parseResults, resultKey, type CrawlRecord } from '../../src/lib/crawl/results.js';
import { inShard, parseShard } from '../../src/lib/crawl/shard.js';
import { applySourceFix } from '../../src/lib/crawl/sources-edit.js';
import { CatalogError, catalogDir, writeServerSnapshot, type ServerInput } from '../../src/lib/catalog/index.js';
import { serverDefaults, serverFromSource, snapshotFromListing } from '../../src/lib/catalog/listing.js';
import { IngestError, SDK_VERSION, listTools, readToolsFile, type ListLimits, type ListResult } from '../../src/lib/ingest/index.js';
import { slugFor } from '../../src/lib/slug.js';
import { defaultScratchRoot, SourceError, formatSourceIssue, loadSources } from '../../src/lib/sources/index.js';
import { ServerJsonError, expandServerJsonSources } from '../../src/lib/registry/index.js';
import { listPrepared, serverJsonJob } from './ingest-server-json.js';
import type { Server } from '../../src/lib/schema/index.js';
import { CliError, EXIT, oneLine, parseFlags, positiveInt, type CliIO } from './common.js';
import { httpUrl, limitsFrom, stdioCommand } from './target.js';

export const INGEST_HELP = `Usage:
  mcp-risk ingest --file <tools.json> --id <server-id> [--name N] [--description D] [--repository URL]
  mcp-risk ingest --command "<cmd> [args]" --id <server-id> [--env NAME=VALUE]... [--name N] ...
  mcp-risk ingest --url <https://host/mcp> --id <server-id> [--name N] ...
  mcp-risk ingest --all [--only <id>]... [--concurrency N] [--scratch DIR] [--results FILE [--retry-failed]]
                       [--shard I/N [--out DIR]] [--keep-installs] [--no-second-tries] [--now ISO-TIME]
  mcp-risk ingest --server-json <server.json> [--id <server-id>] [--scratch DIR]

Lists the server's tools (tools/list, every page) and writes catalog/servers/<id>/.
Options: --catalog DIR, --timeout MS (whole listing), --max-pages N, --max-tools N, --max-bytes N.
PyPI servers: --pip-index-url URL (default PyPI), --python PATH (default python3 on PATH).
--all: npm sources are installed into an install cache (<scratch>/installs/<name@version>, deleted
after listing unless --keep-installs); a failed listing gets automatic second tries (env names from
the package's README with dummy values, --stdio, the package's main), and a second try that works is
saved into sources.yaml. --results appends one JSONL record per attempt and skips sources already
done there (listed, or failed unless --retry-failed). --shard I/N lists a stable 1/N of the sources;
--out DIR also writes them as a catalogue shard for \`mcp-risk merge\`. --now fixes ingestedAt.
A progress bar on a terminal, one line per server otherwise.
Exit: 0 ok, 2 bad input, 3 a server could not be listed.
`;

/** One server to ingest: how to list it and what server.yaml should say. */
export interface Job {
  id: string;
  server: ServerInput;
  list: (progress: (line: string) => void) => Promise<{ listed: ListResult; defaults: Partial<Server> }>;
  /** Results key (`id@version`) of a source. */
  key?: string;
  /** Attempts made, for the results file (npm sources). */
  records?: CrawlRecord[];
}

/** A failure already recorded as attempts (the crawl classified it). */
class CrawlFailure extends Error {}

interface Outcome {
  id: string;
  ok: boolean;
  why?: string;
  exit?: number;
  added: number;
  changed: number;
  removed: number;
  tools?: number;
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

interface AllOptions {
  shard?: string;
  skip: Set<string>;
  keepInstalls: boolean;
  secondTries: boolean;
  now?: () => Date;
  /** Save a second try that worked into sources.yaml. */
  saveFix: (id: string, fix: NonNullable<CrawlOutcome['fix']>) => void;
}

async function sourceJobs(values: Record<string, unknown>, catalog: string, limits: Partial<ListLimits>, all: AllOptions): Promise<Job[]> {
  const file = resolve(catalog, 'sources.yaml');
  const { sources: entries, issues } = await loadSources(file);
  const first = issues[0];
  if (first) throw new CliError(oneLine(formatSourceIssue(first)));
  // `serverJson:` entries become the npm / pypi / url entry their server.json names.
  const { sources, registry } = await expandServerJsonSources(entries, catalog);
  const only = new Set((values.only as string[] | undefined) ?? []);
  for (const id of only) if (!sources.some((s) => s.id === id)) throw new CliError(`ingest: --only: no source ${JSON.stringify(oneLine(id, 80))} in sources.yaml`);
  const scratchRoot = resolve((values.scratch as string | undefined) ?? defaultScratchRoot());
  let chosen = sources.filter((s) => only.size === 0 || only.has(s.id));
  if (all.shard) {
    const parsed = parseShard(all.shard);
    if (!parsed.ok) throw new CliError(`ingest: --shard: ${parsed.message}`);
    chosen = inShard(chosen, parsed.shard);
  }
  return chosen
    .filter((s) => !all.skip.has(resultKey(s)))
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
      const job: Job = {
        id,
        server,
        key: resultKey(source),
        list: async (progress) => {
          // PyPI entries: no npm install cache or second tries; straight through the same sandbox.
          if (!source.npm) return listPrepared(source, id, scratchRoot, limits, values, progress);
          // A server may put its scratch paths into tool text (figma does): crawlSource redacts them.
          const out = await crawlSource(source, {
            scratchRoot,
            limits,
            keepInstalls: all.keepInstalls,
            secondTries: all.secondTries,
            ...(all.now ? { now: all.now } : {}),
            ...(all.shard ? { shard: all.shard } : {}),
            note: progress,
          });
          job.records = out.records;
          const last = out.records[out.records.length - 1];
          if (!out.listed) throw new CrawlFailure(`${last?.cause ?? 'failed'}: ${last?.reason ?? 'failed'}${out.records.length > 1 ? ` (after ${out.records.length} tries)` : ''}`);
          if (out.fix) {
            all.saveFix(id, out.fix);
            progress(`second try ${last?.attempt} worked; saved to sources.yaml: ${JSON.stringify(out.fix)}`);
            const fixed = { ...source, env: { ...source.env, ...(out.fix.env ?? {}) }, args: [...source.args, ...(out.fix.args ?? [])], ...(out.fix.main ? { main: out.fix.main } : {}) };
            job.server = serverFromSource(fixed);
          }
          const defaults: Partial<Server> = { ...serverDefaults(id, out.listed), ...(out.package?.homepage ? { homepage: out.package.homepage } : {}) };
          if (out.package?.repository) defaults.repository = out.package.repository;
          return { listed: out.listed, defaults };
        },
      };
      return job;
    });
}

async function runJob(job: Job, catalog: string, io: CliIO, now?: () => Date): Promise<Outcome> {
  const say = (line: string): void => io.stderr(`${job.id}: ${oneLine(line)}\n`);
  say('listing...');
  try {
    const { listed, defaults } = await job.list(say);
    const snap = snapshotFromListing(job.server, listed, SDK_VERSION);
    for (const w of snap.warnings) say(`warning: ${w}`);
    const r = writeServerSnapshot(catalog, snap.input, { defaults, ...(now ? { now } : {}) });
    for (const n of r.removedWithNotes) say(`warning: removed tool ${JSON.stringify(oneLine(n.name, 80))} had a review or notes (tools/${n.slug}.md, see git history)`);
    for (const c of r.risky) say(`warning: risky change to ${JSON.stringify(oneLine(c.tool, 80))}: ${c.reasons.join('; ')}`);
    const risky = r.risky.length ? `, ${r.risky.length} risky (see history.jsonl; \`mcp-risk diff\` checks a server against this snapshot)` : '';
    say(`${snap.input.tools.length} tools (${r.added.length} added, ${r.changed.length} changed, ${r.removed.length} removed, ${r.unchanged} unchanged${risky})`);
    return { id: job.id, ok: true, added: r.added.length, changed: r.changed.length, removed: r.removed.length, tools: snap.input.tools.length };
  } catch (e) {
    const why = oneLine((e as Error).message ?? String(e));
    let exit: number = EXIT.usage;
    if (e instanceof IngestError) exit = e.code === 'bad-file' ? EXIT.usage : EXIT.unlisted;
    else if (e instanceof SourceError || e instanceof CrawlFailure) exit = EXIT.unlisted;
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
    results: { type: 'string' }, 'retry-failed': { type: 'boolean' }, shard: { type: 'string' }, out: { type: 'string' },
    'keep-installs': { type: 'boolean' }, 'no-second-tries': { type: 'boolean' }, now: { type: 'string' },
  }, false);
  if (values.help) {
    io.stdout(INGEST_HELP);
    return EXIT.ok;
  }
  void positionals;
  const modes = (['file', 'command', 'url', 'all', 'server-json'] as const).filter((m) => values[m] !== undefined && values[m] !== false);
  if (modes.length !== 1) throw new CliError(`ingest: expected exactly one of --file, --command, --url, --all or --server-json (see mcp-risk ingest --help)`);
  if (values.env && !values.command) throw new CliError('ingest: --env only applies to --command');
  for (const f of ['results', 'retry-failed', 'shard', 'out', 'keep-installs', 'no-second-tries'] as const) {
    if (values[f] !== undefined && modes[0] !== 'all') throw new CliError(`ingest: --${f} only applies to --all`);
  }
  if (values['retry-failed'] && !values.results) throw new CliError('ingest: --retry-failed needs --results FILE');
  if (values.out && !values.shard) throw new CliError('ingest: --out needs --shard I/N');
  let now: (() => Date) | undefined;
  if (values.now !== undefined) {
    const t = new Date(values.now);
    if (!/^\d{4}-\d{2}-\d{2}T/.test(values.now) || Number.isNaN(t.getTime())) throw new CliError(`ingest: --now: expected an ISO time like 2026-11-01T00:00:00.000Z, got ${JSON.stringify(oneLine(values.now, 40))}`);
    now = () => t;
  }
  const catalog = catalogDir(values.catalog, io.env);
  const limits = limitsFrom(values);
  const concurrency = positiveInt('concurrency', values.concurrency) ?? 2;
  const resultsFile = values.results ? resolve(values.results) : undefined;
  let skip = new Set<string>();
  if (resultsFile && existsSync(resultsFile)) {
    const { records, skipped } = parseResults(readFileSync(resultsFile, 'utf8'));
    if (skipped) io.stderr(`mcp-risk: ingest: ${resultsFile}: ignored ${skipped} unreadable line(s)\n`);
    skip = doneKeys(records, { retryFailed: values['retry-failed'] === true });
  }
  const sourcesFile = resolve(catalog, 'sources.yaml');
  const all: AllOptions = {
    skip,
    keepInstalls: values['keep-installs'] === true,
    secondTries: values['no-second-tries'] !== true,
    ...(values.shard ? { shard: values.shard } : {}),
    ...(now ? { now } : {}),
    // Synchronous read-modify-rename: jobs finish one at a time on this thread, so fixes never interleave.
    saveFix: (id, fix) => {
      const text = readFileSync(sourcesFile, 'utf8');
      const next = applySourceFix(text, id, fix);
      if (next !== text) writeAtomic(sourcesFile, next);
    },
  };
  const jobs =
    modes[0] === 'all' ? await sourceJobs(values, catalog, limits, all)
    : modes[0] === 'server-json' ? [await serverJsonJob(values, catalog, limits, checkId, io)]
    : [singleJob(values, catalog, limits)];
  const outDir = values.out ? resolve(values.out) : undefined;
  if (outDir) {
    rmSync(outDir, { recursive: true, force: true });
    mkdirSync(join(outDir, 'servers'), { recursive: true });
  }
  if (modes[0] === 'all' && skip.size) io.stderr(`mcp-risk: ingest: ${skip.size} source(s) already done in ${values.results} (skipped)\n`);

  // Progress: a bar redrawn on a terminal, one plain line per finished server otherwise.
  const started = Date.now();
  const state: ProgressState = { total: jobs.length, ok: 0, failed: 0, elapsedMs: 0 };
  const bar = modes[0] === 'all' && io.stderrIsTTY === true;
  const width = io.stderrColumns ?? 100;
  const jobIO: CliIO = bar
    ? { ...io, stderr: (t) => io.stderr(`\r\u001b[K${t}${formatProgressBar({ ...state, elapsedMs: Date.now() - started }, width)}`) }
    : io;
  const outcomes = await pool(jobs, concurrency, async (j) => {
    const o = await runJob(j, catalog, jobIO, now);
    if (o.ok) state.ok++;
    else state.failed++;
    state.elapsedMs = Date.now() - started;
    if (resultsFile) {
      mkdirSync(dirname(resultsFile), { recursive: true });
      const recs = j.records ?? [{ key: j.key ?? `${j.id}@file`, id: j.id, attempt: 'as-listed', try: 1, final: true, outcome: o.ok ? 'listed' : 'failed', ...(o.ok ? { tools: o.tools ?? 0 } : { reason: o.why ?? 'failed' }), seconds: { total: 0 }, at: (now ?? (() => new Date()))().toISOString() } satisfies CrawlRecord];
      appendFileSync(resultsFile, recs.map(formatRecord).join(''));
    }
    if (modes[0] === 'all') {
      if (bar) io.stderr(`\r\u001b[K${formatProgressBar(state, width)}`);
      else {
        const last = j.records?.[j.records.length - 1];
        const detail = o.ok ? `${o.tools ?? 0} tools${last?.attempt && last.attempt !== 'as-listed' ? ` (second try: ${last.attempt})` : ''}` : oneLine(o.why ?? 'failed', 160);
        io.stderr(`${formatProgressLine(state, { id: j.id, ok: o.ok, detail })}\n`);
      }
    }
    return o;
  });
  if (bar) io.stderr('\n');
  if (outDir) {
    const okIds = outcomes.filter((o) => o.ok).map((o) => o.id);
    for (const id of okIds) cpSync(join(catalog, 'servers', id), join(outDir, 'servers', id), { recursive: true });
    const records = jobs.flatMap((j) => j.records ?? []);
    writeAtomic(join(outDir, RESULTS_FILE), records.map(formatRecord).join(''));
    writeAtomic(join(outDir, SHARD_MANIFEST), `${JSON.stringify({ shard: values.shard, servers: okIds, failed: outcomes.filter((o) => !o.ok).map((o) => o.id) }, null, 2)}\n`);
  }

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
