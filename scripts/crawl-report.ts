/**
 * `npm run crawl:report [-- --catalog DIR] [--write] [--prune]`: read `<catalog>/crawl-results.jsonl`
 * and print the crawl's figures (Markdown, for docs/performance.md). `--write` regenerates the part of
 * `<catalog>/SKIPPED.md` below its marker (every source that failed, grouped by cause); `--prune`
 * removes from `<catalog>/sources.yaml` the sources whose last result failed and that have no server
 * folder (they are in SKIPPED.md instead).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { writeAtomic } from '../src/lib/crawl/merge.js';
import { crawlStats, renderSkipped } from '../src/lib/crawl/report.js';
import { finalByKey, parseResults } from '../src/lib/crawl/results.js';
import { removeSourceEntry } from '../src/lib/crawl/sources-edit.js';
import { loadSources } from '../src/lib/sources/index.js';

export const SKIPPED_MARKER = '<!-- Generated below this line by `npm run crawl:report -- --write`; edit above it. -->';

const { values } = parseArgs({ options: { catalog: { type: 'string' }, write: { type: 'boolean' }, prune: { type: 'boolean' }, downloads: { type: 'string' } } });
const catalog = resolve(values.catalog ?? 'catalog');
const resultsFile = join(catalog, 'crawl-results.jsonl');
if (!existsSync(resultsFile)) {
  process.stderr.write(`crawl-report: ${resultsFile}: no results file (run ingest --all --results ${resultsFile})\n`);
  process.exit(2);
}
const { records } = parseResults(readFileSync(resultsFile, 'utf8'));
const hasFolder = (id: string): boolean => existsSync(join(catalog, 'servers', id, 'server.yaml'));

// Downloads a month: from the sources (they carry them) and from the results' packages.
const { sources } = await loadSources(join(catalog, 'sources.yaml'));
const downloads = new Map<string, number>();
for (const s of sources) if (s.npm && s.downloads) downloads.set(s.npm.slice(0, s.npm.lastIndexOf('@')), s.downloads.monthly);
if (values.downloads && existsSync(values.downloads)) {
  // A package list (name, version, downloads a month, ...) for the sources already pruned.
  const wanted = new Set(records.map((r) => (r.package ? r.package.slice(0, r.package.lastIndexOf('@')) : '')));
  for (const line of readFileSync(values.downloads, 'utf8').split('\n')) {
    const [name, , n] = line.split('\t');
    if (name && wanted.has(name) && /^\d+$/.test(n ?? '')) downloads.set(name, Number(n));
  }
}

const finals = [...finalByKey(records).values()];
const failedKeys = new Set(finals.filter((r) => r.outcome === 'failed' && !hasFolder(r.id)).map((r) => r.key));

if (values.write) {
  const file = join(catalog, 'SKIPPED.md');
  const old = existsSync(file) ? readFileSync(file, 'utf8') : '# Servers left out of the catalogue, and why\n';
  const at = old.indexOf(SKIPPED_MARKER);
  const head = `${(at >= 0 ? old.slice(0, at) : old).trimEnd()}\n\n${SKIPPED_MARKER}`;
  writeAtomic(file, renderSkipped({ records, keys: failedKeys, downloads, head }));
  process.stderr.write(`crawl-report: wrote ${file} (${failedKeys.size} packages)\n`);
}

if (values.prune) {
  const file = join(catalog, 'sources.yaml');
  let text = readFileSync(file, 'utf8');
  let n = 0;
  const failedIds = new Set(finals.filter((r) => failedKeys.has(r.key)).map((r) => r.id));
  for (const s of sources) {
    if (s.npm && failedIds.has(s.id) && !hasFolder(s.id) && failedKeys.has(`${s.id}@${s.npm.slice(s.npm.lastIndexOf('@') + 1)}`)) {
      text = removeSourceEntry(text, s.id);
      n++;
    }
  }
  writeAtomic(file, text);
  process.stderr.write(`crawl-report: removed ${n} failed source(s) from ${file}\n`);
}

const st = crawlStats(records);
const f = (v: { median: number; p90: number; n: number } | undefined, unit = 's'): string => (v ? `${v.median.toFixed(1)} ${unit} | ${v.p90.toFixed(1)} ${unit} | ${v.n}` : 'n/a | n/a | 0');
const lines = [
  `Sources tried: ${st.servers} (${st.attempts} attempts); listed: ${st.listed} (${st.listedAtFirstTry} at the first try, ${Object.entries(st.bySecondTry).map(([k, v]) => `${v} by ${k}`).join(', ') || 'none by a second try'}), ${st.tools} tools.`,
  '',
  '| per server | median | p90 | servers |',
  '|---|---:|---:|---:|',
  `| install (first attempt) | ${f(st.install)} |`,
  `| start (spawn to the initialize answer) | ${f(st.start)} |`,
  `| list (tools/list, every page) | ${f(st.list)} |`,
  `| all attempts of a listed server | ${f(st.perServer)} |`,
  `| all attempts of any source, listed or not | ${f(st.perSource)} |`,
  `| install size on disk | ${f(st.installMB, 'MB')} |`,
  '',
  `Timed sources: ${st.perSource?.n ?? 0}, ${(st.secondsTotal / 3600).toFixed(2)} hours of attempts together; mean ${st.perSource ? (st.secondsTotal / st.perSource.n).toFixed(1) : 'n/a'} s per source. At concurrency 4: 5,000 sources would take about ${st.perSource ? ((st.secondsTotal / st.perSource.n) * 5000 / 4 / 3600).toFixed(1) : 'n/a'} hours on one machine like this one.`,
  '',
  `Install folders measured: ${st.installMB?.n ?? 0}, ${(st.installMBTotal / 1000).toFixed(1)} GB together (deleted after listing).`,
  '',
  '| outcome | sources |',
  '|---|---:|',
  `| listed | ${st.listed} |`,
  ...Object.entries(st.failedByCause).sort((a, b) => b[1] - a[1]).map(([c, n]) => `| failed: ${c} | ${n} |`),
];
process.stdout.write(`${lines.join('\n')}\n`);
