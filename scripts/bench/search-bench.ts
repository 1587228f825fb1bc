/**
 * Search measurements over a built site: the size (raw and gzip) of the index and of what the first
 * query reads, load time and query latency p50/p95 over the fixed queries in Node and in Chromium (the
 * real /search/ page, served over loopback), whether typo queries still find their tool, and the
 * bytes fetched from opening /search/ to the first result shown. The site is served over loopback by
 * a static server in its own process, from memory (scripts/bench/serve-site.ts).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { serveSiteInChild } from './site-server.js';
import { runHarness, type HarnessRun } from './search-harness.js';
import { typoFound, type BenchQuery } from './queries.js';
import { ROOT } from './site-build.js';
import { SEARCH_INDEX_BASE } from '../../src/lib/search/sharded-format.js';

/** Count, raw and gzip bytes of every file under `dir`. */
function indexTotal(dir: string): SearchMeasure['total'] {
  const total = { files: 0, raw: 0, gzip: 0 };
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else {
        const bytes = readFileSync(p);
        total.files += 1;
        total.raw += bytes.length;
        total.gzip += gzipSync(bytes).length;
      }
    }
  };
  walk(dir);
  return total;
}

/** Latency summary of one run. */
export interface LatencyStats {
  loadMs: number;
  /** The first query with nothing cached (index files fetched as it needs them). */
  firstQueryMs: number;
  /** Time to the first screen of results (10), files fetched as needed. */
  p50: number;
  p95: number;
  /** The same with the query's files loaded: the engine's own work. */
  warmP50: number;
  warmP95: number;
  /** p95 of the time for the rest of the results (up to 50) after the first screen. */
  restP95: number;
  /** Typo queries whose intended tool was in the top 10, and how many typo queries ran. */
  typoFound: number;
  typoTotal: number;
  /** Queries timed (fewer than the set when the time budget ran out). */
  ran: number;
}

/** Everything measured about search at one size. */
export interface SearchMeasure {
  /** Index files read to open the search and answer the first query (Node run). */
  files: { path: string; raw: number; gzip: number }[];
  /** All index files on disk: count, raw and gzip bytes. */
  total: { files: number; raw: number; gzip: number };
  node: LatencyStats;
  browser?: LatencyStats & { firstResultMs: number; fetchedRaw: number; fetchedGzip: number; requests: number };
  browserSkipped?: string;
}

/** The `p` quantile (0..1) of `values`. */
export function quantile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

function stats(run: HarnessRun, queries: readonly BenchQuery[]): LatencyStats {
  const typos = queries.slice(0, run.top.length).map((q, i) => [q, run.top[i] ?? []] as const).filter(([q]) => q.kind === 'typo');
  return {
    loadMs: run.loadMs,
    firstQueryMs: run.firstQueryMs,
    p50: quantile(run.times, 0.5),
    p95: quantile(run.times, 0.95),
    warmP50: quantile(run.warmTimes, 0.5),
    warmP95: quantile(run.warmTimes, 0.95),
    restP95: quantile(run.restTimes, 0.95),
    typoFound: typos.filter(([q, top]) => typoFound(q, top)).length,
    typoTotal: typos.length,
    ran: run.times.length,
  };
}

async function browserBundle(): Promise<string> {
  const out = await build({ entryPoints: [join(ROOT, 'scripts', 'bench', 'browser-entry.ts')], bundle: true, format: 'iife', platform: 'browser', write: false, logLevel: 'silent' });
  return out.outputFiles[0]!.text;
}

/** Measure search over the build in `outDir`; `chromePath` '' skips the browser part. */
export async function measureSearch(outDir: string, queries: readonly BenchQuery[], chromePath: string): Promise<SearchMeasure> {
  const first = queries.find((q) => q.kind === 'words')?.q ?? 'delete';
  const qs = queries.map((q) => q.q);
  const files: SearchMeasure['files'] = [];
  let recording = true;
  const read = async (p: string): Promise<unknown> => {
    const bytes = readFileSync(join(outDir, p));
    if (recording) files.push({ path: p, raw: bytes.length, gzip: gzipSync(bytes).length });
    return JSON.parse(bytes.toString('utf8')) as unknown;
  };
  await runHarness(read, [], first);
  recording = false;
  const node = stats(await runHarness(read, qs, first), queries);
  const result: SearchMeasure = { files, total: indexTotal(join(outDir, SEARCH_INDEX_BASE)), node };
  if (!chromePath) {
    result.browserSkipped = 'no Chromium (CHROME_PATH or /usr/bin/chromium)';
    return result;
  }
  // The site is served by a child process, from memory, keep-alive (scripts/bench/serve-site.ts).
  const server = await serveSiteInChild(outDir);
  const browser = await chromium.launch({
    executablePath: chromePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  try {
    const page = await browser.newPage();
    // Every URL the page fetched until the first result; sizes come from the files served (raw) and
    // their gzip (what a compressing static host would send).
    const urls: string[] = [];
    let counting = true;
    page.on('requestfinished', (r) => {
      if (counting) urls.push(r.url());
    });
    await page.goto(`${server.url}/search/`, { waitUntil: 'load' });
    const t0 = Date.now();
    await page.fill('#q', first);
    await page.locator('#search-results .result-name').first().waitFor({ timeout: 120_000 });
    const firstResultMs = Date.now() - t0;
    await page.waitForTimeout(300); // let the last requestfinished events arrive
    counting = false;
    const sizes = urls.map((u) => {
      const path = decodeURIComponent(new URL(u).pathname);
      const file = join(outDir, path.endsWith('/') ? `${path}index.html` : path);
      try {
        const bytes = readFileSync(file);
        return { raw: bytes.length, gzip: gzipSync(bytes).length };
      } catch {
        return { raw: 0, gzip: 0 };
      }
    });
    await page.addScriptTag({ content: await browserBundle() });
    const run = await page.evaluate(([list, q]) => (globalThis as unknown as { __benchSearch: (l: string[], f: string) => Promise<HarnessRun> }).__benchSearch(list, q), [qs, first] as const);
    result.browser = {
      ...stats(run, queries),
      firstResultMs,
      fetchedRaw: sizes.reduce((a, s) => a + s.raw, 0),
      fetchedGzip: sizes.reduce((a, s) => a + s.gzip, 0),
      requests: sizes.length,
    };
  } finally {
    await browser.close();
    await server.close();
  }
  return result;
}
