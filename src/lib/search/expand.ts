/**
 * Query-word expansion over the search dictionary, and finding the postings file of a term: the
 * pure parts of the engine (engine.ts).
 */
import type { DictFile } from './sharded-format.js';
import { withinEdits } from './words.js';

const MAX_PREFIX = 30;
const MAX_TYPO = 20;

/** A term a query word expands to, and how much a match on it counts (exact 1). */
export interface Expansion {
  term: string;
  factor: number;
}

/**
 * Expansions of `word`: itself (exact; the postings decide whether it exists), then from its
 * dictionary shard the terms it prefixes (most frequent first) and those within one typo (two for
 * words of 8+ letters).
 */
export function expandWord(word: string, dict: DictFile | undefined): Expansion[] {
  const out: Expansion[] = [{ term: word, factor: 1 }];
  if (!dict) return out;
  const { t, f } = dict;
  let lo = 0;
  let hi = t.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (t[mid]! < word) lo = mid + 1;
    else hi = mid;
  }
  const prefixes: number[] = [];
  for (let i = lo; i < t.length && t[i]!.startsWith(word); i += 1) if (t[i] !== word) prefixes.push(i);
  if (word.length >= 2) {
    prefixes.sort((a, b) => f[b]! - f[a]! || a - b);
    for (const i of prefixes.slice(0, MAX_PREFIX)) out.push({ term: t[i]!, factor: 0.85 });
  }
  if (word.length >= 4) {
    const max = word.length >= 8 ? 2 : 1;
    let typos = 0;
    for (let i = 0; i < t.length && typos < MAX_TYPO; i += 1) {
      const term = t[i]!;
      if (term.startsWith(word) || term === word || Math.abs(term.length - word.length) > max) continue;
      if (withinEdits(word, term, 1)) {
        out.push({ term, factor: 0.7 });
        typos += 1;
      } else if (max === 2 && withinEdits(word, term, 2)) {
        out.push({ term, factor: 0.55 });
        typos += 1;
      }
    }
  }
  return out;
}

/** Index of the postings file holding `term` (last file whose first term is <= term). */
export function postFileOf(first: readonly string[], term: string): number {
  let lo = 0;
  let hi = first.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (first[mid]! <= term) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
