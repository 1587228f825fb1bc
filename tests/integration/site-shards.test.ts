/**
 * The sharded site build (`scripts/site.ts build --shards N`) gives the same site, byte for byte, as
 * the one-process build, and the per-tool JSON files the build writes after `astro build` are the
 * route's text for every tool. Builds a small synthetic catalogue three times (one process, two
 * shards, three shards); the out folders lie inside the repository (see scripts/bench/site-build.ts).
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRules } from '../../src/lib/classify/index.js';
import { loadCatalog } from '../../src/lib/catalog/index.js';
import { syntheticCatalog, writeSnapshots } from '../../src/lib/synth/index.js';
import { buildSiteData } from '../../src/lib/view/site-data.js';
import { shardServerIds } from '../../src/lib/view/shard.js';
import { toolJsonText } from '../../src/lib/view/tool-json-files.js';
import { buildSite, repoScratch } from '../../scripts/bench/site-build.js';

const SITE = 'http://localhost:4321';
let catalog: string;
const outs: Record<string, string> = {};

/** Every file under `dir`, by relative path, with its bytes. */
function files(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.set(relative(dir, p), readFileSync(p));
    }
  };
  walk(dir);
  return out;
}

beforeAll(async () => {
  catalog = mkdtempSync(join(tmpdir(), 'mcp-shards-cat-'));
  writeSnapshots(catalog, syntheticCatalog({ tools: 400, minPerServer: 20, maxPerServer: 120 }));
  for (const shards of [1, 2, 3]) {
    const out = repoScratch(`site-shards-${shards}`, 'test-results');
    outs[shards] = out;
    const r = await buildSite({ catalog, out, shards, timeoutMs: 240_000 });
    if (r.code !== 0) throw new Error(`build with --shards ${shards} failed (${r.signal ?? `exit ${r.code}`}):\n${r.log.slice(-3000)}`);
  }
}, 600_000);

afterAll(() => {
  for (const d of Object.values(outs)) for (const p of [d, `${d}.build-cache`]) rmSync(p, { recursive: true, force: true });
  if (catalog) rmSync(catalog, { recursive: true, force: true });
});

describe('sharded site build', () => {
  it('the catalogue spreads over every shard', () => {
    const data = buildSiteData(loadCatalog(catalog), loadRules(catalog));
    expect(data.servers.length).toBeGreaterThanOrEqual(4);
    for (const count of [2, 3]) {
      const parts = Array.from({ length: count }, (_, index) => [...(shardServerIds(data, { index, count }) ?? [])]);
      for (const p of parts) expect(p.length).toBeGreaterThan(0);
      expect(parts.flat().sort()).toEqual(data.servers.map((s) => s.id).sort());
    }
  });

  it.each([2, 3])('--shards %i writes the same files with the same bytes as one process', (shards) => {
    const one = files(outs[1]!);
    const many = files(outs[shards]!);
    expect([...many.keys()].sort()).toEqual([...one.keys()].sort());
    const differ = [...one].filter(([path, bytes]) => !bytes.equals(many.get(path)!)).map(([path]) => path);
    expect(differ).toEqual([]);
  });

  it('writes every tool JSON file with the route text, and no file is left outside the site', () => {
    const data = buildSiteData(loadCatalog(catalog), loadRules(catalog));
    const site = files(outs[1]!);
    const json = [...site.keys()].filter((p) => p.startsWith('api/tools/'));
    expect(json).toHaveLength(data.tools.length);
    for (const t of data.tools) {
      expect(site.get(`api/tools/${t.serverId}/${t.slug}.json`)?.toString('utf8')).toBe(toolJsonText(t, SITE));
    }
    // Every tool page and no leftovers of the build (server chunks, shard folders).
    expect([...site.keys()].filter((p) => /^servers\/[^/]+\/tools\/[^/]+\/index\.html$/.test(p))).toHaveLength(data.tools.length);
    expect([...site.keys()].filter((p) => /(^|\/)(chunks|\.prerender)\/|tmp-shard/.test(p))).toEqual([]);
    expect(readdirSync(join(outs[1]!, '..')).filter((n) => n.includes('tmp-shard'))).toEqual([]);
  });
});
