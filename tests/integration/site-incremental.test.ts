/**
 * Incremental site builds (`scripts/site.ts build`, src/lib/build/manifest.ts) give the same site,
 * byte for byte, as a full build of the same catalogue. A small synthetic catalogue is built once;
 * one server is re-ingested with one tool changed (through the real `mcp-risk ingest --file`, which
 * also records history), then with a tool removed, and the kept out folder is rebuilt
 * incrementally each time and compared, file by file, with a full build of the changed catalogue
 * into a fresh folder. A change to the catalogue's rules makes the next build a full one.
 */
import { appendFileSync, cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/lib/catalog/index.js';
import { syntheticCatalog, writeSnapshots } from '../../src/lib/synth/index.js';
import { MANIFEST_FILE, parseManifest } from '../../src/lib/build/manifest.js';
import { buildSite, repoScratch, ROOT } from '../../scripts/bench/site-build.js';
import { runCli } from './cli-helpers.js';

let catalog: string;
let work: string;
let kept: string;
const scratch: string[] = [];

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

/** Paths that differ between two out folders (missing on either side, or other bytes). */
function differences(a: string, b: string): string[] {
  const fa = files(a);
  const fb = files(b);
  const out: string[] = [];
  for (const [p, bytes] of fa) if (!fb.get(p)?.equals(bytes)) out.push(p);
  for (const p of fb.keys()) if (!fa.has(p)) out.push(p);
  return out.sort();
}

async function build(out: string, full = false): Promise<string> {
  // scripts/site.ts builds in production mode whatever NODE_ENV it is given (vitest sets "test").
  const r = await buildSite({ catalog, out, full, timeoutMs: 240_000 });
  if (r.code !== 0) throw new Error(`build of ${out} failed (${r.signal ?? `exit ${r.code}`}):\n${r.log.slice(-3000)}`);
  return r.log;
}

/** A fresh full build of the catalogue as it is now. */
async function fullBuild(label: string): Promise<string> {
  const out = repoScratch(label, 'test-results');
  scratch.push(out);
  await build(out, true);
  return out;
}

/** Re-ingest server `id` from a tools file made from its current tools by `edit`. */
async function reingest(id: string, edit: (tools: Record<string, unknown>[]) => Record<string, unknown>[]): Promise<void> {
  const server = loadCatalog(catalog).servers.find((s) => s.id === id)!;
  const file = join(work, `${id}.tools.json`);
  writeFileSync(file, JSON.stringify({ tools: edit(server.tools.map((t) => structuredClone(t.definition) as Record<string, unknown>)) }));
  const r = await runCli(['ingest', '--file', file, '--id', id, '--name', server.server.name, '--catalog', catalog], { timeoutMs: 60_000 });
  if (r.code !== 0) throw new Error(`ingest failed: ${r.stderr}`);
}

function renderedCounts(log: string): { tools: number; of: number; servers: number; pages: number; pagesOf: number } {
  const m = /incremental build: (\d+) of (\d+) tool pages and (\d+) of \d+ servers' pages to render, (\d+) of (\d+) listing pages/.exec(log);
  if (!m) throw new Error(`not an incremental build:\n${log.slice(-2000)}`);
  return { tools: Number(m[1]), of: Number(m[2]), servers: Number(m[3]), pages: Number(m[4]), pagesOf: Number(m[5]) };
}

/** How many tool files the build took from its cache and how many it parsed. */
function cacheCounts(log: string): { hits: number; parsed: number } {
  const m = /catalogue loaded: (\d+) tool files from the build cache, (\d+) parsed/.exec(log);
  if (!m) throw new Error(`no catalogue line:\n${log.slice(-2000)}`);
  return { hits: Number(m[1]), parsed: Number(m[2]) };
}

beforeAll(async () => {
  catalog = mkdtempSync(join(tmpdir(), 'mcp-incr-cat-'));
  work = mkdtempSync(join(tmpdir(), 'mcp-incr-work-'));
  writeSnapshots(catalog, syntheticCatalog({ tools: 300, minPerServer: 20, maxPerServer: 90 }));
  cpSync(join(ROOT, 'catalog', 'rules'), join(catalog, 'rules'), { recursive: true });
  kept = repoScratch('site-incremental', 'test-results');
  scratch.push(kept);
  const log = await build(kept);
  if (!log.includes('full build: no previous build manifest')) throw new Error(`the first build was not full:\n${log}`);
}, 300_000);

afterAll(() => {
  for (const d of scratch) for (const p of [d, `${d}.build-cache`]) rmSync(p, { recursive: true, force: true });
  for (const d of [catalog, work]) if (d) rmSync(d, { recursive: true, force: true });
});

describe('incremental site build', () => {
  it('an unchanged catalogue renders no tool page and keeps the same site', async () => {
    const before = files(kept);
    const log = await build(kept);
    expect(renderedCounts(log)).toMatchObject({ tools: 0, servers: 0, pages: 0 });
    expect(cacheCounts(log)).toEqual({ hits: 300, parsed: 0 });
    const after = files(kept);
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    expect([...after].filter(([p, b]) => !before.get(p)!.equals(b)).map(([p]) => p)).toEqual([]);
  }, 300_000);

  it('one changed tool: only the pages that show it are rendered, and the site equals a full build', async () => {
    const servers = loadCatalog(catalog).servers;
    const target = servers[1]!;
    const name = target.tools[3]!.definition.name;
    await reingest(target.id, (tools) =>
      tools.map((t) => (t['name'] === name ? { ...t, description: 'Permanently deletes every record of the account, with no way back.' } : t)),
    );
    const log = await build(kept);
    const counts = renderedCounts(log);
    expect(counts.tools).toBeGreaterThan(0);
    expect(counts.tools).toBeLessThan(counts.of / 2);
    expect(counts.servers).toBe(1);
    // The tool moved in the danger order (it became destructive): some listing pages, not all.
    expect(counts.pages).toBeGreaterThan(0);
    expect(counts.pages).toBeLessThan(counts.pagesOf);
    expect(cacheCounts(log)).toEqual({ hits: 299, parsed: 1 });
    const manifest = parseManifest(readFileSync(join(kept, MANIFEST_FILE), 'utf8'))!;
    expect(Object.keys(manifest.tools)).toHaveLength(counts.of);
    expect(differences(kept, await fullBuild('site-incremental-full-1'))).toEqual([]);
  }, 300_000);

  it('a tool listed on /tools/ page 2 changes its text only: page 1 is kept, page 2 rendered, the site equals a full build', async () => {
    const before = parseManifest(readFileSync(join(kept, MANIFEST_FILE), 'utf8'))!;
    const all = loadCatalog(catalog).servers.flatMap((s) => s.tools.map((t) => ({ id: s.id, name: t.definition.name })));
    const pick = all[150]!;
    await reingest(pick.id, (tools) => tools.map((t) => (t['name'] === pick.name ? { ...t, description: `${String(t['description'] ?? '')} See the server's documentation.` } : t)));
    const log = await build(kept);
    const counts = renderedCounts(log);
    const after = parseManifest(readFileSync(join(kept, MANIFEST_FILE), 'utf8'))!;
    expect(after.pages['/tools/']).toBe(before.pages['/tools/']);
    expect(after.pages['/tools/2/']).not.toBe(before.pages['/tools/2/']);
    // Its /tools/ page, and its category and risk pages (two of each if its verdict moved).
    expect(counts.pages).toBeGreaterThanOrEqual(1);
    expect(counts.pages).toBeLessThanOrEqual(5);
    expect(differences(kept, await fullBuild('site-incremental-full-p2'))).toEqual([]);
  }, 300_000);

  it('a server added: its pages are rendered, the rest kept where unchanged, and the site equals a full build', async () => {
    const file = join(work, 'new-server.tools.json');
    writeFileSync(
      file,
      JSON.stringify({
        tools: [
          { name: 'delete_bucket', description: 'Deletes a storage bucket and every object in it.', inputSchema: { type: 'object', properties: { bucket: { type: 'string' } } } },
          { name: 'list_buckets', description: 'Lists the storage buckets of the account.' },
          { name: 'get_object', description: 'Reads one object of a bucket.' },
        ],
      }),
    );
    const r = await runCli(['ingest', '--file', file, '--id', 'zz-added', '--name', 'Added storage', '--catalog', catalog], { timeoutMs: 60_000 });
    if (r.code !== 0) throw new Error(`ingest failed: ${r.stderr}`);
    const log = await build(kept);
    const counts = renderedCounts(log);
    expect(counts.of).toBe(303);
    expect(counts.servers).toBeGreaterThanOrEqual(1);
    expect(cacheCounts(log)).toEqual({ hits: 300, parsed: 3 });
    expect([...files(kept).keys()].filter((p) => /^servers\/zz-added\/tools\/[^/]+\/index\.html$/.test(p))).toHaveLength(3);
    expect(differences(kept, await fullBuild('site-incremental-full-added'))).toEqual([]);
  }, 300_000);

  it('a removed tool: its page and JSON are gone, and the site equals a full build', async () => {
    const target = loadCatalog(catalog).servers[2]!;
    const gone = target.tools[0]!;
    await reingest(target.id, (tools) => tools.slice(1));
    const log = await build(kept);
    expect(renderedCounts(log).servers).toBe(1);
    const site = files(kept);
    expect(site.has(`servers/${target.id}/tools/${gone.slug}/index.html`)).toBe(false);
    expect(site.has(`api/tools/${target.id}/${gone.slug}.json`)).toBe(false);
    expect(differences(kept, await fullBuild('site-incremental-full-2'))).toEqual([]);
  }, 300_000);

  it('a rules change rebuilds everything; --full forces a full build', async () => {
    appendFileSync(join(catalog, 'rules', 'verbs.yaml'), '\n# a comment: the rules changed\n');
    const log = await build(kept);
    expect(log).toMatch(/full build: the site sources, catalogue rules or settings changed/);
    expect(log).not.toMatch(/incremental build/);
    const again = await build(kept, true);
    expect(again).toMatch(/full build: --full/);
    expect(readdirSync(join(kept, '..')).filter((n) => n.includes('.tmp-build') || n.includes('.tmp-old'))).toEqual([]);
  }, 300_000);
});
