/**
 * The benchmark's fixed query set: 200 queries drawn (seeded) from a synthetic catalogue: words of
 * real tool names, the same with one typo, whole names, description phrases, and prefixes as typed.
 * A typo query remembers the words it was made from, so the bench can check it was still found.
 */
import type { SnapshotInput } from '../../src/lib/catalog/index.js';
import { createRng, type Rng } from '../../src/lib/synth/index.js';

/** One benchmark query. */
export interface BenchQuery {
  q: string;
  kind: 'words' | 'typo' | 'name' | 'phrase' | 'prefix';
  /** For typo queries: the intended words; a hit whose name has all of them counts as found. */
  intended?: string[];
}

/** Lowercase words of a tool name or query (split on non-alphanumerics and camelCase). */
export function words(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
}

/** One typo in `word` (length >= 5): a dropped, swapped or replaced letter, never the first. */
export function typo(word: string, rng: Rng): string {
  const i = rng.int(1, word.length - 2);
  const kind = rng.int(0, 2);
  if (kind === 0) return word.slice(0, i) + word.slice(i + 1);
  if (kind === 1) return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  let c = rng.pick([...letters]);
  if (c === word[i]) c = c === 'z' ? 'a' : String.fromCharCode(c.charCodeAt(0) + 1);
  return word.slice(0, i) + c + word.slice(i + 1);
}

const PHRASES = ['cannot be undone', 'paginated cursor', 'admin rights', 'market order', 'arbitrary command', 'rate limited', 'dry run preview', 'ISO 8601', 'permanently deletes', 'signed url'];

/** 200 queries (or `n`) for the tools of `servers`, the same for the same input and seed. */
export function benchQueries(servers: readonly SnapshotInput[], n = 200, seed = 'bench-queries'): BenchQuery[] {
  const rng = createRng(seed);
  const tools = servers.flatMap((s) => s.tools.map((t) => t.definition.name));
  if (tools.length === 0) return [];
  const out: BenchQuery[] = [];
  const counts = { words: Math.round(n * 0.3), typo: Math.round(n * 0.3), name: Math.round(n * 0.15), phrase: Math.round(n * 0.1) };
  const toolWords = (): string[] => {
    for (;;) {
      const w = words(rng.pick(tools)).filter((x) => !/^\d+$/.test(x));
      if (w.length >= 2) return w.slice(0, Math.min(w.length, rng.int(2, 3)));
    }
  };
  for (let i = 0; i < counts.words; i += 1) out.push({ q: toolWords().join(' '), kind: 'words' });
  for (let i = 0; i < counts.typo; i += 1) {
    let w = toolWords();
    while (!w.some((x) => x.length >= 5)) w = toolWords();
    const long = w.map((x, j) => [x, j] as const).filter(([x]) => x.length >= 5);
    const [, at] = rng.pick(long);
    out.push({ q: w.map((x, j) => (j === at ? typo(x, rng) : x)).join(' '), kind: 'typo', intended: w });
  }
  for (let i = 0; i < counts.name; i += 1) out.push({ q: rng.pick(tools), kind: 'name' });
  for (let i = 0; i < counts.phrase; i += 1) out.push({ q: rng.pick(PHRASES), kind: 'phrase' });
  while (out.length < n) {
    const w = toolWords()[0]!;
    out.push({ q: w.slice(0, Math.max(3, Math.ceil(w.length * 0.6))), kind: 'prefix' });
  }
  // Shuffled (seeded), so a run cut short by its time budget still covers every kind.
  return rng.sample(out.slice(0, n), n);
}

/** True when one of `hitNames` has every intended word among its name words. */
export function typoFound(query: BenchQuery, hitNames: readonly string[]): boolean {
  if (!query.intended) return true;
  return hitNames.some((name) => {
    const have = new Set(words(name));
    return query.intended!.every((w) => have.has(w) || [...have].some((h) => h.startsWith(w)));
  });
}
