/**
 * The one place the benchmark knows how the site's search loads: the same engine the search page
 * uses (`openEngine` over the sharded index in `/search-index/`), in Node (files read from the build
 * folder) and in Chromium (bundled by esbuild and injected into the real /search/ page, fetching
 * over HTTP). If the search design changes, only this file changes.
 */
import { openEngine } from '../../src/lib/search/engine.js';
import { SEARCH_INDEX_BASE } from '../../src/lib/search/sharded-format.js';

/** A loaded search: names of the top `limit` hits for a query. */
export type BenchSearch = (query: string, limit?: number) => Promise<string[]>;

/** Load the search the way the page does; `fetchJson` gets a site path. */
export async function loadBenchSearch(fetchJson: (path: string) => Promise<unknown>): Promise<BenchSearch> {
  const engine = await openEngine(SEARCH_INDEX_BASE, fetchJson);
  return async (query, limit = 10) => (await engine.search(query, {}, limit)).hits.map((h) => h.name);
}

/** Load timing and per-query timings, the same code in Node and in the browser. */
export interface HarnessRun {
  /** Opening the index (what the page does on first use). */
  loadMs: number;
  /** The first query, with every file it needed fetched fresh (the user's first result). */
  firstQueryMs: number;
  /** One entry per query run (fewer than asked when the time budget ran out). */
  times: number[];
  /** Top-10 names per query (for the typo check). */
  top: string[][];
}

/**
 * Load the search, run `first` (timed on its own: nothing cached yet), then time each query once,
 * as the page runs them (50 results, files fetched as needed), stopping early when the queries so
 * far took more than `budgetMs`.
 */
export async function runHarness(fetchJson: (path: string) => Promise<unknown>, queries: readonly string[], first = 'delete', budgetMs = 60_000): Promise<HarnessRun> {
  const t0 = performance.now();
  const engine = await openEngine(SEARCH_INDEX_BASE, fetchJson);
  const loadMs = performance.now() - t0;
  const t1 = performance.now();
  await engine.search(first, {}, 50);
  const firstQueryMs = performance.now() - t1;
  const times: number[] = [];
  const top: string[][] = [];
  let spent = 0;
  for (const q of queries) {
    if (spent > budgetMs) break;
    const s = performance.now();
    const { hits } = await engine.search(q, {}, 50);
    const ms = performance.now() - s;
    spent += ms;
    times.push(ms);
    top.push(hits.slice(0, 10).map((h) => h.name));
  }
  return { loadMs, firstQueryMs, times, top };
}
