/**
 * The benchmark's Markdown table: one column per size, one row per metric, and a target column
 * with pass/fail judged at the target size (50,000 tools, or the largest size run).
 */
import type { SizeResult } from './measure.js';

/** Targets of the issue. */
export const TARGETS = {
  /** Site build time / floor time at the target size. */
  buildRatio: 2,
  /** Peak memory of the build at the target size, MiB. */
  peakMb: 1536,
  filesPerTool: 3,
  searchP95Ms: 20,
  firstResultGzipKb: 400,
  /** Share of typo queries that must still find their tool. */
  typoShare: 0.9,
  classifierPerSec: 50_000,
  /** Re-ingesting one server and rebuilding, as a share of the full build. */
  incrementalShare: 0.1,
  /** The size the targets are stated for. */
  size: 50_000,
} as const;

const n0 = (v: number): string => Math.round(v).toLocaleString('en-US');
const n1 = (v: number): string => (Number.isFinite(v) ? v.toFixed(1) : 'n/a');
const kb = (bytes: number): string => `${n0(bytes / 1024)} KB`;
const mb = (kib: number | undefined): string => (kib === undefined ? 'n/a' : `${n0(kib / 1024)} MB`);
const verdict = (ok: boolean | undefined, at: number): string => (ok === undefined ? 'not measured' : `${ok ? 'PASS' : 'FAIL'}${at === TARGETS.size ? '' : ` (at ${n0(at)})`}`);

/** Optional result of the 100k default-heap build (`--huge`). */
export interface HugeResult {
  tools: number;
  code: number | null;
  ms: number;
  peakRssKb?: number;
  heapLimitMb: number;
  error?: string;
}

/** The Markdown table for `results` (sorted by size). */
export function markdownTable(results: readonly SizeResult[], huge?: HugeResult): string {
  const rs = [...results].sort((a, b) => a.tools - b.tools);
  const target = rs.find((r) => r.tools === TARGETS.size) ?? rs[rs.length - 1];
  const at = target?.tools ?? 0;
  const rows: string[][] = [];
  const row = (metric: string, cell: (r: SizeResult) => string, targetText = '', pass = ''): void => {
    rows.push([metric, ...rs.map((r) => (r.build.code === 0 || metric.startsWith('Site build') || metric.startsWith('Servers') || metric.startsWith('Classifier') ? cell(r) : 'build failed')), targetText, pass]);
  };
  const ratio = (r: SizeResult): number => (r.floor && r.floor.code === 0 ? r.build.ms / r.floor.ms : NaN);
  const filesPerTool = (r: SizeResult): number => (r.files ? r.files.total / r.tools : NaN);
  const b = (r: SizeResult) => r.search?.browser;
  const typoShare = (r: SizeResult): number => (b(r) ? b(r)!.typoFound / Math.max(1, b(r)!.typoTotal) : NaN);

  row('Servers (tools per server 20-2,000)', (r) => n0(r.servers));
  const runs = (xs: readonly number[] | undefined): string => (xs && xs.length > 1 ? ` (median of ${xs.map((x) => n1(x / 1000)).join(', ')})` : '');
  row('Site build, s', (r) => (r.build.code === 0 ? n1(r.build.ms / 1000) + runs(r.runs?.build) : `failed: ${r.build.error ?? `exit ${r.build.code}`}`));
  row('Floor (plain Node, the same files from the same data), s', (r) => (r.floor ? n1(r.floor.ms / 1000) + runs(r.runs?.floor) + (r.floor.files !== undefined ? `, ${n0(r.floor.files)} files` : '') : 'n/a'));
  row('Build / floor', (r) => `${n1(ratio(r))}x`, `<= ${TARGETS.buildRatio}x at 50k`, target ? verdict(ratio(target) <= TARGETS.buildRatio, at) : '');
  row('Peak memory, site build', (r) => mb(r.build.peakRssKb), `< ${TARGETS.peakMb / 1024} GB at 50k`, target ? verdict(target.build.peakRssKb === undefined ? undefined : target.build.peakRssKb / 1024 < TARGETS.peakMb, at) : '');
  row('Peak memory, floor', (r) => mb(r.floor?.peakRssKb));
  row('dist/ per tool page (HTML)', (r) => (r.files ? kb(r.files.toolPageBytes / Math.max(1, r.files.toolPages)) : 'n/a'));
  row('dist/ total per tool (all files)', (r) => (r.files ? kb(r.files.bytes / r.tools) : 'n/a'));
  const incr = (r: SizeResult): number => (r.incremental && r.incremental.code === 0 && !r.incremental.error ? (r.incremental.ingestMs + r.incremental.buildMs) / r.build.ms : NaN);
  row(
    'Re-ingest one server + incremental rebuild, s (share of the full build)',
    (r) => {
      const i = r.incremental;
      if (!i) return 'n/a';
      if (i.error) return `failed: ${i.error}`;
      return `${n1(i.ingestMs / 1000)} + ${n1(i.buildMs / 1000)} = ${n1((i.ingestMs + i.buildMs) / 1000)} (${n0(incr(r) * 100)}%; ${n0(i.renderedTools ?? 0)} of ${n0(i.totalTools ?? 0)} tool pages, ${i.renderedServers ?? 0} server rendered; ${i.serverTools} tools re-ingested)`;
    },
    `<= ${TARGETS.incrementalShare * 100}% at 50k`,
    target?.incremental ? verdict(incr(target) <= TARGETS.incrementalShare, at) : '',
  );
  row('Files written per tool', (r) => n1(filesPerTool(r)) + (r.files ? ` (${n0(r.files.total)} files)` : ''), `<= ${TARGETS.filesPerTool}`, rs.length ? verdict(rs.every((r) => filesPerTool(r) <= TARGETS.filesPerTool), TARGETS.size) : '');
  row('Search index on disk: files, raw / gzip', (r) => (r.search ? `${n0(r.search.total.files)} files, ${kb(r.search.total.raw)} / ${kb(r.search.total.gzip)}` : 'n/a'));
  row('Search index read to open and answer a first query, raw / gzip', (r) => (r.search ? `${r.search.files.length} files, ${kb(r.search.files.reduce((a, f) => a + f.raw, 0))} / ${kb(r.search.files.reduce((a, f) => a + f.gzip, 0))}` : 'n/a'));
  row('Search in Node: open, first query, ms', (r) => (r.search ? `${n0(r.search.node.loadMs)}, ${n0(r.search.node.firstQueryMs)}` : 'n/a'));
  row('Search in Node: first screen (10 results), files fetched as needed, p50 / p95, ms', (r) => (r.search ? `${n1(r.search.node.p50)} / ${n1(r.search.node.p95)}${r.search.node.ran < 200 ? ` (${r.search.node.ran} queries in budget)` : ''}` : 'n/a'));
  row('Search in Node: first screen, files loaded, p50 / p95, ms', (r) => (r.search ? `${n1(r.search.node.warmP50)} / ${n1(r.search.node.warmP95)}` : 'n/a'));
  row('Search in Chromium: open, first query, ms', (r) => (b(r) ? `${n0(b(r)!.loadMs)}, ${n0(b(r)!.firstQueryMs)}` : r.search?.browserSkipped ?? 'n/a'));
  row('Search in Chromium: first screen (10 results), files fetched as needed, p50 / p95, ms', (r) => (b(r) ? `${n1(b(r)!.p50)} / ${n1(b(r)!.p95)}${b(r)!.ran < 200 ? ` (${b(r)!.ran} queries in budget)` : ''}` : 'n/a'), `p95 < ${TARGETS.searchP95Ms} ms at 50k`, target ? verdict(b(target) ? b(target)!.p95 < TARGETS.searchP95Ms : undefined, at) : '');
  row('Search in Chromium: first screen, files loaded (engine work), p50 / p95, ms', (r) => (b(r) ? `${n1(b(r)!.warmP50)} / ${n1(b(r)!.warmP95)}` : 'n/a'));
  row('Search in Chromium: rest of the results (to 50) p95, ms', (r) => (b(r) ? n1(b(r)!.restP95) : 'n/a'));
  row('Search in Chromium: typo queries found (top 10)', (r) => (b(r) ? `${b(r)!.typoFound} / ${b(r)!.typoTotal}` : 'n/a'), `>= ${TARGETS.typoShare * 100}%`, target ? verdict(b(target) ? typoShare(target) >= TARGETS.typoShare : undefined, at) : '');
  row('Search in Chromium: open /search/ to first result', (r) => (b(r) ? `${n0(b(r)!.firstResultMs)} ms, ${b(r)!.requests} requests` : 'n/a'));
  row('Bytes fetched before the first result, gzip (raw)', (r) => (b(r) ? `${kb(b(r)!.fetchedGzip)} (${kb(b(r)!.fetchedRaw)})` : 'n/a'), `< ${TARGETS.firstResultGzipKb} KB gzip at 50k`, target ? verdict(b(target) ? b(target)!.fetchedGzip / 1024 < TARGETS.firstResultGzipKb : undefined, at) : '');
  row('Classifier throughput, tools/s', (r) => (Number.isFinite(r.classifierPerSec) ? n0(r.classifierPerSec) : 'n/a'), `> ${n0(TARGETS.classifierPerSec)}`, rs.length ? verdict(rs.every((r) => r.classifierPerSec > TARGETS.classifierPerSec), TARGETS.size) : '');
  const header = ['Metric', ...rs.map((r) => `${n0(r.tools)} tools`), 'Target', 'Result'];
  const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)];
  const hugeLine = huge
    ? `\n${n0(huge.tools)} tools with Node's default heap (${n0(huge.heapLimitMb)} MB limit): ${huge.code === 0 ? `built in ${n1(huge.ms / 1000)} s, peak ${mb(huge.peakRssKb)}: PASS` : `FAIL (${huge.error ?? `exit ${huge.code}`})`}\n`
    : `\n100,000 tools with Node's default heap: not run (use --huge).\n`;
  return `${lines.join('\n')}\n${hugeLine}`;
}
