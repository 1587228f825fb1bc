/**
 * The crawl's bookkeeping end to end through the CLI, offline (saved-file sources): a results file
 * that makes the next run skip what is done, plain progress lines when stderr is not a terminal,
 * and shards: N shard runs folded with `mcp-risk merge` give byte for byte the catalogue that one
 * run gives (same fixed clock, `--now`, for both).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { cpSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseResults } from '../../src/lib/crawl/results.js';
import { shardOf } from '../../src/lib/crawl/shard.js';
import { errorLine, runCli, tempFolder } from './cli-helpers.js';

const tmp = tempFolder('mcp-risk-crawl-');
afterAll(() => tmp.cleanup());

const IDS = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf'];

/** A catalogue folder with one saved-file source per id (tools named after the id and `round`). */
function makeCatalog(dir: string, round: number): void {
  mkdirSync(join(dir, 'seed'), { recursive: true });
  let yaml = 'servers:\n';
  for (const id of IDS) {
    const tools = [{ name: `read_${id}`, description: `Reads ${id}` }, { name: `delete_${id}`, description: `Deletes ${id}${round > 1 && id < 'd' ? ' for good' : ''}` }];
    if (round > 1 && id === 'echo') tools.push({ name: 'run_echo', description: 'Runs a shell command' });
    writeFileSync(join(dir, 'seed', `${id}.json`), JSON.stringify({ tools }));
    yaml += `  - id: ${id}\n    name: ${id.toUpperCase()}\n    file: seed/${id}.json\n`;
  }
  writeFileSync(join(dir, 'sources.yaml'), yaml);
}

/** Every file under `dir` as relative path -> contents. */
function tree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string): void => {
    for (const e of readdirSync(d).sort()) {
      const p = join(d, e);
      if (statSync(p).isDirectory()) walk(p);
      else out.set(relative(dir, p), readFileSync(p, 'utf8'));
    }
  };
  walk(dir);
  return out;
}

describe('ingest --all --results', () => {
  it('records every source, prints plain progress lines, and skips what is done on the next run', async () => {
    const cat = join(tmp.dir, 'results-cat');
    makeCatalog(cat, 1);
    const results = join(tmp.dir, 'results.jsonl');
    const first = await runCli(['ingest', '--all', '--catalog', cat, '--results', results, '--only', 'alpha', '--only', 'bravo']);
    expect(first.code).toBe(0);
    expect(first.stderr).toMatch(/^\[1\/2\] ok (alpha|bravo): 2 tools \| 1 ok, 0 failed, 1 left; \d+s elapsed, [\d.]+\/min, ETA \d+s$/m);
    expect(first.stderr).toMatch(/^\[2\/2\] ok (alpha|bravo): 2 tools \| 2 ok, 0 failed, 0 left;/m);
    const recs = parseResults(readFileSync(results, 'utf8')).records;
    expect(recs.map((r) => r.key).sort()).toEqual(['alpha@file', 'bravo@file']);
    expect(recs.every((r) => r.final && r.outcome === 'listed')).toBe(true);

    const again = await runCli(['ingest', '--all', '--catalog', cat, '--results', results]);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('2 source(s) already done');
    expect(again.stderr).toContain('servers 5 ok, 0 failed');
    expect(again.stderr).not.toMatch(/ok (alpha|bravo):/);
    expect(parseResults(readFileSync(results, 'utf8')).records).toHaveLength(7);
  });

  it('refuses shard and results flags outside --all, and a bad --shard, with one line', async () => {
    const cat = join(tmp.dir, 'usage-cat');
    makeCatalog(cat, 1);
    const bad = await runCli(['ingest', '--all', '--catalog', cat, '--shard', '3/2']);
    expect(bad.code).toBe(2);
    expect(errorLine(bad)).toBe('mcp-risk: ingest: --shard: I must be 1 to 2, got 3');
    const notAll = await runCli(['ingest', '--file', join(cat, 'seed', 'alpha.json'), '--id', 'x', '--results', 'r.jsonl', '--catalog', cat]);
    expect(errorLine(notAll)).toBe('mcp-risk: ingest: --results only applies to --all');
    const now = await runCli(['ingest', '--all', '--catalog', cat, '--now', 'yesterday']);
    expect(errorLine(now)).toMatch(/^mcp-risk: ingest: --now: expected an ISO time/);
  });
});

describe('shards and merge', () => {
  it('merging N shards gives byte for byte the catalogue of a single run, history appended in order', async () => {
    const N = 3;
    // Every shard gets at least one server with these ids (else the test would prove less).
    expect(new Set(IDS.map((id) => shardOf(id, N))).size).toBe(N);
    const base = join(tmp.dir, 'base');
    makeCatalog(base, 1);
    expect((await runCli(['ingest', '--all', '--catalog', base, '--now', '2026-11-01T00:00:00.000Z'])).code).toBe(0);
    makeCatalog(base, 2); // the servers changed since: the next runs append history

    const single = join(tmp.dir, 'single');
    cpSync(base, single, { recursive: true });
    const one = await runCli(['ingest', '--all', '--catalog', single, '--now', '2026-12-01T00:00:00.000Z']);
    expect(one.code).toBe(0);

    const shards: string[] = [];
    for (let i = 1; i <= N; i++) {
      const work = join(tmp.dir, `job-${i}`);
      cpSync(base, work, { recursive: true });
      const out = join(tmp.dir, `shard-${i}`);
      const r = await runCli(['ingest', '--all', '--catalog', work, '--shard', `${i}/${N}`, '--out', out, '--now', '2026-12-01T00:00:00.000Z']);
      expect(r.code).toBe(0);
      const manifest = JSON.parse(readFileSync(join(out, 'shard.json'), 'utf8')) as { servers: string[] };
      expect(manifest.servers.sort()).toEqual(IDS.filter((id) => shardOf(id, N) === i));
      shards.push(out);
    }
    const merged = join(tmp.dir, 'merged');
    cpSync(base, merged, { recursive: true });
    const m = await runCli(['merge', '--catalog', merged, ...shards.reverse()]);
    expect(m.code).toBe(0);
    expect(m.stderr).toContain(`${N} shard(s), ${IDS.length} server(s) merged`);

    const want = tree(join(single, 'servers'));
    const got = tree(join(merged, 'servers'));
    expect([...got.keys()]).toEqual([...want.keys()]);
    for (const [k, v] of want) expect(got.get(k), k).toBe(v);
    // History really grew: the base line then this run's lines.
    const hist = readFileSync(join(merged, 'servers', 'echo', 'history.jsonl'), 'utf8').trim().split('\n');
    expect(hist.length).toBeGreaterThan(1);
    expect(hist.some((l) => l.includes('run_echo'))).toBe(true);
    expect(readFileSync(join(merged, 'servers', 'echo', 'history.jsonl'), 'utf8').startsWith(readFileSync(join(base, 'servers', 'echo', 'history.jsonl'), 'utf8'))).toBe(true);
  });

  it('refuses a server claimed by two shards and a broken manifest, writing nothing', async () => {
    const base = join(tmp.dir, 'base2');
    makeCatalog(base, 1);
    const out = join(tmp.dir, 'dup-1');
    expect((await runCli(['ingest', '--all', '--catalog', base, '--shard', '1/1', '--out', out])).code).toBe(0);
    const twin = join(tmp.dir, 'dup-2');
    cpSync(out, twin, { recursive: true });
    const target = join(tmp.dir, 'dup-target');
    mkdirSync(target);
    const dup = await runCli(['merge', '--catalog', target, out, twin]);
    expect(dup.code).toBe(2);
    expect(errorLine(dup)).toMatch(/^mcp-risk: merge: .*dup-2\/shard\.json: servers: alpha is also in .*dup-1\/shard\.json$/);
    expect(readdirSync(target)).toEqual([]);
    writeFileSync(join(twin, 'shard.json'), JSON.stringify({ shard: 'one', servers: [], failed: [] }));
    const broken = await runCli(['merge', '--catalog', target, twin]);
    expect(errorLine(broken)).toMatch(/dup-2\/shard\.json: shard: Invalid/);
  });
});
