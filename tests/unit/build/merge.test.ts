import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { mergeInto } from '../../../src/lib/build/merge.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'mcp-merge-'));
  dirs.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

function read(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out[relative(root, p)] = readFileSync(p, 'utf8');
    }
  };
  walk(root);
  return out;
}

test('moves what the target lacks, keeps the target copy of files both have, removes the source', () => {
  const into = tree({ 'index.html': 'home', '_astro/a.css': 'css', 'servers/a/index.html': 'A', 'servers/a/tools/x/index.html': 'AX', 'servers/index.html': 'list' });
  const from = tree({ 'index.html': 'home (shard 1)', '_astro/a.css': 'css', 'servers/b/index.html': 'B', 'servers/b/tools/y/index.html': 'BY', 'servers/index.html': 'list (shard 1)', 'api/tools/b/y.json': '{}' });
  const stats = mergeInto(from, into);
  expect(read(into)).toEqual({
    'index.html': 'home',
    '_astro/a.css': 'css',
    'servers/a/index.html': 'A',
    'servers/a/tools/x/index.html': 'AX',
    'servers/index.html': 'list',
    'servers/b/index.html': 'B',
    'servers/b/tools/y/index.html': 'BY',
    'api/tools/b/y.json': '{}',
  });
  // servers/b and api moved whole; index.html, _astro/a.css and servers/index.html kept.
  expect(stats).toEqual({ moved: 2, kept: 3 });
  expect(() => readdirSync(from)).toThrow();
});
