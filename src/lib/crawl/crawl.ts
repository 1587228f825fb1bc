/**
 * Crawling one npm source: install it (install cache keyed by `name@version`), list it in the
 * sandbox, and when that fails make the automatic second tries (see `retries.ts`), recording every
 * attempt with its cause and the seconds per phase. The install is deleted afterwards unless kept.
 */
import { readdir, readFile, lstat, rm } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { IngestError, listTools, type ListLimits, type ListResult } from '../ingest/index.js';
import type { Source } from '../schema/source.js';
import { SourceError, installPrefixFor, packageRoot, parseNpmSpec, prepareSource, redactPaths, type NetIsolation } from '../sources/index.js';
import { classifyFailure, type Cause } from './causes.js';
import { resultKey, type AttemptKind, type CrawlRecord } from './results.js';
import { envNamesFromReadme, secondTries, type SecondTry } from './retries.js';

export interface CrawlOptions {
  scratchRoot: string;
  /** Install cache root (`<installRoot>/<name@version>`); default `<scratchRoot>/installs`. */
  installRoot?: string;
  /** Keep the install after listing (default: delete it). */
  keepInstalls?: boolean;
  limits?: Partial<ListLimits>;
  npmCache?: string;
  /** Install from this tarball/folder instead of the registry (tests). */
  installFrom?: string;
  isolation?: NetIsolation;
  /** Install with `--prefer-offline` (default true): cached registry metadata is reused without revalidation. */
  preferOffline?: boolean;
  /** Make the second tries (default true). */
  secondTries?: boolean;
  now?: () => Date;
  shard?: string;
  /** Progress notes (install reused, bin chosen, each second try). */
  note?: (line: string) => void;
}

/** What a crawl of one source gives. */
export interface CrawlOutcome {
  records: CrawlRecord[];
  /** The listing that worked (tools already redacted of machine paths). */
  listed?: ListResult;
  /** The installed package's homepage / repository, when it got that far. */
  package?: { homepage?: string; repository?: string };
  /** What the successful second try added to the source, to save in sources.yaml. */
  fix?: { env?: Record<string, string>; args?: string[]; main?: string };
}

const secs = (ms: number): number => Math.round(ms / 10) / 100;

/** Bytes of every file under `dir` (symlinks not followed); 0 when it does not exist. */
export async function folderBytes(dir: string): Promise<number> {
  let total = 0;
  const walk = async (d: string): Promise<void> => {
    const entries = await readdir(d, { withFileTypes: true }).catch(() => []);
    for (const e of entries) {
      const p = join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else total += (await lstat(p).catch(() => ({ size: 0 }))).size;
    }
  };
  await walk(dir);
  return total;
}

/** The README of an installed package (first 1 MB), or ''. */
export async function readmeOf(root: string): Promise<string> {
  const names = await readdir(root).catch(() => [] as string[]);
  const file = names.find((n) => /^readme(\.(md|markdown|txt|rst))?$/i.test(n));
  if (!file) return '';
  const text = await readFile(join(root, file), 'utf8').catch(() => '');
  return text.slice(0, 1_000_000);
}

async function packageJsonAt(root: string): Promise<Record<string, unknown> | undefined> {
  try {
    const v: unknown = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'));
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The file a package without a bin would run: its `main`, else `index.js` if present. */
async function mainOf(root: string): Promise<string | undefined> {
  const pkg = await packageJsonAt(root);
  const main = typeof pkg?.['main'] === 'string' && pkg['main'].trim() ? (pkg['main'] as string).trim() : 'index.js';
  const ok = await lstat(resolve(root, main)).then((s) => s.isFile()).catch(() => false);
  return ok && !resolve(root, main).startsWith('..') ? main.replace(/^\.\//, '') : undefined;
}

/**
 * Crawl one npm source (see the module comment). Never throws for a server's failure: every
 * failure is a record with a cause. Reasons have this machine's paths replaced.
 */
export async function crawlSource(source: Source, opts: CrawlOptions): Promise<CrawlOutcome> {
  const now = opts.now ?? (() => new Date());
  const key = resultKey(source);
  const scratchRoot = resolve(opts.scratchRoot);
  const installRoot = resolve(opts.installRoot ?? join(scratchRoot, 'installs'));
  const spec = source.npm ? parseNpmSpec(source.npm) : undefined;
  const prefix = spec?.ok ? installPrefixFor(installRoot, spec.spec) : undefined;
  const hide = (text: string): string =>
    redactPaths(text, [
      [installRoot, '{install}'],
      [scratchRoot, '{scratch-root}'],
      [process.cwd(), '{cwd}'],
      [homedir(), '{home}'],
    ]);
  const records: CrawlRecord[] = [];
  const outcome: CrawlOutcome = { records };
  let installed = false;

  const attempt = async (kind: AttemptKind, change?: SecondTry): Promise<{ ok: boolean; cause?: Cause; phase?: 'install' | 'prepare' | 'list' }> => {
    const effective: Source = change
      ? { ...source, env: { ...source.env, ...change.env }, args: [...source.args, ...change.args], ...(change.main !== undefined ? { main: change.main, bin: undefined } : {}) }
      : source;
    if (effective.bin === undefined) delete (effective as { bin?: string }).bin;
    const t0 = performance.now();
    const record: CrawlRecord = { key, id: source.id, ...(source.npm ? { package: source.npm } : {}), attempt: kind, try: records.length + 1, final: false, outcome: 'failed', seconds: { total: 0 }, at: now().toISOString() };
    if (opts.shard) record.shard = opts.shard;
    if (change) {
      const added: NonNullable<CrawlRecord['added']> = {};
      if (Object.keys(change.env).length) added.env = change.env;
      if (change.args.length) added.args = change.args;
      if (change.main !== undefined) added.main = change.main;
      record.added = added;
    }
    records.push(record);
    let phase: 'install' | 'prepare' | 'list' = installed ? 'prepare' : 'install';
    let prepared: Awaited<ReturnType<typeof prepareSource>> | undefined;
    try {
      prepared = await prepareSource(effective, {
        scratchRoot,
        installRoot,
        preferOffline: opts.preferOffline !== false,
        ...(opts.npmCache ? { npmCache: opts.npmCache } : {}),
        ...(opts.installFrom ? { installFrom: opts.installFrom } : {}),
        ...(opts.isolation ? { isolation: opts.isolation } : {}),
      });
      installed = true;
      const t1 = performance.now();
      record.seconds.install = secs(t1 - t0);
      for (const n of prepared.notes) opts.note?.(n);
      outcome.package = { homepage: prepared.package.homepage, ...(prepared.package.repository ? { repository: prepared.package.repository } : {}) };
      phase = 'list';
      const listed = prepared.redact(await listTools(prepared.target, opts.limits ?? {}));
      if (listed.timings) {
        record.seconds.start = secs(listed.timings.startMs);
        record.seconds.list = secs(listed.timings.listMs);
      }
      record.tools = listed.tools.length;
      if (listed.tools.length === 0) {
        record.cause = 'no-tools';
        record.reason = 'the server answered tools/list with no tools';
        return { ok: false, cause: 'no-tools', phase };
      }
      record.outcome = 'listed';
      outcome.listed = listed;
      if (record.added) outcome.fix = record.added;
      return { ok: true };
    } catch (e) {
      if (!(e instanceof SourceError) && !(e instanceof IngestError)) throw e;
      if (e instanceof SourceError && e.field !== 'npm') installed = true;
      if (e instanceof SourceError && phase === 'install' && e.field !== 'npm') phase = 'prepare';
      const message = hide((e as Error).message);
      record.reason = message.length > 400 ? `${message.slice(0, 399)}…` : message;
      record.cause = classifyFailure(message, e instanceof IngestError ? e.code : undefined, phase);
      return { ok: false, cause: record.cause, phase };
    } finally {
      record.seconds.total = secs(performance.now() - t0);
      await prepared?.cleanup().catch(() => undefined);
    }
  };

  try {
    let result = await attempt('as-listed');
    if (!result.ok && opts.secondTries !== false && result.cause && result.phase !== 'install' && prefix && spec?.ok) {
      const root = packageRoot(prefix, spec.spec.name);
      const tries = secondTries({
        cause: result.cause,
        env: source.env,
        args: source.args,
        readmeEnv: envNamesFromReadme(await readmeOf(root)),
        main: result.cause === 'not-a-server' && source.main === undefined ? await mainOf(root) : undefined,
      });
      for (const t of tries) {
        opts.note?.(`second try: ${t.kind}${t.main ? ` (main ${t.main})` : ''}${Object.keys(t.env).length ? ` (env ${Object.keys(t.env).join(', ')})` : ''}${t.args.length ? ` (args ${t.args.join(' ')})` : ''}`);
        result = await attempt(t.kind, t);
        if (result.ok) break;
      }
    }
  } finally {
    const last = records[records.length - 1];
    if (last) last.final = true;
    if (prefix) {
      const first = records[0];
      const bytes = await folderBytes(prefix);
      if (first && bytes > 0) first.installBytes = bytes;
      if (!opts.keepInstalls) await rm(prefix, { recursive: true, force: true });
    }
  }
  return outcome;
}
