/**
 * File slugs for one server's tool list, collision-free. `slugsForList` (src/lib/slug.ts) gives
 * each position a slug; two different names can still land on the same file name (a plain name
 * equal to another's cleaned-name-plus-hash, or names differing only by case on a case-insensitive
 * file system). Those are resolved here, deterministically.
 */
import { createHash } from 'node:crypto';
import { slugFor, slugsForList } from '../slug.js';

function hash(text: string, length: number): string {
  return createHash('sha256').update(text, 'utf8').digest('hex').slice(0, length);
}

/**
 * Exactly `slugsForList(names)`, in linear time: `slugFor` only looks at siblings differing by case,
 * and a repeat's slug depends only on the name and how many times it was listed before.
 */
export function fastSlugsForList(names: readonly string[]): string[] {
  const twins = new Map<string, Set<string>>();
  for (const n of names) {
    const key = n.toLowerCase();
    const set = twins.get(key);
    if (set) set.add(n);
    else twins.set(key, new Set([n]));
  }
  const counts = new Map<string, number>();
  for (const n of names) counts.set(n, (counts.get(n) ?? 0) + 1);
  const repeats = new Map<string, string[]>();
  const seen = new Map<string, number>();
  return names.map((n) => {
    const k = seen.get(n) ?? 0;
    seen.set(n, k + 1);
    if (k === 0) return slugFor(n, twins.get(n.toLowerCase()) ?? []);
    let list = repeats.get(n);
    if (!list) {
      list = slugsForList(new Array<string>(counts.get(n) ?? 0).fill(n));
      repeats.set(n, list);
    }
    return list[k] ?? '';
  });
}

/**
 * One unique slug per position (unique ignoring case). On a collision, the entry whose slug is its
 * own name keeps it (else the earliest); each other entry gets `<slug>-<12+ hex of sha256(name, k)>`,
 * where k counts earlier listings of the same name, lengthening the hash until it is free.
 */
export function toolSlugs(names: readonly string[]): string[] {
  const slugs = fastSlugsForList(names);
  const groups = new Map<string, number[]>();
  slugs.forEach((slug, i) => {
    const key = slug.toLowerCase();
    const list = groups.get(key);
    if (list) list.push(i);
    else groups.set(key, [i]);
  });
  const taken = new Set(slugs.map((s) => s.toLowerCase()));
  const occurrence = new Map<string, number>();
  const nth = names.map((n) => {
    const k = occurrence.get(n) ?? 0;
    occurrence.set(n, k + 1);
    return k;
  });
  const out = [...slugs];
  for (const members of groups.values()) {
    if (members.length < 2) continue;
    const keeper = members.find((i) => slugs[i] === names[i]) ?? members[0];
    for (const i of members) {
      if (i === keeper) continue;
      const name = names[i] ?? '';
      for (let len = 12; ; len += 4) {
        const candidate = `${slugs[i]}-${hash(`${name}\u0000${nth[i]}`, len)}`;
        if (!taken.has(candidate.toLowerCase()) || len >= 64) {
          taken.add(candidate.toLowerCase());
          out[i] = candidate;
          break;
        }
      }
    }
  }
  return out;
}
