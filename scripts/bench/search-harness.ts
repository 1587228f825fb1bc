/**
 * The one place the benchmark knows how the site's search loads: the same modules the search page
 * uses, driven the same way, in Node (files read from the build folder) and in Chromium (bundled by
 * esbuild and injected into the real /search/ page, fetching over HTTP). If the search design
 * changes, only this file changes.
 */
import { createSearcher } from '../../src/lib/search/rank.js';
import type { SearchIndexFile } from '../../src/lib/search/documents.js';

/** What the search page fetches before it can show a first result (site paths). */
export const FIRST_RESULT_FILES = ['/search-index.json'] as const;

/** A loaded search: names of the top `limit` hits for a query. */
export type BenchSearch = (query: string, limit?: number) => string[];

/** Load the search the way the page does; `fetchJson` gets a site path. */
export async function loadBenchSearch(fetchJson: (path: string) => Promise<unknown>): Promise<BenchSearch> {
  const index = (await fetchJson('/search-index.json')) as SearchIndexFile;
  const searcher = createSearcher(index);
  return (query, limit = 10) => searcher(query, {}, limit).hits.map((h) => h.doc.n);
}

/** Load timing and per-query timings, the same code in Node and in the browser. */
export interface HarnessRun {
  loadMs: number;
  /** One entry per query run (fewer than asked when the time budget ran out). */
  times: number[];
  /** Top-10 names per query (for the typo check). */
  top: string[][];
}

/**
 * Load the search, then time each query once (after one untimed warm-up query), stopping early
 * when the queries so far took more than `budgetMs` (a slow search would otherwise run for hours).
 */
export async function runHarness(fetchJson: (path: string) => Promise<unknown>, queries: readonly string[], budgetMs = 60_000): Promise<HarnessRun> {
  const t0 = performance.now();
  const search = await loadBenchSearch(fetchJson);
  const loadMs = performance.now() - t0;
  search('warm up');
  const times: number[] = [];
  const top: string[][] = [];
  let spent = 0;
  for (const q of queries) {
    if (spent > budgetMs) break;
    const s = performance.now();
    const names = search(q, 10);
    const ms = performance.now() - s;
    spent += ms;
    times.push(ms);
    top.push(names);
  }
  return { loadMs, times, top };
}
