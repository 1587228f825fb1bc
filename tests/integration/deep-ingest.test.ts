/**
 * Tools whose inputSchema nests 1,000 and 10,000 `properties.a` levels, end to end through the real
 * CLI: `ingest --file` and `ingest --command` (the stdio fixture server in mode `deep`, SDK
 * initialize, hand-written tools/list) under the default listing bounds, into a catalogue that
 * already holds another server (left byte for byte as it was); `classify --json` and `diff` on the
 * deep files return with the `schema-too-deep` flag; and the site builds from that catalogue, the
 * deep tool's page and JSON showing the flag and the marker.
 */
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite, repoScratch } from '../../scripts/bench/site-build.js';
import { readOmitted } from '../../src/lib/catalog/omitted.js';
import { loadServer } from '../../src/lib/catalog/index.js';
import { deepSchemaJson } from '../fixtures/servers/fixture-lib.mjs';
import { STDIO_FIXTURE } from '../fixtures/servers/helpers.js';
import { runCli, tempFolder } from './cli-helpers.js';

const tmp = tempFolder('mcp-risk-deep-');
const catalog = join(tmp.dir, 'catalog');
let out = '';
afterAll(() => {
  tmp.cleanup();
  if (out) for (const p of [out, `${out}.build-cache`]) rmSync(p, { recursive: true, force: true });
});

const LEVELS = [1_000, 10_000] as const;

/** A saved tools/list with a plain tool and one nesting `levels` properties.a steps. */
function deepFile(levels: number, bottom = 'the bottom'): string {
  const file = join(tmp.dir, `deep-${levels}-${bottom.length}.tools.json`);
  const plain = JSON.stringify({ name: 'plain_tool', description: 'Reads one value.', inputSchema: { type: 'object', properties: { key: { type: 'string' } } } });
  const schema = deepSchemaJson(levels).replace('the bottom', bottom);
  writeFileSync(file, `{"tools":[${plain},{"name":"deep_tool","description":"Deletes the records found by a very deep filter.","inputSchema":${schema}}]}`);
  return file;
}

/** Every file under `dir` with its bytes (base64), by relative path. */
function tree(dir: string): Map<string, string> {
  const m = new Map<string, string>();
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else m.set(relative(dir, p), readFileSync(p).toString('base64'));
    }
  };
  walk(dir);
  return m;
}

let other: Map<string, string>;

beforeAll(async () => {
  const file = join(tmp.dir, 'other.tools.json');
  writeFileSync(file, JSON.stringify({ tools: [{ name: 'get_note', description: 'Get one note.', inputSchema: { type: 'object', properties: { id: { type: 'string' } } } }] }));
  const r = await runCli(['ingest', '--file', file, '--id', 'other', '--catalog', catalog]);
  expect(r.code, r.stderr).toBe(0);
  writeFileSync(join(catalog, 'servers', 'other', 'tools', 'get_note.md'), `${readFileSync(join(catalog, 'servers', 'other', 'tools', 'get_note.md'), 'utf8')}\nA note kept by hand.\n`);
  other = tree(join(catalog, 'servers', 'other'));
});

/** The stored deep tool of `id`: its marker, checked against the original's shape. */
function expectMarker(id: string, levels: number): void {
  const server = loadServer(catalog, id);
  expect(server.tools.map((t) => t.definition.name)).toEqual(['plain_tool', 'deep_tool']);
  const info = readOmitted(server.tools[1]!.definition.inputSchema);
  expect(info).toMatchObject({ reason: 'too-deep', depth: 2 * levels + 1, maxDepth: 64 });
  expect(readFileSync(server.tools[1]!.file, 'utf8').length).toBeLessThan(1_000);
  expect(server.server.toolsHash).toMatch(/^sha256:[0-9a-f]{64}$/);
}

describe.each(LEVELS)('%i levels', (levels) => {
  it('ingest --file keeps the tool with a marker and a warning naming the server, tool and field', async () => {
    const r = await runCli(['ingest', '--file', deepFile(levels), '--id', `deep-file-${levels}`, '--catalog', catalog]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(new RegExp(`^deep-file-${levels}: warning: tool "deep_tool" at position 1: The inputSchema is nested [\\d,]+ levels deep .*\\(flag schema-too-deep\\)$`, 'm'));
    expectMarker(`deep-file-${levels}`, levels);
    expect(tree(join(catalog, 'servers', 'other'))).toEqual(other);
  });

  it('ingest --command lists it from the stdio fixture server within the default bounds', async () => {
    const r = await runCli(['ingest', '--command', `${process.execPath} ${STDIO_FIXTURE} deep ${levels}`, '--id', `deep-stdio-${levels}`, '--catalog', catalog]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('(flag schema-too-deep)');
    expectMarker(`deep-stdio-${levels}`, levels);
    // The same schema, listed live or saved: the same marker, so the same hash of the original.
    const a = loadServer(catalog, `deep-stdio-${levels}`).tools[1]!.definition.inputSchema;
    const b = loadServer(catalog, `deep-file-${levels}`).tools[1]!.definition.inputSchema;
    expect(a).toEqual(b);
    expect(tree(join(catalog, 'servers', 'other'))).toEqual(other);
  });

  it('classify --json returns with the flag; diff sees no change for the same file and a change deep inside', async () => {
    const c = await runCli(['classify', deepFile(levels), '--json']);
    expect(c.code, c.stderr).toBe(0);
    const entries = JSON.parse(c.stdout) as { name: string; flags: { id: string; message: string }[] }[];
    expect(entries.map((e) => e.name)).toEqual(['plain_tool', 'deep_tool']);
    expect(entries[1]!.flags.map((f) => f.id)).toEqual(['schema-too-deep']);
    expect(entries[0]!.flags.map((f) => f.id)).not.toContain('schema-too-deep');

    const same = await runCli(['diff', '--id', `deep-file-${levels}`, '--file', deepFile(levels), '--catalog', catalog]);
    expect(same.code, same.stderr).toBe(0);
    const changed = await runCli(['diff', '--id', `deep-file-${levels}`, '--file', deepFile(levels, 'another bottom'), '--catalog', catalog, '--json']);
    // A schema too deep to compare cannot show that no parameter was added: the change is risky.
    expect(changed.code, changed.stderr).toBe(1);
    expect(changed.stdout).toContain('deep_tool');
    expect(changed.stdout).toContain('inputSchema changed and is too deep to compare');
  });
});

describe('the site built from that catalogue', () => {
  beforeAll(async () => {
    out = repoScratch('deep-site', 'test-results');
    const r = await buildSite({ catalog, out, timeoutMs: 300_000 });
    if (r.code !== 0) throw new Error(`site build failed (${r.signal ?? `exit ${r.code}`}):\n${r.log.slice(-3000)}`);
  }, 330_000);

  it.each(LEVELS)('%i levels: the tool page shows the flag and the note, the API JSON the marker; the other server is there', (levels) => {
    for (const id of [`deep-file-${levels}`, `deep-stdio-${levels}`]) {
      const html = readFileSync(join(out, 'servers', id, 'tools', 'deep_tool', 'index.html'), 'utf8');
      expect(html).toContain('<code>schema-too-deep</code>');
      expect(html).toContain(`nested ${(2 * levels + 1).toLocaleString('en-US')} levels deep (more than the 64 kept)`);
      expect(html).toContain('parameters are unknown');
      const json = JSON.parse(readFileSync(join(out, 'api', 'tools', id, 'deep_tool.json'), 'utf8')) as { flags: { id: string }[]; definition: { inputSchema: unknown } };
      expect(json.flags.map((f) => f.id)).toContain('schema-too-deep');
      expect(readOmitted(json.definition.inputSchema)?.depth).toBe(2 * levels + 1);
    }
    expect(readFileSync(join(out, 'servers', 'other', 'tools', 'get_note', 'index.html'), 'utf8')).toContain('get_note');
  });
});
