import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  canonicalJson,
  loadServer,
  recoverServerFolder,
  toolSlugs,
  toolsHash,
  writeServerSnapshot,
} from '../../../src/lib/catalog/index.js';
import { fastSlugsForList } from '../../../src/lib/catalog/slugs.js';
import { slugsForList } from '../../../src/lib/slug.js';
import { removeDir, serverInput, snapshotDir, someTools, tempDir } from './helpers.js';

let dir: string;
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => removeDir(dir));

const fixedNow = (iso: string) => () => new Date(iso);

describe('writeServerSnapshot', () => {
  it('writes a snapshot the loader reads back exactly', () => {
    const tools = [
      { position: 0, definition: { name: '1e3', description: 'yes' } },
      { position: 1, definition: { name: '2024-01-01', inputSchema: { type: 'object', properties: { on: { type: 'boolean', default: 'no' } } } } },
      { position: 2, definition: { name: 'weird name/../x', annotations: { readOnlyHint: true } } },
    ];
    const r = writeServerSnapshot(dir, { server: serverInput('srv', { sdkVersion: '1.0.0' }), tools }, { now: fixedNow('2026-01-02T03:04:05.000Z') });
    expect(r.added).toEqual(['1e3', '2024-01-01', 'weird name/../x']);
    const s = loadServer(dir, 'srv');
    expect(s.server.toolCount).toBe(3);
    expect(s.server.ingestedAt).toBe('2026-01-02T03:04:05.000Z');
    expect(s.server.toolsHash).toBe(toolsHash(tools.map((t) => t.definition)));
    expect(s.server.sdkVersion).toBe('1.0.0');
    expect(s.tools.map((t) => canonicalJson(t.definition))).toEqual(tools.map((t) => canonicalJson(t.definition)));
    expect(s.tools[2]!.slug).toMatch(/^weird-name-x-[0-9a-f]{6}$/);
    for (const f of Object.values(snapshotDir(join(dir, 'servers', 'srv')))) expect(f.endsWith('\n') || f.endsWith('---\n')).toBe(true);
  });

  it("never writes tool text into a tool file's Markdown body (the only part of a file the site renders as HTML)", () => {
    const html = '<img src=x onerror=alert(1)>\n\n# Heading\n\n[x](javascript:alert(1))';
    const tools = [{ position: 0, definition: { name: `evil ${html}`, title: html, description: html, inputSchema: { type: 'object', properties: { [html]: { type: 'string', description: html } } } } }];
    writeServerSnapshot(dir, { server: serverInput('srv'), tools });
    expect(loadServer(dir, 'srv').tools.map((t) => t.body)).toEqual(['']);
    writeServerSnapshot(dir, { server: serverInput('srv'), tools: [{ position: 0, definition: { ...tools[0]!.definition, description: `${html} changed` } }] });
    expect(loadServer(dir, 'srv').tools.map((t) => t.body)).toEqual(['']);
  });

  it('gives a zero diff on an unchanged re-ingest (byte for byte, apart from ingestedAt)', () => {
    const input = { server: serverInput('srv'), tools: someTools(5) };
    writeServerSnapshot(dir, input, { now: fixedNow('2026-01-01T00:00:00.000Z') });
    const before = snapshotDir(dir);
    const r = writeServerSnapshot(dir, input, { now: fixedNow('2026-01-01T00:00:00.000Z') });
    expect(r).toMatchObject({ added: [], changed: [], removed: [], unchanged: 5 });
    expect(snapshotDir(dir)).toEqual(before);
    writeServerSnapshot(dir, input, { now: fixedNow('2027-05-05T00:00:00.000Z') });
    const after = snapshotDir(dir);
    const changed = Object.keys(after).filter((k) => after[k] !== before[k]);
    expect(changed).toEqual([join('servers', 'srv', 'server.yaml')]);
    const diff = after[changed[0]!]!.split('\n').filter((l, i) => l !== before[changed[0]!]!.split('\n')[i]);
    expect(diff).toEqual(['ingestedAt: 2027-05-05T00:00:00.000Z']);
  });

  it('keeps review, body and hand-written server fields; reports added/changed/removed', () => {
    writeServerSnapshot(dir, { server: serverInput('srv', { description: 'By hand', homepage: 'https://example.org/' }), tools: someTools(3) });
    const file = join(dir, 'servers', 'srv', 'tools', 'tool_1.md');
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, `${text.replace('position: 1\n', 'position: 1\nreview:\n  category: Destructive\n  reason: Deletes data.\n')}## Notes\n\nKeep me.\n`);
    writeFileSync(join(dir, 'servers', 'srv', 'tools', 'tool_2.md'), `${readFileSync(join(dir, 'servers', 'srv', 'tools', 'tool_2.md'), 'utf8')}Body of a tool that goes away.\n`);
    mkdirSync(join(dir, 'servers', 'srv', 'assets'));
    writeFileSync(join(dir, 'servers', 'srv', 'assets', 'logo.txt'), 'logo');

    const next = [
      { position: 0, definition: { name: 'new_first', description: 'added' } },
      { position: 1, definition: { name: 'tool_0', description: 'Tool number 0' } },
      { position: 2, definition: { name: 'tool_1', description: 'Changed description' } },
    ];
    const r = writeServerSnapshot(dir, { server: { ...serverInput('srv'), description: undefined as unknown as string }, tools: next });
    expect(r.added).toEqual(['new_first']);
    expect(r.changed).toEqual(['tool_1']);
    expect(r.removed).toEqual(['tool_2']);
    expect(r.unchanged).toBe(1);
    expect(r.removedWithNotes).toEqual([{ name: 'tool_2', slug: 'tool_2', body: 'Body of a tool that goes away.\n' }]);

    const s = loadServer(dir, 'srv');
    expect(s.server.description).toBe('By hand');
    expect(s.server.homepage).toBe('https://example.org/');
    const t1 = s.tools.find((t) => t.definition.name === 'tool_1')!;
    expect(t1.position).toBe(2);
    expect(t1.definition.description).toBe('Changed description');
    expect(t1.review).toEqual({ category: 'Destructive', reason: 'Deletes data.' });
    expect(t1.body).toBe('## Notes\n\nKeep me.\n');
    expect(existsSync(join(dir, 'servers', 'srv', 'tools', 'tool_2.md'))).toBe(false);
    expect(readFileSync(join(dir, 'servers', 'srv', 'assets', 'logo.txt'), 'utf8')).toBe('logo');
  });

  it('drops ingest fields the new ingest does not have', () => {
    writeServerSnapshot(dir, { server: serverInput('srv', { serverInfo: { name: 'x', version: '1' }, protocolVersion: '2025-06-18' }), tools: someTools(1) });
    writeServerSnapshot(dir, { server: serverInput('srv'), tools: someTools(1) });
    const s = loadServer(dir, 'srv').server;
    expect(s.serverInfo).toBeUndefined();
    expect(s.protocolVersion).toBeUndefined();
  });

  it('leaves the previous snapshot byte for byte when a file write fails', () => {
    writeServerSnapshot(dir, { server: serverInput('srv'), tools: someTools(4) });
    const before = snapshotDir(dir);
    let writes = 0;
    const failing = (p: string, d: string): void => {
      writes += 1;
      if (writes === 3) throw new Error('disk full');
      writeFileSync(p, d);
    };
    expect(() => writeServerSnapshot(dir, { server: serverInput('srv'), tools: someTools(6) }, { fs: { writeFileSync: failing } })).toThrow('disk full');
    expect(snapshotDir(dir)).toEqual(before);
    expect(readdirSync(join(dir, 'servers'))).toEqual(['srv']);
  });

  it('restores the previous snapshot when the swap-in rename fails', () => {
    writeServerSnapshot(dir, { server: serverInput('srv'), tools: someTools(2) });
    const before = snapshotDir(dir);
    const rename = (a: string, b: string): void => {
      if (a.includes('.srv.tmp-')) throw new Error('rename refused');
      renameSync(a, b);
    };
    expect(() => writeServerSnapshot(dir, { server: serverInput('srv'), tools: someTools(3) }, { fs: { renameSync: rename } })).toThrow('rename refused');
    expect(snapshotDir(dir)).toEqual(before);
    expect(readdirSync(join(dir, 'servers'))).toEqual(['srv']);
  });

  it('recovers a server folder left aside by an interrupted swap', () => {
    writeServerSnapshot(dir, { server: serverInput('srv'), tools: someTools(2) });
    const before = snapshotDir(join(dir, 'servers', 'srv'));
    renameSync(join(dir, 'servers', 'srv'), join(dir, 'servers', '.srv.old-abc'));
    mkdirSync(join(dir, 'servers', '.srv.tmp-def'));
    recoverServerFolder(join(dir, 'servers'), 'srv');
    expect(readdirSync(join(dir, 'servers'))).toEqual(['srv']);
    expect(snapshotDir(join(dir, 'servers', 'srv'))).toEqual(before);
  });

  it('rejects ids that are not slugs, duplicate positions and nameless tools without touching disk', () => {
    expect(() => writeServerSnapshot(dir, { server: serverInput('../evil'), tools: [] })).toThrow(/server\.yaml: id: expected a slug such as "evil-[0-9a-f]{6}"/);
    expect(() => writeServerSnapshot(dir, { server: serverInput('s'), tools: [{ position: 0, definition: { name: 'a' } }, { position: 0, definition: { name: 'b' } }] })).toThrow(/position: expected unique positions/);
    expect(() => writeServerSnapshot(dir, { server: serverInput('s'), tools: [{ position: 0, definition: { description: 'x' } as never }] })).toThrow(/tools\[0\]: name: required field is missing/);
    expect(existsSync(join(dir, 'servers'))).toBe(false);
  });

  it('keeps tools listed twice in separate files and matches them again on re-ingest', () => {
    const tools = [
      { position: 0, definition: { name: 'dup', description: 'first' } },
      { position: 1, definition: { name: 'dup', description: 'second' } },
    ];
    writeServerSnapshot(dir, { server: serverInput('srv'), tools });
    const s = loadServer(dir, 'srv');
    expect(s.tools.map((t) => t.definition.description)).toEqual(['first', 'second']);
    expect(new Set(s.tools.map((t) => t.slug)).size).toBe(2);
    expect(writeServerSnapshot(dir, { server: serverInput('srv'), tools }).unchanged).toBe(2);
  });
});

describe('slug collisions', () => {
  it('fastSlugsForList equals slugsForList', () => {
    const names = ['a', 'A', 'a', 'b c', 'b c', 'x/y', 'CON', 'ok_1', 'ok_1', 'ok_1', 'é', ''];
    expect(fastSlugsForList(names)).toEqual(slugsForList(names));
  });

  it('resolves two different names that get the same slug, deterministically and case-insensitively', () => {
    const hashed = slugsForList(['b c'])[0]!; // e.g. "b-c-1a2b3c"
    const names = ['b c', hashed];
    expect(slugsForList(names)).toEqual([hashed, hashed]); // the clash the catalogue must resolve
    const slugs = toolSlugs(names);
    expect(slugs[1]).toBe(hashed); // the name that is its own slug keeps it
    expect(slugs[0]).toMatch(new RegExp(`^${hashed}-[0-9a-f]{12}$`));
    // Differing only by case also clashes (case-insensitive file systems).
    const upper = toolSlugs(['b c', hashed.toUpperCase()]);
    expect(upper[1]).toBe(hashed.toUpperCase());
    expect(upper[0]!.toLowerCase()).not.toBe(hashed);
    expect(toolSlugs(names)).toEqual(slugs);
  });

  it('writes colliding names to separate files', () => {
    const hashed = slugsForList(['b c'])[0]!;
    const tools = ['b c', hashed].map((name, position) => ({ position, definition: { name } }));
    writeServerSnapshot(dir, { server: serverInput('srv'), tools });
    const s = loadServer(dir, 'srv');
    expect(s.tools.map((t) => t.definition.name)).toEqual(['b c', hashed]);
    expect(new Set(s.tools.map((t) => t.slug)).size).toBe(2);
  });
});
