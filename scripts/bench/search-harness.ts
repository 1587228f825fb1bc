/**
 * The one place the benchmark knows how the site's search loads: the same engine the search page
 * uses (`openEngine` over the sharded index in `/search-index/`), in Node (files read from the build
 * folder) and in Chromium (bundled by esbuild and injected into the real /search/ page, fetching
 * over HTTP). If the search design changes, only this file changes.
 */
import { openEngine } from '../../src/lib/search/engine.js';
import { SEARCH_INDEX_BASE } from '../../src/lib/search/sharded-format.js';

/** Results on the page's first screen, and in all (src/lib/search/client.ts). */
const FIRST_SCREEN = 10;
const ALL = 50;

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
  /** Per query: time to the first screen (10 results), as the page shows it first, files fetched as needed. */
  times: number[];
  /** Per query: the same again with its files loaded (the engine's own work: ranking, expansion, decoding). */
  warmTimes: number[];
  /** Per query: time for the remaining results (up to 50) after the first screen. */
  restTimes: number[];
  /** Top-10 names per query (for the typo check). */
  top: string[][];
}

/**
 * Load the search, run `first` (timed on its own: nothing cached yet), then time each query as the
 * page runs it: the first screen (10 results, their index files fetched as needed), then the rest
 * (up to 50), then the first screen again with everything loaded (the engine's own work). Stops
 * early when the queries so far took more than `budgetMs`.
 */
export async function runHarness(fetchJson: (path: string) => Promise<unknown>, queries: readonly string[], first = 'delete', budgetMs = 60_000): Promise<HarnessRun> {
  const t0 = performance.now();
  const engine = await openEngine(SEARCH_INDEX_BASE, fetchJson);
  const loadMs = performance.now() - t0;
  const t1 = performance.now();
  await engine.search(first, {}, FIRST_SCREEN);
  const firstQueryMs = performance.now() - t1;
  await engine.search(first, {}, ALL);
  const times: number[] = [];
  const warmTimes: number[] = [];
  const restTimes: number[] = [];
  const top: string[][] = [];
  let spent = 0;
  for (const q of queries) {
    if (spent > budgetMs) break;
    const s = performance.now();
    const { hits } = await engine.search(q, {}, FIRST_SCREEN);
    const ms = performance.now() - s;
    await engine.search(q, {}, ALL);
    const rest = performance.now() - s - ms;
    const w = performance.now();
    await engine.search(q, {}, FIRST_SCREEN);
    const warm = performance.now() - w;
    spent += ms + rest + warm;
    times.push(ms);
    warmTimes.push(warm);
    restTimes.push(rest);
    top.push(hits.map((h) => h.name));
  }
  return { loadMs, firstQueryMs, times, warmTimes, restTimes, top };
}
