/**
 * Merging the out folders of a sharded site build into one: moves (renames) every entry of a
 * shard's folder that the target does not have yet, descending only into folders both have. A file
 * both have is a catalogue-wide file every shard renders the same (assets, static pages): the
 * target's copy is kept. Nothing is copied, so merging costs one rename per moved subtree.
 */
import { lstatSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/** What a merge did. */
export interface MergeStats {
  /** Entries (files or whole folders) moved into the target. */
  moved: number;
  /** Files left out because the target already had them. */
  kept: number;
}

function kind(path: string): 'dir' | 'file' | undefined {
  try {
    return lstatSync(path).isDirectory() ? 'dir' : 'file';
  } catch {
    return undefined;
  }
}

/** Move the entries of `from` into `into` (see the module comment), then delete what is left of `from`. */
export function mergeInto(from: string, into: string): MergeStats {
  const stats: MergeStats = { moved: 0, kept: 0 };
  const walk = (src: string, dst: string): void => {
    for (const name of readdirSync(src).sort()) {
      const s = join(src, name);
      const d = join(dst, name);
      const there = kind(d);
      if (there === undefined) {
        renameSync(s, d);
        stats.moved += 1;
      } else if (there === 'dir' && kind(s) === 'dir') {
        walk(s, d);
      } else {
        stats.kept += 1;
      }
    }
  };
  walk(from, into);
  rmSync(from, { recursive: true, force: true });
  return stats;
}
