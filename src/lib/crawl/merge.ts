/**
 * Catalogue shards and folding them back: a shard (written by `ingest --all --shard I/N --out DIR`)
 * is `shard.json` (which shard, which servers it listed), `servers/<id>/` for each of them, and the
 * shard's `crawl-results.jsonl`. `mergeShards` puts each listed server folder into the catalogue
 * with the same swap as every snapshot write (new folder beside the old, then renames), its history
 * being the catalogue's followed by what the shard appended, in shard order.
 */
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { recoverServerFolder } from '../catalog/write.js';
import { finalByKey, parseResults, type CrawlRecord } from './results.js';
import { applySourceFix } from './sources-edit.js';

export const SHARD_MANIFEST = 'shard.json';
export const RESULTS_FILE = 'crawl-results.jsonl';
const HISTORY = 'history.jsonl';

export const ShardManifestSchema = z
  .object({
    shard: z.string().regex(/^\d+\/\d+$/),
    /** Server ids listed in this shard (their folders are in servers/). */
    servers: z.array(z.string().regex(/^[A-Za-z0-9_-]{1,100}$/)),
    /** Server ids that failed in this shard (the catalogue keeps what it had). */
    failed: z.array(z.string()),
  })
  .strict();
export type ShardManifest = z.infer<typeof ShardManifestSchema>;

/** An error about one shard, as one line naming the file and the field. */
export class MergeError extends Error {
  override readonly name = 'MergeError';
}

/** Lines of a JSONL file, each with its newline, or [] when absent. */
function lines(path: string): string[] {
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8').split(/(?<=\n)/).filter((l) => l.length > 0);
}

/**
 * The merged history: the catalogue's lines, then the shard's lines it does not have yet, in the
 * shard's order. When the shard started from the same catalogue this is exactly the shard's file. Pure.
 */
export function mergeHistory(catalogLines: readonly string[], shardLines: readonly string[]): string[] {
  const prefix = catalogLines.length <= shardLines.length && catalogLines.every((l, i) => shardLines[i] === l);
  if (prefix) return [...shardLines];
  const have = new Set(catalogLines);
  return [...catalogLines, ...shardLines.filter((l) => !have.has(l))];
}

/** Read and check a shard's manifest; throws {@link MergeError} naming the file and field. */
export function readShard(dir: string): ShardManifest {
  const file = join(dir, SHARD_MANIFEST);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new MergeError(`${file}: cannot read the shard manifest (${(e as Error).message.split('\n')[0]})`);
  }
  const parsed = ShardManifestSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new MergeError(`${file}: ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`);
  }
  for (const id of parsed.data.servers) {
    if (!existsSync(join(dir, 'servers', id, 'server.yaml'))) throw new MergeError(`${file}: servers: ${id} is listed but ${join(dir, 'servers', id, 'server.yaml')} is missing`);
  }
  return parsed.data;
}

/** Write `data` to `path` through a temporary file and a rename. */
export function writeAtomic(path: string, data: string): void {
  const tmp = `${path}.tmp-${randomBytes(6).toString('hex')}`;
  writeFileSync(tmp, data, 'utf8');
  renameSync(tmp, path);
}

export interface MergeResult {
  servers: number;
  failed: number;
  records: number;
  fixes: number;
}

/**
 * Fold `shardDirs` (in order) into `catalogDir`. Every shard is checked before anything is
 * written, and a server in two shards is an error. With `resultsFile`, the shards' results are
 * appended to it; fixes found by second tries are saved into `<catalog>/sources.yaml`.
 */
export function mergeShards(catalogDir: string, shardDirs: readonly string[], opts: { resultsFile?: string } = {}): MergeResult {
  const manifests = shardDirs.map((d) => ({ dir: resolve(d), m: readShard(resolve(d)) }));
  const owner = new Map<string, string>();
  for (const { dir, m } of manifests) {
    for (const id of m.servers) {
      const prev = owner.get(id);
      if (prev) throw new MergeError(`${join(dir, SHARD_MANIFEST)}: servers: ${id} is also in ${join(prev, SHARD_MANIFEST)}`);
      owner.set(id, dir);
    }
  }
  const serversDir = join(resolve(catalogDir), 'servers');
  mkdirSync(serversDir, { recursive: true });
  const result: MergeResult = { servers: 0, failed: 0, records: 0, fixes: 0 };
  const allRecords: CrawlRecord[] = [];
  for (const { dir, m } of manifests) {
    for (const id of m.servers) {
      recoverServerFolder(serversDir, id);
      const from = join(dir, 'servers', id);
      const target = join(serversDir, id);
      const tag = randomBytes(6).toString('hex');
      const tmp = join(serversDir, `.${id}.tmp-${tag}`);
      const aside = join(serversDir, `.${id}.old-${tag}`);
      try {
        cpSync(from, tmp, { recursive: true });
        const merged = mergeHistory(lines(join(target, HISTORY)), lines(join(from, HISTORY)));
        if (merged.length) writeFileSync(join(tmp, HISTORY), merged.join(''), 'utf8');
        let moved = false;
        if (existsSync(target)) {
          renameSync(target, aside);
          moved = true;
        }
        try {
          renameSync(tmp, target);
        } catch (e) {
          if (moved && !existsSync(target)) renameSync(aside, target);
          throw e;
        }
        if (moved) rmSync(aside, { recursive: true, force: true });
      } finally {
        rmSync(tmp, { recursive: true, force: true });
      }
      result.servers++;
    }
    result.failed += m.failed.length;
    const shardResults = join(dir, RESULTS_FILE);
    if (existsSync(shardResults)) {
      const text = readFileSync(shardResults, 'utf8');
      const { records } = parseResults(text);
      allRecords.push(...records);
      result.records += records.length;
      if (opts.resultsFile) {
        const prev = existsSync(opts.resultsFile) ? readFileSync(opts.resultsFile, 'utf8') : '';
        writeAtomic(opts.resultsFile, prev + (prev && !prev.endsWith('\n') ? '\n' : '') + records.map((r) => `${JSON.stringify(r)}\n`).join(''));
      }
    }
  }
  const sourcesFile = join(resolve(catalogDir), 'sources.yaml');
  if (existsSync(sourcesFile)) {
    let text = readFileSync(sourcesFile, 'utf8');
    const before = text;
    for (const r of finalByKey(allRecords).values()) {
      if (r.outcome === 'listed' && r.added) {
        text = applySourceFix(text, r.id, r.added);
        result.fixes++;
      }
    }
    if (text !== before) writeAtomic(sourcesFile, text);
  }
  return result;
}
