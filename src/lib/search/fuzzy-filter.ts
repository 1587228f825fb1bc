/**
 * Fuzzy filtering of one list of tools (a server's table), with fuse.js: the list is small (at most
 * a few thousand rows), which is where fuse.js's linear scan shines, and it forgives typos. The
 * catalogue-wide search narrows with the sharded index instead (engine.ts).
 *
 * Every query word must match (fuzzily) a word of the tool's name or its description, so
 * "delte listen" keeps `BinanceOptionsDeleteListenKey` and drops `BinanceOptionsCreateListenKey`.
 */
import Fuse, { type Expression } from 'fuse.js';

/** One row as the filter sees it: the name split into words (`tokenize`) and the description. */
export interface FilterItem {
  words: string;
  description: string;
}

const MAX_QUERY_WORDS = 8;

/**
 * Builds a filter over `items`. The returned function gives the indexes of the items that match
 * `query`, or `null` when the query has no words (everything matches).
 */
export function createFuzzyFilter(items: readonly FilterItem[]): (query: string) => Set<number> | null {
  const fuse = new Fuse(items, {
    keys: [
      { name: 'words', weight: 2 },
      { name: 'description', weight: 1 },
    ],
    threshold: 0.3,
    ignoreLocation: true,
    minMatchCharLength: 2,
    includeScore: false,
  });
  return (query) => {
    const terms = query
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter((w) => w.length > 0)
      .slice(0, MAX_QUERY_WORDS);
    if (terms.length === 0) return null;
    const either = (w: string): Expression[] => [{ words: w }, { description: w }];
    const hits = fuse.search({ $and: terms.map((w) => ({ $or: either(w) })) });
    return new Set(hits.map((h) => h.refIndex));
  };
}
