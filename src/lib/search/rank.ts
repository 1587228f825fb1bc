/**
 * Search over the index: fuse.js for fuzzy matching, then a ranking that puts tools whose name
 * contains every query word first (so "options delete listen" finds BinanceOptionsDeleteListenKey
 * before fuzzier hits). Pure and DOM-free: the search page's script and the tests run this same code.
 */
import Fuse, { type IFuseOptions } from 'fuse.js';
import { RISK_LEVELS, type Category, type Risk } from '../schema/index.js';
import type { SearchDocument, SearchIndexFile } from './documents.js';

/** Optional filters; empty string or undefined means "any". */
export interface SearchFilters {
  risk?: Risk | '';
  category?: Category | '';
  server?: string;
}

/** One ranked result. */
export interface SearchHit {
  doc: SearchDocument;
  /** True when every query word is in the tool's name. */
  nameMatch: boolean;
  /** Fuse score (0 best, 1 worst); 1 when the hit came only from the name-word match. */
  score: number;
}

/** fuse.js options used for the index. */
export const FUSE_OPTIONS: IFuseOptions<SearchDocument> = {
  keys: [
    { name: 'n', weight: 3 },
    { name: 'k', weight: 2 },
    { name: 'd', weight: 1 },
    { name: 'sn', weight: 0.5 },
  ],
  includeScore: true,
  ignoreLocation: true,
  threshold: 0.35,
  minMatchCharLength: 2,
};

/** Lowercase words of a query: split on anything that is not a letter or digit, and on camelCase. */
export function queryWords(query: string): string[] {
  return query
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
}

/**
 * How many query words the tool's name contains: a word counts when a name token starts with it or
 * the lowercase name contains it.
 */
export function nameWordHits(doc: SearchDocument, words: readonly string[]): number {
  const tokens = doc.k.split(' ');
  const name = doc.n.toLowerCase();
  let hits = 0;
  for (const w of words) if (name.includes(w) || tokens.some((t) => t.startsWith(w))) hits += 1;
  return hits;
}

/** True when `doc` passes every set filter. */
export function passesFilters(doc: SearchDocument, f: SearchFilters): boolean {
  return (!f.risk || doc.r === f.risk) && (!f.category || doc.c === f.category) && (!f.server || doc.s === f.server);
}

const riskDesc = (d: SearchDocument): number => -RISK_LEVELS.indexOf(d.r);

/** A search function over one index file. */
export type Searcher = (query: string, filters?: SearchFilters, limit?: number) => { hits: SearchHit[]; total: number };

/**
 * Build a searcher. Order: names containing every query word first (more name hits, then fewer extra
 * name tokens, i.e. a tighter name), then fuse score, then risk (higher first), then name. An empty
 * query lists the filtered tools, most dangerous first.
 */
export function createSearcher(index: SearchIndexFile): Searcher {
  const docs = index.docs;
  const fuse = new Fuse(docs, FUSE_OPTIONS);
  return (query, filters = {}, limit = 50) => {
    const words = queryWords(query);
    let hits: SearchHit[];
    if (words.length === 0) {
      hits = docs.filter((d) => passesFilters(d, filters)).map((doc) => ({ doc, nameMatch: false, score: 0 }));
      hits.sort((a, b) => riskDesc(a.doc) - riskDesc(b.doc) || a.doc.n.localeCompare(b.doc.n));
    } else {
      const byIndex = new Map<number, SearchHit>();
      for (const r of fuse.search(words.join(' '))) {
        byIndex.set(r.refIndex, { doc: r.item, nameMatch: false, score: r.score ?? 1 });
      }
      docs.forEach((doc, i) => {
        if (nameWordHits(doc, words) === words.length && !byIndex.has(i)) byIndex.set(i, { doc, nameMatch: true, score: 1 });
      });
      hits = [];
      const tightness = new Map<SearchHit, number>();
      for (const h of byIndex.values()) {
        if (!passesFilters(h.doc, filters)) continue;
        const n = nameWordHits(h.doc, words);
        h.nameMatch = n === words.length;
        tightness.set(h, n * 1000 - h.doc.k.split(' ').length);
        hits.push(h);
      }
      hits.sort(
        (a, b) =>
          Number(b.nameMatch) - Number(a.nameMatch) ||
          tightness.get(b)! - tightness.get(a)! ||
          a.score - b.score ||
          riskDesc(a.doc) - riskDesc(b.doc) ||
          a.doc.n.localeCompare(b.doc.n),
      );
    }
    return { hits: hits.slice(0, limit), total: hits.length };
  };
}
