/**
 * Short per-tool documents (`shorten` is used by listings too). The search page no longer loads one
 * file of these: it uses the sharded index (sharded-format.ts, build-index.ts, engine.ts), which
 * scales to 100k tools; `buildSearchIndex` remains for callers wanting every tool in one object.
 */
import type { Category, Risk } from '../schema/index.js';

/** One tool in the search index. */
export interface SearchDocument {
  /** Tool name as listed. */
  n: string;
  /** Name tokens, lowercase, space-separated (from the classifier's `tokenize`). */
  k: string;
  /** Description, shortened. */
  d: string;
  /** Server id. */
  s: string;
  /** Server display name. */
  sn: string;
  /** Effective category and risk. */
  c: Category;
  r: Risk;
  /** Page URL. */
  u: string;
}

/** The file served at `/search-index.json`. */
export interface SearchIndexFile {
  version: 1;
  /** Servers, for the server filter: id and name. */
  servers: { id: string; name: string }[];
  docs: SearchDocument[];
}

/** What `buildSearchDocument` needs from a tool. */
export interface SearchSource {
  name: string;
  description: string;
  serverId: string;
  serverName: string;
  category: Category;
  risk: Risk;
  url: string;
  /** Name tokens (any case); joined lowercase. */
  tokens: readonly string[];
}

/** Longest description kept in the index. */
export const MAX_DESCRIPTION = 160;

/**
 * Collapse whitespace and cut to `max` characters (with an ellipsis). Reads only as much of `text`
 * as the result needs (pages call this for every row of long lists, descriptions can be megabytes):
 * a prefix whose collapsed form is longer than `max` gives the same result as the whole text.
 */
export function shorten(text: string, max = MAX_DESCRIPTION): string {
  for (let take = 2 * max + 16; ; take *= 2) {
    const whole = take >= text.length;
    const flat = (whole ? text : text.slice(0, take)).replace(/\s+/g, ' ').trim();
    if (flat.length > max) return `${flat.slice(0, max - 1).trimEnd()}…`;
    if (whole) return flat;
  }
}

/** The index entry for one tool. */
export function buildSearchDocument(t: SearchSource): SearchDocument {
  return {
    n: t.name,
    k: t.tokens.map((x) => x.toLowerCase()).join(' '),
    d: shorten(t.description),
    s: t.serverId,
    sn: t.serverName,
    c: t.category,
    r: t.risk,
    u: t.url,
  };
}

/** The whole index file for a list of tools. */
export function buildSearchIndex(tools: readonly SearchSource[], servers: readonly { id: string; name: string }[]): SearchIndexFile {
  return { version: 1, servers: servers.map((s) => ({ id: s.id, name: s.name })), docs: tools.map(buildSearchDocument) };
}

/** Shard key of a document (its server): the unit a later sharded index would be split on. */
export function shard(doc: SearchDocument): string {
  return doc.s;
}
