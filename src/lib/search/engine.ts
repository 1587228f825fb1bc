/**
 * Search over the sharded index (sharded-format.ts). DOM-free: files come through `fetchJson`, so
 * the search page, Node tests and the benchmark run this same code. The engine loads `meta.json` once;
 * a query then loads the postings files of its words (together with the dictionary shard of each
 * word's first letter, unless the dictionary is inline in meta.json), those of the terms the words
 * expand to (prefixes, one or two typos) when elsewhere, and the docs files of the results it returns.
 *
 * Ranking: tools whose name holds every query word first, then more name words matched, then tighter
 * names (fewer words), then score (name 3, description 1, server name 0.5; exact 1, prefix 0.85,
 * typo 0.7 or 0.55), then higher risk, then index order (name order, then catalogue order). Only tools matching the most query words
 * are returned (all of them when some tool matches all). An empty query lists the filtered tools,
 * most dangerous first.
 */
import { RISK_LEVELS, type Category, type Risk } from '../schema/index.js';
import { urls } from '../view/urls.js';
import { ANNOTATION_CODES, decodeFacet, deltaDecode, searchFiles, serverAt, type AnnotationFacet, type DictFile, type DocsFile, type PostFile, type SearchMeta } from './sharded-format.js';
import { flagKind } from '../view/flag-kinds.js';
import { dictKey, queryTerms, searchWords } from './words.js';
import { expandWord, postFileOf, type Expansion } from './expand.js';

export { expandWord } from './expand.js';

/** Optional filters; empty string or undefined means "any". */
export interface SearchFilters {
  risk?: Risk | '';
  category?: Category | '';
  /** Server id. */
  server?: string;
  /** Annotation status: declared, missing (none declared) or conflict (contradicts the classifier). */
  annotation?: AnnotationFacet | '';
  /** Flag kind id (src/lib/view/flag-kinds.ts), e.g. `hidden-instructions`. */
  flag?: string;
}

/** One result, ready to show. */
export interface EngineHit {
  name: string;
  url: string;
  serverId: string;
  serverName: string;
  risk: Risk;
  category: Category;
  description: string;
  /** True when every query word is in the tool's name. */
  nameMatch: boolean;
}

/** A search function over the sharded index. */
export type EngineSearch = (query: string, filters?: SearchFilters, limit?: number) => Promise<{ hits: EngineHit[]; total: number }>;

/** Loaded engine: the search function and the servers (for filters). */
export interface Engine {
  search: EngineSearch;
  servers: { id: string; name: string }[];
  /** Number of tools in the index. */
  size: number;
}

const WEIGHT = { name: 3, description: 1, server: 0.5 } as const;

/** Open the index at `base` (e.g. `/search-index/`); `fetchJson` gets `base + file`. */
export async function openEngine(base: string, fetchJson: (path: string) => Promise<unknown>): Promise<Engine> {
  const meta = (await fetchJson(base + searchFiles.meta())) as SearchMeta;
  const cache = new Map<string, Promise<unknown>>();
  const load = <T>(file: string): Promise<T> => {
    let p = cache.get(file);
    if (!p) {
      p = fetchJson(base + file);
      p.catch(() => cache.delete(file));
      cache.set(file, p);
    }
    return p as Promise<T>;
  };
  const n = meta.n;
  const serverOf = new Int32Array(n);
  const serverDocs: number[][] = meta.servers.map(() => []);
  for (let i = 0; i < n; i += 1) {
    const s = serverAt(meta.srv, i);
    serverOf[i] = s;
    serverDocs[s]?.push(i);
  }
  const risk = new Uint8Array(n);
  const category = new Array<Category>(n);
  const wordCount = new Uint8Array(n);
  for (let i = 0; i < n; i += 1) {
    const f = decodeFacet(meta.facets[2 * i]!);
    risk[i] = RISK_LEVELS.indexOf(f.risk);
    category[i] = f.category;
    wordCount[i] = meta.facets.charCodeAt(2 * i + 1) - 48;
  }
  const serverWords = meta.servers.map(([, name]) => [...new Set([...searchWords(name), ...name.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean)])]);
  const wordMask = new Uint32Array(n);
  const nameMask = new Uint32Array(n);
  const score = new Float32Array(n);
  const best = new Float32Array(n);

  const flagSets = new Map<string, Set<number>>();
  /** Documents carrying flag kind `code`, decoded once. */
  const flagged = (code: string): Set<number> => {
    let set = flagSets.get(code);
    if (!set) flagSets.set(code, (set = new Set(deltaDecode(meta.flags?.[code] ?? []))));
    return set;
  };

  const allowed = (filters: SearchFilters): ((id: number) => boolean) => {
    const r = filters.risk ? RISK_LEVELS.indexOf(filters.risk) : -1;
    const c = filters.category || '';
    const s = filters.server ? meta.servers.findIndex(([id]) => id === filters.server) : -1;
    if (filters.server && s < 0) return () => false;
    const a = filters.annotation ? (ANNOTATION_CODES as Record<string, string>)[filters.annotation] : '';
    if (filters.annotation && (!a || meta.ann === undefined)) return () => false;
    let f: Set<number> | undefined;
    if (filters.flag) {
      const kind = flagKind(filters.flag);
      if (!kind) return () => false;
      f = flagged(kind.code);
    }
    return (id) =>
      (r < 0 || risk[id] === r) && (!c || category[id] === c) && (s < 0 || serverOf[id] === s) && (!a || meta.ann![id] === a) && (!f || f.has(id));
  };

  const hydrate = async (ids: readonly number[], nameMatch: readonly boolean[]): Promise<EngineHit[]> => {
    const files = await Promise.all([...new Set(ids.map((id) => Math.floor(id / meta.chunk)))].map(async (k) => [k, await load<DocsFile>(searchFiles.docs(k))] as const));
    const byChunk = new Map(files);
    return ids.map((id, i) => {
      const [name, slug, description] = byChunk.get(Math.floor(id / meta.chunk))![id % meta.chunk]!;
      const [serverId, serverName] = meta.servers[serverOf[id]!]!;
      return { name, url: urls.tool(serverId, slug === 0 ? name : slug), serverId, serverName, risk: RISK_LEVELS[risk[id]!]!, category: category[id]!, description, nameMatch: nameMatch[i] ?? false };
    });
  };

  const search: EngineSearch = async (query, filters = {}, limit = 50) => {
    const ok = allowed(filters);
    const words = queryTerms(query);
    if (words.length === 0) {
      const ids: number[] = [];
      for (let i = 0; i < n; i += 1) if (ok(i)) ids.push(i);
      ids.sort((a, b) => risk[b]! - risk[a]! || a - b);
      return { hits: await hydrate(ids.slice(0, limit), []), total: ids.length };
    }
    // One round trip when the dictionary is inline (meta.json): the expansions are known before any
    // fetch, so the postings files of the words and of their expansions are fetched together. With a
    // sharded dictionary, the exact words' postings come with the dictionary shards, then the rest.
    const postFile = (i: number): Promise<readonly [number, PostFile]> => load<PostFile>(searchFiles.post(i)).then((p) => [i, p] as const);
    const inlineDicts = words.every((w) => meta.words?.[dictKey(w)] !== undefined || !meta.dict.includes(dictKey(w)));
    const expand = (dicts: ReadonlyMap<string, DictFile | undefined>): Expansion[][] => words.map((w) => expandWord(w, dicts.get(dictKey(w))));
    const filesOf = (expansions: readonly Expansion[][]): number[] => [...new Set(expansions.flat().map((e) => postFileOf(meta.post, e.term)))];
    let expansions: Expansion[][];
    let posts: Map<number, PostFile>;
    if (inlineDicts) {
      expansions = expand(new Map(words.map((w) => [dictKey(w), meta.words?.[dictKey(w)]] as const)));
      posts = new Map(await Promise.all(filesOf(expansions).map(postFile)));
    } else {
      const exactFiles = [...new Set(words.map((w) => postFileOf(meta.post, w)))];
      const [dictList, exactPosts] = await Promise.all([
        Promise.all([...new Set(words.map(dictKey))].map(async (k) => [k, meta.words?.[k] ?? (meta.dict.includes(k) ? await load<DictFile>(searchFiles.dict(k)) : undefined)] as const)),
        Promise.all(exactFiles.map(postFile)),
      ]);
      expansions = expand(new Map(dictList));
      const more = filesOf(expansions).filter((i) => !exactFiles.includes(i));
      posts = new Map([...exactPosts, ...(await Promise.all(more.map(postFile)))]);
    }
    const touched: number[] = [];
    words.forEach((word, w) => {
      const bit = 1 << w;
      const seen: number[] = [];
      const mark = (id: number, weight: number, inName: boolean): void => {
        if (wordMask[id] === 0) touched.push(id);
        if ((wordMask[id]! & bit) === 0) {
          wordMask[id]! |= bit;
          seen.push(id);
        }
        if (inName) nameMask[id]! |= bit;
        if (weight > best[id]!) best[id] = weight;
      };
      for (const { term, factor } of expansions[w]!) {
        const entry = posts.get(postFileOf(meta.post, term))?.[term];
        if (!entry) continue;
        for (const id of deltaDecode(entry[0])) mark(id, WEIGHT.name * factor, true);
        for (const id of deltaDecode(entry[1])) mark(id, WEIGHT.description * factor, false);
      }
      serverWords.forEach((sw, s) => {
        const factor = sw.includes(word) ? 1 : word.length >= 2 && sw.some((x) => x.startsWith(word)) ? 0.85 : 0;
        if (factor === 0) return;
        for (const id of serverDocs[s]!) mark(id, WEIGHT.server * factor, false);
      });
      for (const id of seen) {
        score[id]! += best[id]!;
        best[id] = 0;
      }
    });
    let most = 0;
    const popcount = (x: number): number => {
      let c = 0;
      for (; x; x &= x - 1) c += 1;
      return c;
    };
    const candidates: number[] = [];
    for (const id of touched) {
      if (!ok(id)) continue;
      const m = popcount(wordMask[id]!);
      if (m > most) {
        most = m;
        candidates.length = 0;
      }
      if (m === most) candidates.push(id);
    }
    const all = (1 << words.length) - 1;
    const key = (id: number): number =>
      ((((nameMask[id] === all ? 1 : 0) * 13 + popcount(nameMask[id]!)) * 64 + (63 - wordCount[id]!)) * 65536 + Math.min(65535, Math.round(score[id]! * 1000))) * 4 + risk[id]!;
    const ranked = candidates.map((id) => [key(id), id] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
    const top = ranked.slice(0, limit).map(([, id]) => id);
    const nameMatch = top.map((id) => nameMask[id] === all);
    // Reset the shared scratch arrays before the next await: another search may run meanwhile.
    for (const id of touched) {
      wordMask[id] = 0;
      nameMask[id] = 0;
      score[id] = 0;
    }
    return { hits: await hydrate(top, nameMatch), total: candidates.length };
  };

  return { search, servers: meta.servers.map(([id, name]) => ({ id, name })), size: n };
}
