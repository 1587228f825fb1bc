/**
 * The loader and writer at scale: 2,000 tools in 2 servers (loading costs ~0.3 ms per tool, so 50,000 tools take ~15 s) must
 * write and load well inside a generous bound, and a re-ingest must reuse unchanged files.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadCatalog, writeServerSnapshot } from '../../../src/lib/catalog/index.js';
import { removeDir, serverInput, tempDir } from './helpers.js';

const dir = tempDir();
afterAll(() => removeDir(dir));
const seed = (JSON.parse(readFileSync(resolve('catalog/seed/binance-mcp.all-registrations.tools.json'), 'utf8')) as { tools: { name: string }[] }).tools;

function serverTools(s: number): { position: number; definition: { name: string } }[] {
  return Array.from({ length: 1000 }, (_, i) => ({ position: i, definition: { ...seed[(i + s) % seed.length]!, name: `s${s}_tool_${i}` } }));
}

describe('catalogue at scale', () => {
  it('writes and loads 2,000 realistic tools in seconds', () => {
    const t0 = performance.now();
    for (let s = 0; s < 2; s++) writeServerSnapshot(dir, { server: serverInput(`srv${s}`), tools: serverTools(s) });
    const written = performance.now() - t0;
    const t1 = performance.now();
    const cat = loadCatalog(dir);
    const loaded = performance.now() - t1;
    expect(cat.servers.reduce((n, s) => n + s.tools.length, 0)).toBe(2000);
    expect(cat.servers[1]!.tools[999]!.definition.name).toBe('s1_tool_999');
    // ~0.3 ms per tool on a laptop; the bound leaves room for slow CI machines.
    expect(loaded).toBeLessThan(10_000);
    expect(written).toBeLessThan(10_000);
  });

  it('re-ingests an unchanged server by copying its files', () => {
    const r = writeServerSnapshot(dir, { server: serverInput('srv0'), tools: serverTools(0) });
    expect(r.unchanged).toBe(1000);
    expect(join(dir, 'servers', 'srv0')).toBe(r.dir);
  });
});
