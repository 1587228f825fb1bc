/**
 * Words for the search index and for queries, split the same way on both sides: lowercase, on
 * anything that is not a letter or digit, and inside camelCase and acronyms
 * (`BinanceOptionsDeleteListenKey` -> binance options delete listen key, `HTTPServer` -> http server).
 */

/** Common English words left out of description terms (they match everything). */
export const STOPWORDS: ReadonlySet<string> = new Set(
  'a an and are as at be by can for from has have if in into is it its of on or that the their then there these this to was were when which will with you your'.split(' '),
);

/** Lowercase words of `text` (letters and digits), camelCase and acronyms split. */
export function searchWords(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
}

/** Distinct query words, in order, at most `max` (the engine tracks words in a bit mask). */
export function queryTerms(query: string, max = 12): string[] {
  return [...new Set(searchWords(query))].slice(0, max);
}

/** Name of the dictionary shard holding `term`: its first character when a-z or 0-9, else `_`. */
export function dictKey(term: string): string {
  const c = term[0] ?? '_';
  return /^[a-z0-9]$/.test(c) ? c : '_';
}

/**
 * True when `a` and `b` are within `max` edits (insert, delete, replace, or swap two neighbours:
 * the optimal-string-alignment distance). Bails out early; `max` is small (1 or 2).
 */
export function withinEdits(a: string, b: string, max: number): boolean {
  if (Math.abs(a.length - b.length) > max) return false;
  if (a === b) return true;
  const n = b.length;
  let prev2 = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  let cur = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= a.length; i += 1) {
    cur[0] = i;
    let rowMin = cur[0];
    for (let j = 1; j <= n; j += 1) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) v = Math.min(v, prev2[j - 2]! + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return false;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[n]! <= max;
}
