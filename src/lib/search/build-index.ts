/**
 * Building the sharded search index (see sharded-format.ts) at build time: pure, from plain
 * per-tool records; returns every file as `{ path, data }` for the site to write as static JSON.
 */
import type { Category, Risk } from '../schema/index.js';
import { shorten } from './documents.js';
import { ANNOTATION_CODES, MAX_SERVERS, deltaEncode, facetCode, searchFiles, serverCode, wordCountCode, type AnnotationFacet, type DictFile, type DocsFile, type PostFile, type SearchMeta } from './sharded-format.js';
import { STOPWORDS, dictKey, searchWords } from './words.js';

/** One tool for the index. */
export interface IndexSource {
  name: string;
  /** URL segment of the tool page. */
  slug: string;
  description: string;
  serverId: string;
  category: Category;
  risk: Risk;
  /** Annotation status, for the annotation filter (the index carries `ann` when any tool has one). */
  annotation?: AnnotationFacet;
  /** Flag kind letters of the tool (src/lib/view/flag-kinds.ts `flagCodes`), for the flag filter. */
  flagCodes?: string;
}

/** Sizes of the index files. */
export interface IndexOptions {
  /** Documents per docs file (default 128). */
  docsPerFile?: number;
  /** Target size of a postings file in JSON characters (default 48,000; files hold half to twice that, see `postingsStarts`). */
  postingsBytes?: number;
  /** Description characters indexed and shown (default 160). */
  descriptionChars?: number;
  /** Largest dictionary (JSON characters) kept inline in meta.json (default 131,072). */
  inlineDictionary?: number;
}

/** One file of the index: its path inside `/search-index/` and its JSON value. */
export interface IndexFile {
  path: string;
  data: unknown;
}

/**
 * Terms of a text: its words, and each run of letters and digits whole (`GitHub` -> git, hub,
 * github). `words` is `searchWords(text)` when the caller has it already.
 */
export function textTerms(text: string, words: readonly string[] = searchWords(text)): string[] {
  const terms = new Set(words);
  for (const raw of text.toLowerCase().split(/[^\p{L}\p{N}]+/u)) if (raw) terms.add(raw);
  return [...terms];
}

/** Terms of a tool name: `textTerms`, plus the whole name squashed (`delete_file` -> `deletefile`). */
export function nameTerms(name: string, words: readonly string[] = searchWords(name)): string[] {
  const terms = new Set(textTerms(name, words));
  if (words.length > 1) terms.add(words.join(''));
  return [...terms];
}

/** Terms of a description: `textTerms` without stop words and absurdly long runs. */
export function descriptionTerms(text: string, words: readonly string[] = searchWords(text)): string[] {
  return textTerms(text, words).filter((w) => !STOPWORDS.has(w) && w.length < 40);
}

/**
 * True for terms kept out of the dictionary (found by exact match only): long runs that are not a
 * word of any text (`binanceoptionsdeletelistenkey`, squashed names), which would otherwise fill it
 * with about one entry per tool. Short runs such as `github` stay (prefix and typo matching).
 */
export function isCompound(term: string, words: ReadonlySet<string>): boolean {
  return !words.has(term) && term.length > 12;
}

/** Length of the prefix `a` and `b` share. */
function sharedPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i += 1;
  return i;
}

/**
 * Where the postings files start, as indexes into the sorted `terms` (`costs`: each term's size in
 * the file). A file ends, once it holds between half and twice `target`, between the two neighbouring
 * terms that share the shortest prefix (the one nearest `target` among equals): a word, the terms it
 * prefixes and its typo neighbours (which share its first letters) then mostly sit in one file, so a
 * query fetches fewer postings files. A single term larger than that is a file of its own.
 */
export function postingsStarts(terms: readonly string[], costs: readonly number[], target: number): number[] {
  const starts: number[] = [];
  let s = 0;
  while (s < terms.length) {
    starts.push(s);
    let size = 0;
    let e = s;
    let best = -1;
    let bestScore = Infinity;
    while (e < terms.length && (e === s || size + costs[e]! <= target * 2)) {
      size += costs[e]!;
      e += 1;
      if (e < terms.length && size >= target / 2) {
        const score = sharedPrefix(terms[e - 1]!, terms[e]!) * 1e12 + Math.abs(size - target);
        if (score < bestScore) {
          bestScore = score;
          best = e;
        }
      }
    }
    s = e >= terms.length ? terms.length : best > s ? best : e;
  }
  return starts;
}

/**
 * Every file of the index for `tools`, numbered in name order (the words of the name; equal names
 * by server in the order of `servers`, then listing order). Servers missing from `servers` are
 * added after them, in order of appearance.
 */
export function buildShardedIndex(tools: readonly IndexSource[], servers: readonly { id: string; name: string }[], options: IndexOptions = {}): IndexFile[] {
  const chunk = options.docsPerFile ?? 128;
  const target = options.postingsBytes ?? 48_000;
  const descChars = options.descriptionChars ?? 160;
  const names = new Map(servers.map((s) => [s.id, s.name] as const));
  // Servers in the order given, then any other server of `tools` in order of appearance.
  const serverIds = [...servers.map((s) => s.id)];
  const serverIndex = new Map(serverIds.map((id, i) => [id, i] as const));
  for (const t of tools) if (!serverIndex.has(t.serverId)) serverIndex.set(t.serverId, serverIds.push(t.serverId) - 1);
  if (serverIds.length > MAX_SERVERS) throw new Error(`the search index holds at most ${MAX_SERVERS} servers, got ${serverIds.length}`);
  // Documents in name order (the words of the name, then catalogue order), so tools sharing a name
  // across servers share a docs file: a query's first results sit in few files.
  // Each tool's name words, shortened description and its words, computed once.
  const docs = tools
    .map((t, i) => {
      const nameWords = searchWords(t.name);
      const description = shorten(t.description, descChars);
      return { t, i, nameWords, description, descriptionWords: searchWords(description), key: nameWords.join(' '), s: serverIndex.get(t.serverId)! };
    })
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.s - b.s || a.i - b.i));

  const serverRows: SearchMeta['servers'] = serverIds.map((id) => [id, names.get(id) ?? id, 0]);
  let srv = '';
  let facets = '';
  let ann = '';
  const withAnn = tools.some((t) => t.annotation !== undefined);
  const flagIds = new Map<string, number[]>();
  const postings = new Map<string, [number[], number[]]>();
  /** Terms that are words of some text (not only runs or squashed names): dictionary material. */
  const plain = new Set<string>();
  const add = (term: string, field: 0 | 1, id: number): void => {
    let p = postings.get(term);
    if (!p) postings.set(term, (p = [[], []]));
    const list = p[field];
    if (list[list.length - 1] !== id) list.push(id);
  };
  docs.forEach(({ t, s, nameWords, description, descriptionWords }, id) => {
    serverRows[s]![2] += 1;
    srv += serverCode(s);
    facets += facetCode(t.risk, t.category) + wordCountCode(nameWords.length);
    if (withAnn) ann += ANNOTATION_CODES[t.annotation ?? 'missing'];
    for (const code of new Set(t.flagCodes ?? '')) {
      let ids = flagIds.get(code);
      if (!ids) flagIds.set(code, (ids = []));
      ids.push(id);
    }
    for (const w of nameWords) plain.add(w);
    for (const w of descriptionWords) plain.add(w);
    for (const term of nameTerms(t.name, nameWords)) add(term, 0, id);
    for (const term of descriptionTerms(description, descriptionWords)) add(term, 1, id);
  });

  const files: IndexFile[] = [];
  const terms = [...postings.keys()].sort();
  // Dictionary shards by first character.
  const dicts = new Map<string, DictFile>();
  for (const term of terms) {
    if (isCompound(term, plain)) continue;
    const key = dictKey(term);
    let d = dicts.get(key);
    if (!d) dicts.set(key, (d = { t: [], f: [] }));
    const [n, de] = postings.get(term)!;
    d.t.push(term);
    d.f.push(new Set([...n, ...de]).size);
  }
  const inline = JSON.stringify(Object.fromEntries(dicts)).length <= (options.inlineDictionary ?? 131_072);
  if (!inline) for (const [key, d] of dicts) files.push({ path: searchFiles.dict(key), data: d });
  // Postings in files of about `target` characters, contiguous in term order, cut where neighbouring
  // terms share the shortest prefix (postingsStarts).
  const entries = terms.map((term): [string, [number[], number[]]] => {
    const [n, de] = postings.get(term)!;
    return [term, [deltaEncode(n), deltaEncode(de)]];
  });
  const starts = postingsStarts(terms, entries.map(([term, entry]) => term.length + JSON.stringify(entry).length + 4), target);
  const firstTerms = starts.map((i) => terms[i]!);
  starts.forEach((start, k) => {
    const file: PostFile = Object.fromEntries(entries.slice(start, starts[k + 1] ?? entries.length));
    files.push({ path: searchFiles.post(k), data: file });
  });
  // Result documents.
  for (let k = 0; k * chunk < docs.length; k += 1) {
    const part: DocsFile = docs.slice(k * chunk, (k + 1) * chunk).map(({ t, description }) => [t.name, t.slug === t.name ? 0 : t.slug, description]);
    files.push({ path: searchFiles.docs(k), data: part });
  }
  const keys = [...dicts.keys()].sort();
  const meta: SearchMeta = { v: 3, n: docs.length, chunk, servers: serverRows, srv, facets, post: firstTerms, dict: inline ? [] : keys };
  if (inline) meta.words = Object.fromEntries(keys.map((k) => [k, dicts.get(k)!]));
  if (withAnn) meta.ann = ann;
  if (flagIds.size > 0) meta.flags = Object.fromEntries([...flagIds].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([c, ids]) => [c, deltaEncode(ids)]));
  files.unshift({ path: searchFiles.meta(), data: meta });
  return files;
}
