/**
 * Shards of a crawl: `--shard I/N` takes the sources whose id hashes to I (1-based) out of N. The
 * hash is of the id alone, so adding or removing a source never moves another one.
 */
import { createHash } from 'node:crypto';

export interface Shard {
  index: number;
  count: number;
}

/** `I/N` with 1 <= I <= N <= 1000, or an error message. Pure. */
export function parseShard(text: string): { ok: true; shard: Shard } | { ok: false; message: string } {
  const m = /^(\d{1,4})\/(\d{1,4})$/.exec(text.trim());
  if (!m) return { ok: false, message: `expected I/N (e.g. 2/8), got ${JSON.stringify(text.slice(0, 40))}` };
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || count > 1000) return { ok: false, message: `N must be 1 to 1000, got ${count}` };
  if (index < 1 || index > count) return { ok: false, message: `I must be 1 to ${count}, got ${index}` };
  return { ok: true, shard: { index, count } };
}

/** The shard (1-based) of a source id among `count` shards: sha256 of the id, first 8 bytes, mod count. Pure. */
export function shardOf(id: string, count: number): number {
  const h = createHash('sha256').update(id, 'utf8').digest();
  return Number(h.readBigUInt64BE(0) % BigInt(count)) + 1;
}

/** The items whose id falls in `shard`, order kept. Pure. */
export function inShard<T extends { id: string }>(items: readonly T[], shard: Shard): T[] {
  return items.filter((s) => shardOf(s.id, shard.count) === shard.index);
}
