/**
 * The crawl's results file: JSONL, one record per attempt at listing one source (`id@version`), so
 * a run skips what is done and resumes after a stop. A source is done once a record with
 * `final: true` exists for its key; a half-written last line (a stop mid-write) is ignored.
 */
import type { Cause } from './causes.js';

/** Which try this was: the source as written, or one of the automatic second tries. */
export type AttemptKind = 'as-listed' | 'readme-env' | 'stdio-arg' | 'main';

/** Seconds spent per phase of one attempt (install is ~0 when the install cache was used). */
export interface PhaseSeconds {
  install?: number;
  start?: number;
  list?: number;
  total: number;
}

/** One attempt at one source. */
export interface CrawlRecord {
  /** `id@version` for npm sources, `id@file` / `id@url` otherwise. */
  key: string;
  id: string;
  /** npm `name@version`. */
  package?: string;
  attempt: AttemptKind;
  /** 1 for the first attempt at this key in this run, 2... for the second tries. */
  try: number;
  /** The last attempt at the key in this run: its outcome is the source's. */
  final: boolean;
  outcome: 'listed' | 'failed';
  cause?: Cause;
  /** One line, machine paths replaced. */
  reason?: string;
  tools?: number;
  seconds: PhaseSeconds;
  /** Bytes of the install folder (the package and its dependencies), measured before it is deleted. */
  installBytes?: number;
  /** What the attempt added to the source: env names (dummy values), args, the main file. */
  added?: { env?: Record<string, string>; args?: string[]; main?: string };
  /** Carried over from a run that kept no timings (its seconds are not measurements). */
  untimed?: boolean;
  /** Shard `I/N` of the run, when sharded. */
  shard?: string;
  at: string;
}

/** The results key of a source. Pure. */
export function resultKey(source: { id: string; npm?: string | undefined; pypi?: string | undefined; file?: string | undefined }): string {
  if (source.pypi) return `${source.id}@${source.pypi.split('==')[1] ?? source.pypi}`;
  if (source.npm) {
    const at = source.npm.lastIndexOf('@');
    return `${source.id}@${at > 0 ? source.npm.slice(at + 1) : source.npm}`;
  }
  return `${source.id}@${source.file ? 'file' : 'url'}`;
}

/** One JSONL line for a record (keys in a fixed order). Pure. */
export function formatRecord(r: CrawlRecord): string {
  return `${JSON.stringify(r)}\n`;
}

/**
 * Records from a results file's text, in order. Lines that are not a JSON object with `key`,
 * `outcome` and `final` (e.g. a half-written last line) are skipped and counted. Pure.
 */
export function parseResults(text: string): { records: CrawlRecord[]; skipped: number } {
  const records: CrawlRecord[] = [];
  let skipped = 0;
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      const v = JSON.parse(line) as Partial<CrawlRecord>;
      if (v && typeof v === 'object' && typeof v.key === 'string' && (v.outcome === 'listed' || v.outcome === 'failed') && typeof v.final === 'boolean') {
        records.push(v as CrawlRecord);
      } else skipped++;
    } catch {
      skipped++;
    }
  }
  return { records, skipped };
}

/** The last final record per key (a later run's verdict replaces an earlier one). Pure. */
export function finalByKey(records: readonly CrawlRecord[]): Map<string, CrawlRecord> {
  const out = new Map<string, CrawlRecord>();
  for (const r of records) if (r.final) out.set(r.key, r);
  return out;
}

/** Which keys a run should skip: listed ones, and failed ones unless `retryFailed` (or their cause is in `retryCauses`). Pure. */
export function doneKeys(records: readonly CrawlRecord[], opts: { retryFailed?: boolean; retryCauses?: readonly string[] } = {}): Set<string> {
  const done = new Set<string>();
  for (const [key, r] of finalByKey(records)) {
    if (r.outcome === 'listed') done.add(key);
    else if (!opts.retryFailed && !(r.cause && opts.retryCauses?.includes(r.cause))) done.add(key);
  }
  return done;
}
