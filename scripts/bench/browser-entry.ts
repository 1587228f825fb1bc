/**
 * Browser entry of the search benchmark (bundled by esbuild, injected into the real /search/ page):
 * exposes `__benchSearch(queries, first)`, which opens the index over HTTP as the page does and times
 * the first query and then each query.
 */
import { runHarness } from './search-harness.js';

(globalThis as unknown as { __benchSearch: unknown }).__benchSearch = (queries: string[], first: string) =>
  runHarness(async (path) => {
    const res = await fetch(path);
    if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
    return res.json();
  }, queries, first);
