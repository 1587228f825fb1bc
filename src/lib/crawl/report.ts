/**
 * From the crawl's results file to what we publish: catalog/SKIPPED.md (every source that could not
 * be listed, grouped by cause) and the crawl figures of docs/performance.md. Pure.
 */
import { CAUSES, type Cause } from './causes.js';
import { finalByKey, type CrawlRecord } from './results.js';

/** Median and 90th percentile (nearest rank) of `xs`, or undefined for none. Pure. */
export function medianP90(xs: readonly number[]): { median: number; p90: number; n: number } | undefined {
  if (xs.length === 0) return undefined;
  const s = [...xs].sort((a, b) => a - b);
  const rank = (q: number): number => s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] as number;
  return { median: rank(0.5), p90: rank(0.9), n: s.length };
}

/** Markdown table cell text: one line, pipes and angle brackets escaped, backticks removed. Pure. */
export function cell(text: string, max = 220): string {
  const one = text.replace(/\s+/g, ' ').trim();
  const cut = one.length > max ? `${one.slice(0, max - 1)}…` : one;
  return cut.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/`/g, "'");
}

export interface SkippedInput {
  records: readonly CrawlRecord[];
  /** Keys (`id@version`) to report: the sources tried; a key with no final failure is left out. */
  keys?: ReadonlySet<string>;
  /** Monthly downloads by npm package name. */
  downloads?: ReadonlyMap<string, number>;
  /** Hand-written Markdown kept above and below the generated part. */
  head: string;
  tail?: string;
}

const packageName = (spec: string): string => spec.slice(0, spec.lastIndexOf('@') > 0 ? spec.lastIndexOf('@') : spec.length);

/** catalog/SKIPPED.md: the hand-written head, then one section per cause (biggest first), then the tail. Pure. */
export function renderSkipped(input: SkippedInput): string {
  const failed = [...finalByKey(input.records).values()].filter((r) => r.outcome === 'failed' && (!input.keys || input.keys.has(r.key)));
  const byCause = new Map<Cause, CrawlRecord[]>();
  for (const r of failed) {
    const c = (r.cause ?? 'exited') as Cause;
    byCause.set(c, [...(byCause.get(c) ?? []), r]);
  }
  const dl = (r: CrawlRecord): number => (r.package ? input.downloads?.get(packageName(r.package)) ?? 0 : 0);
  const causes = [...byCause.keys()].sort((a, b) => (byCause.get(b)?.length ?? 0) - (byCause.get(a)?.length ?? 0) || a.localeCompare(b));
  let out = `${input.head.trimEnd()}\n\n## Tried by the crawl and left out, by cause\n\nGenerated from \`catalog/crawl-results.jsonl\` by \`npm run crawl:report\`: ${failed.length} package(s), each with the last attempt's reason (after the automatic second tries where the cause allowed one). Downloads a month from the package list of 2026-11-01.\n`;
  out += `\n| Cause | Packages |\n|---|---:|\n${causes.map((c) => `| ${CAUSES[c] ?? c} (\`${c}\`) | ${byCause.get(c)?.length ?? 0} |`).join('\n')}\n`;
  for (const c of causes) {
    const rows = [...(byCause.get(c) ?? [])].sort((a, b) => dl(b) - dl(a) || a.key.localeCompare(b.key));
    out += `\n### ${CAUSES[c] ?? c} (\`${c}\`, ${rows.length})\n\n| Package | Downloads a month | Tries | Last reason |\n|---|---:|---:|---|\n`;
    for (const r of rows) out += `| \`${cell(r.package ?? r.id, 120)}\` | ${dl(r) || ''} | ${r.try} | ${cell(r.reason ?? '')} |\n`;
  }
  if (input.tail) out += `\n${input.tail.trim()}\n`;
  return out;
}

export interface CrawlStats {
  servers: number;
  listed: number;
  listedAtFirstTry: number;
  /** Listed by a second try, by kind. */
  bySecondTry: Record<string, number>;
  failedByCause: Record<string, number>;
  /** Seconds per listed server: install (first attempt), start and list (the attempt that worked), and all attempts together. */
  install?: ReturnType<typeof medianP90>;
  start?: ReturnType<typeof medianP90>;
  list?: ReturnType<typeof medianP90>;
  perServer?: ReturnType<typeof medianP90>;
  /** Seconds per source, listed or not (all attempts). */
  perSource?: ReturnType<typeof medianP90>;
  installMB?: ReturnType<typeof medianP90>;
  installMBTotal: number;
  /** Seconds of all timed attempts together (for throughput: divide by the concurrency). */
  secondsTotal: number;
  attempts: number;
  tools: number;
}

/** Crawl figures over the timed records (records carried over without timings are counted in outcomes only). Pure. */
export function crawlStats(records: readonly CrawlRecord[], keys?: ReadonlySet<string>): CrawlStats {
  const rs = records.filter((r) => !keys || keys.has(r.key));
  const finals = [...finalByKey(rs).values()];
  const byKey = new Map<string, CrawlRecord[]>();
  // Attempts of the run that gave the final verdict: the records since the previous final of that key.
  for (const r of rs) {
    const list = byKey.get(r.key) ?? [];
    if (list.length && list[list.length - 1]?.final) list.length = 0;
    list.push(r);
    byKey.set(r.key, list);
  }
  const stats: CrawlStats = { servers: finals.length, listed: 0, listedAtFirstTry: 0, bySecondTry: {}, failedByCause: {}, installMBTotal: 0, secondsTotal: 0, attempts: 0, tools: 0 };
  const install: number[] = [], start: number[] = [], list: number[] = [], perServer: number[] = [], perSource: number[] = [], mb: number[] = [];
  for (const f of finals) {
    const run = byKey.get(f.key) ?? [f];
    stats.attempts += run.length;
    if (f.outcome === 'listed') {
      stats.listed++;
      stats.tools += f.tools ?? 0;
      if (f.attempt === 'as-listed') stats.listedAtFirstTry++;
      else stats.bySecondTry[f.attempt] = (stats.bySecondTry[f.attempt] ?? 0) + 1;
    } else {
      const c = f.cause ?? 'exited';
      stats.failedByCause[c] = (stats.failedByCause[c] ?? 0) + 1;
    }
    if (f.untimed) continue;
    const total = run.reduce((a, r) => a + (r.seconds?.total ?? 0), 0);
    perSource.push(total);
    stats.secondsTotal += total;
    const first = run[0];
    if (first?.installBytes) {
      mb.push(first.installBytes / 1e6);
      stats.installMBTotal += first.installBytes / 1e6;
    }
    if (f.outcome === 'listed') {
      perServer.push(total);
      if (first?.seconds.install !== undefined) install.push(first.seconds.install);
      if (f.seconds.start !== undefined) start.push(f.seconds.start);
      if (f.seconds.list !== undefined) list.push(f.seconds.list);
    }
  }
  const set = <K extends 'install' | 'start' | 'list' | 'perServer' | 'perSource' | 'installMB'>(k: K, xs: number[]): void => {
    const v = medianP90(xs);
    if (v) stats[k] = v;
  };
  set('install', install); set('start', start); set('list', list); set('perServer', perServer); set('perSource', perSource); set('installMB', mb);
  return stats;
}
