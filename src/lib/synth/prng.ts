/**
 * A small seeded pseudo-random number generator (mulberry32) for synthetic catalogues: the same
 * seed always gives the same sequence on every platform, so benchmarks and tests are repeatable.
 * Not for anything security-related.
 */

/** A deterministic random source with the helpers the generators need. */
export interface Rng {
  /** Next float in [0, 1). */
  next(): number;
  /** Integer in [min, max] (both inclusive). */
  int(min: number, max: number): number;
  /** True with probability `p`. */
  chance(p: number): boolean;
  /** One element of a non-empty list. */
  pick<T>(list: readonly T[]): T;
  /** `n` distinct elements of `list` (all of them, shuffled, when `n >= list.length`). */
  sample<T>(list: readonly T[], n: number): T[];
  /** Integer in [min, max] drawn log-uniformly (small values as likely per decade as large ones). */
  logInt(min: number, max: number): number;
}

/** The 32-bit FNV-1a hash of a string, to turn text seeds into numbers. */
export function seedFrom(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A mulberry32 generator seeded with `seed` (a 32-bit integer or any text). */
export function createRng(seed: number | string): Rng {
  let state = (typeof seed === 'string' ? seedFrom(seed) : seed) >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    chance: (p) => next() < p,
    pick: <T>(list: readonly T[]): T => {
      if (list.length === 0) throw new RangeError('pick from an empty list');
      return list[int(0, list.length - 1)] as T;
    },
    sample: <T>(list: readonly T[], n: number): T[] => {
      const copy = [...list];
      for (let i = copy.length - 1; i > 0; i -= 1) {
        const j = int(0, i);
        [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
      }
      return copy.slice(0, Math.max(0, n));
    },
    logInt: (min, max) => {
      const lo = Math.log(Math.max(1, min));
      const hi = Math.log(Math.max(1, max));
      return Math.min(max, Math.max(min, Math.round(Math.exp(lo + next() * (hi - lo)))));
    },
  };
}
