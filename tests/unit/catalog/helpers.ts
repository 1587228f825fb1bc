/** Shared helpers for the catalogue tests: temp folders and folder snapshots. */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { ServerInput } from '../../../src/lib/catalog/index.js';

/** A fresh temporary folder; remove it with `rmSync(dir, {recursive: true, force: true})`. */
export function tempDir(prefix = 'mcp-risk-cat-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Remove a temp folder. */
export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Every file under `dir` (relative path -> content), dot-entries included. */
export function snapshotDir(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out[relative(dir, p)] = readFileSync(p, 'utf8');
    }
  };
  walk(dir);
  return out;
}

/** A minimal server input for `writeServerSnapshot`. */
export function serverInput(id: string, extra: Partial<ServerInput> = {}): ServerInput {
  return { id, name: `Server ${id}`, description: '', launch: { transport: 'file', file: 'seed/x.json' }, ...extra };
}

/** `n` simple tool definitions named `tool_0 ..`. */
export function someTools(n: number): { position: number; definition: { name: string; description: string } }[] {
  return Array.from({ length: n }, (_, i) => ({ position: i, definition: { name: `tool_${i}`, description: `Tool number ${i}` } }));
}
