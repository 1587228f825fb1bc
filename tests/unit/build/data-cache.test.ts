import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../../src/lib/catalog/index.js';
import { loadRules } from '../../../src/lib/classify/index.js';
import { loadSiteDataCached } from '../../../src/lib/build/data-cache.js';
import { syntheticCatalog, writeSnapshots } from '../../../src/lib/synth/index.js';
import { buildSiteData } from '../../../src/lib/view/site-data.js';
import { analyseSiteServer, siteAnalysis } from '../../../src/lib/view/analysis-view.js';
import { deserialize, serialize } from 'node:v8';

let dir: string;
let cache: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'mcp-data-cache-'));
  cache = join(dir, 'out.build-cache');
  writeSnapshots(dir, syntheticCatalog({ tools: 120, minPerServer: 20, maxPerServer: 50 }));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const uncached = () => buildSiteData(loadCatalog(dir), loadRules(dir));

describe('loadSiteDataCached', () => {
  it('gives the same site data as loading without a cache, from the cache the second time', () => {
    const first = loadSiteDataCached(dir, cache, 'k1');
    expect(first).toMatchObject({ hits: 0, parsed: 120 });
    expect(first.data).toEqual(uncached());
    first.save();
    const servers = first.data.servers.map((s) => `${s.id}.bin`).sort();
    expect(readdirSync(cache).sort()).toEqual(servers);
    const second = loadSiteDataCached(dir, cache, 'k1');
    expect(second).toMatchObject({ hits: 120, parsed: 0 });
    expect(second.data).toEqual(uncached());
  });

  it('parses again a changed file, every file under another key, and none when told not to read the cache', () => {
    const server = loadCatalog(dir).servers[0]!;
    appendFileSync(server.tools[0]!.file, '\nA note added by hand.\n');
    const file = server.tools[1]!.file;
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^position: (\d+)$/m, 'position: $1\nreview:\n  category: Read\n  risk: Low\n  reason: checked by hand\n'));
    // Values JSON cannot hold (NaN, -0) survive the cache.
    const odd = server.tools[2]!.file;
    writeFileSync(odd, readFileSync(odd, 'utf8').replace(/^definition:$/m, 'definition:\n  x-limit: .nan\n  x-zero: -0.0'));
    const changed = loadSiteDataCached(dir, cache, 'k1');
    expect(changed).toMatchObject({ hits: 117, parsed: 3 });
    expect(changed.data).toEqual(uncached());
    changed.save();
    const again = loadSiteDataCached(dir, cache, 'k1');
    expect(again).toMatchObject({ hits: 120, parsed: 0 });
    expect(again.data).toEqual(uncached());
    const limits = again.data.servers[0]!.tools[2]!.definition as Record<string, unknown>;
    expect(limits['x-limit']).toBeNaN();
    expect(Object.is(limits['x-zero'], -0)).toBe(true);
    expect(again.data.servers[0]!.tools[1]!.review).toMatchObject({ reason: 'checked by hand' });
    expect(loadSiteDataCached(dir, cache, 'k2')).toMatchObject({ hits: 0, parsed: 120 });
    expect(loadSiteDataCached(dir, cache, 'k1', false)).toMatchObject({ hits: 0, parsed: 120 });
  });

  it("keeps each server's analysis, equal to a fresh one, and analyses again a server whose tool files changed", () => {
    const first = loadSiteDataCached(dir, cache, 'k1');
    first.save();
    const server = first.data.servers[1]!;
    const file = join(cache, `${server.id}.bin`);
    expect((deserialize(readFileSync(file)) as { analysis?: unknown }).analysis).toEqual(analyseSiteServer(server));
    // A cached analysis is used as it is: a planted one shows up in the site analysis.
    const planted = { ...analyseSiteServer(server), tools: [] };
    const entry = deserialize(readFileSync(file)) as { analysis?: unknown };
    writeFileSync(file, serialize({ ...entry, analysis: planted }));
    const second = loadSiteDataCached(dir, cache, 'k1');
    second.save();
    expect(siteAnalysis(second.data).byServer.get(server.id)).toEqual(planted);
    // Changed tool files: analysed again (and the cache file written again, with the new analysis).
    const tool = loadCatalog(dir).servers.find((s) => s.id === server.id)!.tools[0]!;
    writeFileSync(tool.file, readFileSync(tool.file, 'utf8').replace(/^position: (\d+)$/m, 'position: $1\nreview:\n  category: Destructive\n  risk: Critical\n  reason: checked by hand\n'));
    const third = loadSiteDataCached(dir, cache, 'k1');
    third.save();
    const fresh = new Map(third.data.servers.map((s) => [s.id, analyseSiteServer(s)]));
    expect(siteAnalysis(third.data).byServer).toEqual(fresh);
    expect((deserialize(readFileSync(file)) as { analysis?: unknown }).analysis).toEqual(fresh.get(server.id));
    // Every other server's analysis came from the cache and equals a fresh one.
    const fourth = loadSiteDataCached(dir, cache, 'k1');
    fourth.save();
    expect(siteAnalysis(fourth.data).byServer).toEqual(new Map(fourth.data.servers.map((s) => [s.id, analyseSiteServer(s)])));
  });

  it('ignores a damaged cache file and removes the files of servers that are gone', () => {
    const [a, b] = readdirSync(cache).sort();
    writeFileSync(join(cache, a!), 'not a cache file');
    const load = loadSiteDataCached(dir, cache, 'k1');
    expect(load.parsed).toBe(loadCatalog(dir).servers.find((s) => `${s.id}.bin` === a)!.tools.length);
    expect(load.data).toEqual(uncached());
    rmSync(join(dir, 'servers', b!.replace(/\.bin$/, '')), { recursive: true });
    writeFileSync(join(cache, 'leftover.bin.tmp-1'), '');
    loadSiteDataCached(dir, cache, 'k1').save();
    expect(readdirSync(cache).sort()).toEqual(loadCatalog(dir).servers.map((s) => `${s.id}.bin`).sort());
    expect(loadSiteDataCached(dir, cache, 'k1')).toMatchObject({ parsed: 0 });
  });
});
