/**
 * Hostile servers through the real `mcp-risk ingest` CLI, against a catalogue that ALREADY holds
 * the server: every failure mode must end with exit 3, exactly one `mcp-risk:` error line naming
 * the server, no stack trace, and the previous snapshot byte-for-byte unchanged (no leftover
 * temporary folders either). Then `ingest --all --concurrency 2` over several sources, good and
 * hostile, reports each one and still writes the good ones.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { loadServer } from '../../src/lib/catalog/index.js';
import { writeBadServer } from '../../src/lib/synth/index.js';
import { STDIO_FIXTURE } from '../fixtures/servers/helpers.js';
import { startHttpFixture } from '../fixtures/servers/http-server.mjs';
import { errorLine, runCli, tempFolder } from './cli-helpers.js';

const tmp = tempFolder('mcp-risk-hostile-');
afterAll(() => tmp.cleanup());

/** Every file under `dir` (dot-files included) with its exact bytes, keyed by relative path. */
function snapshotTree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.set(relative(dir, p), readFileSync(p).toString('base64'));
    }
  };
  walk(dir);
  return out;
}

const ID = 'victim';
const TOOLS = {
  tools: [
    { name: 'read_note', description: 'Read one note.', inputSchema: { type: 'object', properties: { id: { type: 'string' } } } },
    { name: 'delete_note', description: 'Delete a note permanently.', inputSchema: { type: 'object', properties: { id: { type: 'string' } } } },
  ],
};

/** A catalogue holding `victim` (ingested from a file through the CLI, plus a human review). */
let baseline: string;
let before: Map<string, string>;

beforeAll(async () => {
  baseline = join(tmp.dir, 'baseline');
  mkdirSync(baseline, { recursive: true });
  const file = join(tmp.dir, 'victim.tools.json');
  writeFileSync(file, JSON.stringify(TOOLS));
  const r = await runCli(['ingest', '--file', file, '--id', ID, '--name', 'Victim', '--catalog', baseline]);
  expect(r.code, r.stderr).toBe(0);
  // Human-owned content the failed ingests must not touch either.
  const toolFile = join(baseline, 'servers', ID, 'tools', 'delete_note.md');
  writeFileSync(toolFile, `${readFileSync(toolFile, 'utf8')}\nEditorial note kept by hand.\n`);
  before = snapshotTree(baseline);
  expect([...before.keys()].sort()).toEqual(expect.arrayContaining([`servers/${ID}/server.yaml`, `servers/${ID}/tools/delete_note.md`]));
});

/** A fresh copy of the baseline catalogue for one case. */
function copyOfBaseline(name: string): string {
  const dir = join(tmp.dir, name);
  cpSync(baseline, dir, { recursive: true });
  return dir;
}

function expectUnchanged(cat: string): void {
  expect(snapshotTree(cat)).toEqual(before);
  // Nothing left beside the server folder (no .victim.tmp-* / .victim.old-*).
  expect(readdirSync(join(cat, 'servers'))).toEqual([ID]);
  expect(loadServer(cat, ID).tools.map((t) => t.definition.name)).toEqual(['read_note', 'delete_note']);
}

function expectOneErrorLine(r: { code: number | null; stderr: string; stdout: string }, pattern: RegExp): void {
  expect(r.code, r.stderr).toBe(3);
  const lines = r.stderr.split('\n').filter((l) => l.startsWith('mcp-risk:'));
  expect(lines, r.stderr).toHaveLength(1);
  expect(errorLine(r)).toMatch(new RegExp(`^mcp-risk: ingest: ${ID}: `));
  expect(errorLine(r)).toMatch(pattern);
  expect(errorLine(r).length).toBeLessThan(2100);
  expect(r.stderr).not.toMatch(/^\s+at /m);
  expect(r.stdout).toBe('');
}

/** Each hostile mode of the fixtures and what its one error line must say. */
const MODES: [mode: string, pattern: RegExp][] = [
  ['no-init', /timed out after 2500 ms .*during initialize/],
  ['hang', /timed out after 2500 ms .*during tools\/list/],
  ['same-cursor', /repeated cursor/],
  ['oversize', /exceeded 4194304 bytes \(maxBytes\)/],
  ['exit-mid-list', /(exited with code 3|closed the connection) during tools\/list/],
  ['bad-protocol', /unsupported protocol version "1999-01-01"/],
  ['garbage', /more than \d+ non-JSON-RPC messages/],
];

describe('hostile servers over stdio, re-ingested into a catalogue that has them', () => {
  for (const [mode, pattern] of MODES) {
    it(`${mode}: exit 3, one error line, previous snapshot byte-for-byte unchanged`, async () => {
      const cat = copyOfBaseline(`stdio-${mode}`);
      const started = Date.now();
      const r = await runCli(['ingest', '--command', `"${process.execPath}" "${STDIO_FIXTURE}" ${mode}`, '--id', ID, '--timeout', '2500', '--max-bytes', String(4 * 1024 * 1024), '--catalog', cat], { timeoutMs: 30_000 });
      expectOneErrorLine(r, pattern);
      expect(Date.now() - started).toBeLessThan(20_000);
      expectUnchanged(cat);
    });
  }
});

describe('hostile servers over Streamable HTTP, re-ingested into a catalogue that has them', () => {
  for (const [mode, pattern] of MODES) {
    it(`${mode}: exit 3, one error line, previous snapshot byte-for-byte unchanged`, async () => {
      const fx = await startHttpFixture({ mode });
      try {
        const cat = copyOfBaseline(`http-${mode}`);
        const r = await runCli(['ingest', '--url', fx.url, '--id', ID, '--timeout', '2500', '--max-bytes', String(4 * 1024 * 1024), '--catalog', cat], { timeoutMs: 30_000 });
        expectOneErrorLine(r, pattern);
        expectUnchanged(cat);
      } finally {
        await fx.close();
      }
    });
  }
});

describe('ingest --all --concurrency 2 over good and hostile sources', () => {
  it('reports every source, writes the good ones, leaves the failed ones as they were, exits 3', async () => {
    const cat = copyOfBaseline('all');
    mkdirSync(join(cat, 'seed'), { recursive: true });
    writeFileSync(join(cat, 'seed', 'good-a.json'), JSON.stringify({ tools: [{ name: 'list_items' }, { name: 'drop_table' }] }));
    writeFileSync(join(cat, 'seed', 'good-b.json'), JSON.stringify([{ name: 'get_weather', description: 'Weather for a city.' }]));
    writeFileSync(join(cat, 'seed', 'broken.json'), '{"tools": [ {"name": "x"} ');
    const good = await startHttpFixture({ mode: 'paginated', count: 23 });
    const hang = await startHttpFixture({ mode: 'hang' });
    const cursor = await startHttpFixture({ mode: 'same-cursor' });
    try {
      writeFileSync(
        join(cat, 'sources.yaml'),
        [
          'servers:',
          '  - id: good-a',
          '    name: Good A',
          '    file: seed/good-a.json',
          '  - id: good-b',
          '    name: Good B',
          '    file: seed/good-b.json',
          '  - id: broken-file',
          '    name: Broken file',
          '    file: seed/broken.json',
          '  - id: web-good',
          '    name: Web good',
          `    url: ${good.url}`,
          // The catalogue already has `victim`: a hanging server under that id must not touch it.
          `  - id: ${ID}`,
          '    name: Victim',
          `    url: ${hang.url}`,
          '  - id: web-cursor',
          '    name: Web cursor loop',
          `    url: ${cursor.url}`,
          '',
        ].join('\n'),
      );
      const started = Date.now();
      const r = await runCli(['ingest', '--all', '--concurrency', '2', '--timeout', '2500', '--catalog', cat], { timeoutMs: 60_000 });
      expect(Date.now() - started).toBeLessThan(40_000);
      expect(r.code, r.stderr).toBe(3);
      expect(r.stderr).toContain('mcp-risk: ingest: servers 3 ok, 3 failed; tools 26 added, 0 changed, 0 removed');
      for (const id of ['good-a', 'good-b', 'broken-file', 'web-good', ID, 'web-cursor']) expect(r.stderr).toContain(`${id}: listing...`);
      expect(r.stderr).toContain('good-a: 2 tools (2 added');
      expect(r.stderr).toContain('web-good: 23 tools (23 added');
      const failed = r.stderr.split('\n').filter((l) => l.startsWith('  failed '));
      expect(failed.map((l) => l.split(':')[0]?.trim()).sort()).toEqual(['failed broken-file', `failed ${ID}`, 'failed web-cursor']);
      expect(failed.find((l) => l.includes('broken-file'))).toMatch(/broken\.json/);
      expect(failed.find((l) => l.includes(ID))).toMatch(/timed out/);
      expect(failed.find((l) => l.includes('web-cursor'))).toMatch(/repeated cursor/);
      expect(r.stderr).not.toMatch(/^\s+at /m);

      expect(loadServer(cat, 'web-good').tools).toHaveLength(23);
      expect(loadServer(cat, 'good-b').server.name).toBe('Good B');
      const victimNow = snapshotTree(join(cat, 'servers', ID));
      const victimBefore = new Map([...before].filter(([k]) => k.startsWith(`servers/${ID}/`)).map(([k, v]) => [k.slice(`servers/${ID}/`.length), v]));
      expect(victimNow).toEqual(victimBefore);
      expect(readdirSync(join(cat, 'servers')).filter((d) => d.startsWith('.'))).toEqual([]);
      expect(readdirSync(join(cat, 'servers')).sort()).toEqual(['good-a', 'good-b', ID, 'web-good'].sort());
      expect(statSync(join(cat, 'servers', 'web-cursor'), { throwIfNoEntry: false })).toBeUndefined();
    } finally {
      await Promise.all([good.close(), hang.close(), cursor.close()]);
    }
  });
});

describe('hostile server.yaml (hand-edited or from a malicious pull request)', () => {
  it('mcp-risk validate exits 2 with one line naming the file and the field', async () => {
    const cat = copyOfBaseline('bad-yaml');
    writeBadServer(cat, 'javascript-homepage');
    const r = await runCli(['validate', '--catalog', cat]);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n').filter((l) => l.startsWith('mcp-risk:'))).toEqual([expect.stringMatching(/servers\/evil-homepage\/server\.yaml: homepage: must be an http\(s\) URL$/)]);
  });
});
