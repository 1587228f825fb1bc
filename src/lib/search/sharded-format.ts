/**
 * The sharded search index: small static JSON files under `/search-index/`, so the search page
 * fetches only what a query needs (Pagefind-like) instead of one file holding every tool.
 *
 * - `meta.json`: document count, servers (id, name, first document, count), and 2 characters of
 *   facets per document (risk x category, and the number of words in the name).
 * - `dict/<c>.json`: the terms starting with `c` (sorted) and their document frequency, for
 *   prefix and typo expansion of query words (inline in `meta.json` as `words` when small).
 * - `post/<i>.json`: postings of a contiguous range of sorted terms: per term the documents whose
 *   name has it and those whose description has it (ascending ids, delta-encoded).
 * - `docs/<k>.json`: what a result shows (name, slug, short description) for documents
 *   k*chunk .. k*chunk+chunk-1.
 *
 * Documents are numbered in name order (the words of the name, then server, then listing position),
 * so the tools a query ranks first (tools whose names have its words, shortest first) tend to share
 * a few docs files, even across servers; `srv` gives each document's server.
 */
import { CATEGORIES, RISK_LEVELS, type Category, type Risk } from '../schema/index.js';

/** Folder of the index on the site. */
export const SEARCH_INDEX_BASE = '/search-index/';

/** `meta.json`. */
export interface SearchMeta {
  v: 3;
  /** Number of documents. */
  n: number;
  /** Documents per `docs/<k>.json` file. */
  chunk: number;
  /** [id, display name, number of documents], in catalogue order. */
  servers: [string, string, number][];
  /** One character per document: its index in `servers` (see `serverCode`). */
  srv: string;
  /** Two characters per document: facet code, then name word count (see `facetCode`). */
  facets: string;
  /** One annotation-status letter per document (`ANNOTATION_CODES`); absent when the index has none. */
  ann?: string;
  /** Flag kind letter (src/lib/view/flag-kinds.ts) -> delta-encoded ids of the documents carrying it. */
  flags?: Record<string, number[]>;
  /** First term of each `post/<i>.json` file, ascending. */
  post: string[];
  /** Keys of the `dict/<key>.json` files that exist (empty when `words` holds the dictionary). */
  dict: string[];
  /** The whole dictionary by key, inline, when it is small (saves a round trip per query). */
  words?: Record<string, DictFile>;
}

/** `dict/<c>.json`: sorted terms and their document frequencies. */
export interface DictFile {
  t: string[];
  f: number[];
}

/** `post/<i>.json`: term -> [name document ids, description document ids], each delta-encoded. */
export type PostFile = Record<string, [number[], number[]]>;

/** `docs/<k>.json`: [name, slug (0 when equal to the name), short description] per document. */
export type DocsFile = [string, string | 0, string][];

/** File names inside `SEARCH_INDEX_BASE`. */
export const searchFiles = {
  meta: (): string => 'meta.json',
  dict: (key: string): string => `dict/${key}.json`,
  post: (i: number): string => `post/${i}.json`,
  docs: (k: number): string => `docs/${k}.json`,
};

/** Facet character of a risk and category (`a`..`x`). */
export function facetCode(risk: Risk, category: Category): string {
  return String.fromCharCode(97 + RISK_LEVELS.indexOf(risk) * CATEGORIES.length + CATEGORIES.indexOf(category));
}

/** Risk and category of a facet character. */
export function decodeFacet(code: string): { risk: Risk; category: Category } {
  const v = code.charCodeAt(0) - 97;
  return { risk: RISK_LEVELS[Math.floor(v / CATEGORIES.length)] ?? 'Low', category: CATEGORIES[v % CATEGORIES.length] ?? 'Other' };
}

/** Character for a name word count (capped at 63). */
export function wordCountCode(count: number): string {
  return String.fromCharCode(48 + Math.min(63, Math.max(0, count)));
}

/** Most servers an index can hold (one UTF-16 code unit per document, below the surrogates). */
export const MAX_SERVERS = 0xd800 - 48;

/** Character of a server index in `SearchMeta.srv`. */
export function serverCode(index: number): string {
  return String.fromCharCode(48 + index);
}

/** Server index of the document at `i` in `SearchMeta.srv`. */
export function serverAt(srv: string, i: number): number {
  return srv.charCodeAt(i) - 48;
}

/** Annotation status of a tool as one letter: declared, none declared, contradicting the classifier. */
export const ANNOTATION_CODES = { declared: 'd', missing: 'm', conflict: 'c' } as const;
/** A tool's annotation status (see src/lib/analysis/annotations.ts). */
export type AnnotationFacet = keyof typeof ANNOTATION_CODES;

/** Ascending ids to deltas. */
export function deltaEncode(ids: readonly number[]): number[] {
  return ids.map((id, i) => (i === 0 ? id : id - ids[i - 1]!));
}

/** Deltas back to ascending ids. */
export function deltaDecode(deltas: readonly number[]): number[] {
  const out = new Array<number>(deltas.length);
  let acc = 0;
  for (let i = 0; i < deltas.length; i += 1) out[i] = acc += deltas[i]!;
  return out;
}
