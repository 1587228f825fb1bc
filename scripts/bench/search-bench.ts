/**
 * Search measurements over a built site: the size (raw and gzip) of what search fetches, load time
 * and query latency p50/p95 over the fixed queries in Node and in Chromium (the real /search/ page,
 * served over loopback), whether typo queries still find their tool, and the bytes fetched from
 * opening /search/ to the first result shown.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { serveStatic } from '../../tests/e2e/serve.js';
import { FIRST_RESULT_FILES, runHarness, type HarnessRun } from './search-harness.js';
import { typoFound, type BenchQuery } from './queries.js';
import { ROOT } from './site-build.js';

/** Latency summary of one run. */
export interface LatencyStats {
  loadMs: number;
  p50: number;
  p95: number;
  /** Typo queries whose intended tool was in the top 10, and how many typo queries ran. */
  typoFound: number;
  typoTotal: number;
  /** Queries timed (fewer than the set when the time budget ran out). */
  ran: number;
}

/** Everything measured about search at one size. */
export interface SearchMeasure {
  files: { path: string; raw: number; gzip: number }[];
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
    p50: quantile(run.times, 0.5),
    p95: quantile(run.times, 0.95),
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
  const files = FIRST_RESULT_FILES.map((path) => {
    const bytes = readFileSync(join(outDir, path));
    return { path, raw: bytes.length, gzip: gzipSync(bytes).length };
  });
  const qs = queries.map((q) => q.q);
  const node = stats(await runHarness(async (p) => JSON.parse(readFileSync(join(outDir, p), 'utf8')) as unknown, qs), queries);
  const result: SearchMeasure = { files, node };
  if (!chromePath) {
    result.browserSkipped = 'no Chromium (CHROME_PATH or /usr/bin/chromium)';
    return result;
  }
  const server = await serveStatic(outDir);
  const browser = await chromium.launch({
    executablePath: chromePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  try {
    const page = await browser.newPage();
    const fetched: Promise<{ raw: number; gzip: number }>[] = [];
    let counting = true;
    page.on('response', (r) => {
      if (counting) fetched.push(r.body().then((b) => ({ raw: b.length, gzip: gzipSync(b).length }), () => ({ raw: 0, gzip: 0 })));
    });
    await page.goto(`${server.url}/search/`, { waitUntil: 'load' });
    const t0 = Date.now();
    await page.fill('#q', queries.find((q) => q.kind === 'words')?.q ?? 'delete');
    await page.locator('#search-results .result-name').first().waitFor({ timeout: 120_000 });
    const firstResultMs = Date.now() - t0;
    counting = false;
    const sizes = await Promise.all(fetched);
    await page.addScriptTag({ content: await browserBundle() });
    const run = await page.evaluate((list) => (globalThis as unknown as { __benchSearch: (q: string[]) => Promise<HarnessRun> }).__benchSearch(list), qs);
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
