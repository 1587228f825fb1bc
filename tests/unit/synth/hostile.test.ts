/**
 * The hostile catalogue, written through the real writer and loaded back: every crafted case is
 * present and round-trips exactly, slugs are unique, path-safe and stable across writes, and each
 * hostile server.yaml stops the catalogue from loading with one line naming the file and field.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CatalogError, loadCatalog, writeServerSnapshot } from '../../../src/lib/catalog/index.js';
import { boundDefinition, canonicalHash } from '../../../src/lib/catalog/bound.js';
import { readOmitted } from '../../../src/lib/catalog/omitted.js';
import {
  ALL_PAYLOADS,
  BAD_SERVERS,
  BULK_SERVER_ID,
  HOSTILE_NOTES_BODY,
  HOSTILE_SERVER_ID,
  PAYLOADS,
  deepSchema,
  hostileTools,
  writeBadServer,
  writeHostileCatalog,
  type BadServerKind,
} from '../../../src/lib/synth/index.js';

const dirs: string[] = [];
const temp = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'synth-hostile-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function depthOf(schema: unknown): number {
  let depth = 0;
  let node = schema as { properties?: Record<string, unknown> } | undefined;
  while (node && typeof node === 'object' && node.properties) {
    depth += 1;
    node = Object.values(node.properties)[0] as typeof node;
  }
  return depth;
}

describe('hostileTools', () => {
  const tools = hostileTools();
  const names = tools.map((t) => t.name);

  it('covers every case of the issue', () => {
    for (const n of ['../../etc/passwd', 'CON', 'a/b', '', 'x'.repeat(500), 'DeleteFile', 'deletefile', 'caf\u00e9', 'cafe\u0301', PAYLOADS.script, PAYLOADS.img]) expect(names).toContain(n);
    expect(names.filter((n) => n === 'dup_tool')).toHaveLength(3);
    expect(names.some((n) => n.includes('\u200B'))).toBe(true);
    expect(names.some((n) => n.includes('\u202E'))).toBe(true);
    const huge = tools.find((t) => t.name === 'huge_description')!;
    expect(Buffer.byteLength(huge.description ?? '')).toBeGreaterThanOrEqual(1024 * 1024);
    expect(depthOf(tools.find((t) => t.name === 'deep_schema')!.inputSchema)).toBe(200);
    const nonObject = tools.filter((t) => t.inputSchema !== undefined && (typeof t.inputSchema !== 'object' || t.inputSchema === null || Array.isArray(t.inputSchema)));
    expect(nonObject.length).toBeGreaterThanOrEqual(4);
    // Payloads sit in titles, parameter names and enum values too.
    const text = JSON.stringify(tools);
    for (const p of [PAYLOADS.script, PAYLOADS.img, PAYLOADS.closeScript]) expect(text.split(JSON.stringify(p).slice(1, -1)).length).toBeGreaterThan(3);
    expect(tools.some((t) => t.title === PAYLOADS.img)).toBe(true);
    expect(ALL_PAYLOADS.filter((p) => /alert\(1\)/.test(p)).length).toBeGreaterThanOrEqual(8);
  });

  it('deepSchema nests exactly the asked depth', () => {
    expect(depthOf(deepSchema(1))).toBe(1);
    expect(depthOf(deepSchema(37))).toBe(37);
  });
});

describe('writeHostileCatalog', () => {
  const a = temp();
  const b = temp();
  const written = writeHostileCatalog(a, { bulkTools: 120 });
  writeHostileCatalog(b, { bulkTools: 120 });
  const cat = loadCatalog(a);

  it('writes both servers through the writer, and every definition loads back exactly', () => {
    expect(written).toMatchObject({ servers: 2, tools: hostileTools().length + 120 });
    expect(cat.servers.map((s) => s.id)).toEqual([HOSTILE_SERVER_ID, BULK_SERVER_ID]);
    const hostile = cat.servers[0]!;
    // Every definition as listed, except the 200-level schema (401 levels of JSON, over the bound of
    // 64): the writer stores a marker for it, recording the original's depth, size and hash.
    const listed = hostileTools();
    const expected = listed.map((d) => boundDefinition(d).definition);
    expect(hostile.tools.map((t) => t.definition)).toEqual(expected);
    expect(expected.filter((d, i) => d !== listed[i]).map((d) => d.name)).toEqual(['deep_schema']);
    const deep = hostile.tools.find((t) => t.definition.name === 'deep_schema')!;
    expect(readOmitted(deep.definition.inputSchema)).toMatchObject({ reason: 'too-deep', depth: 401, sha256: canonicalHash(deepSchema(200, PAYLOADS.img)) });
    expect(hostile.server.name).toContain(PAYLOADS.script);
    const notes = hostile.tools.find((t) => t.definition.name === 'notes_with_markup')!;
    expect(notes.body).toBe(HOSTILE_NOTES_BODY);
    const bulk = cat.servers[1]!.tools;
    expect(bulk).toHaveLength(120);
    expect(bulk.filter((t) => ALL_PAYLOADS.some((p) => (t.definition.description ?? '').includes(p)))).toHaveLength(3);
  });

  it('gives unique, path-safe slugs, also ignoring case and Unicode normalisation', () => {
    for (const s of cat.servers) {
      const slugs = s.tools.map((t) => t.slug);
      for (const slug of slugs) expect(slug).toMatch(/^[A-Za-z0-9_-]{1,100}$/);
      expect(new Set(slugs.map((x) => x.normalize('NFKC').toLowerCase())).size).toBe(slugs.length);
    }
  });

  it('is stable: two writes give the same file names and the same bytes', () => {
    for (const id of [HOSTILE_SERVER_ID, BULK_SERVER_ID]) {
      const filesA = readdirSync(join(a, 'servers', id, 'tools')).sort();
      expect(readdirSync(join(b, 'servers', id, 'tools')).sort()).toEqual(filesA);
      for (const f of filesA) expect(readFileSync(join(b, 'servers', id, 'tools', f)).equals(readFileSync(join(a, 'servers', id, 'tools', f))), f).toBe(true);
      expect(readFileSync(join(b, 'servers', id, 'server.yaml'), 'utf8')).toBe(readFileSync(join(a, 'servers', id, 'server.yaml'), 'utf8'));
    }
  });
});

describe('hostile server.yaml', () => {
  for (const kind of Object.keys(BAD_SERVERS) as BadServerKind[]) {
    it(`${kind}: the catalogue refuses to load, naming the file and the field`, () => {
      const dir = temp();
      writeHostileCatalog(dir, { bulkTools: 0, hugeDescriptionBytes: 100, schemaDepth: 3 });
      writeBadServer(dir, kind);
      const bad = BAD_SERVERS[kind];
      const field = 'homepage' in bad ? 'homepage' : 'repository';
      let error: unknown;
      try {
        loadCatalog(dir);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(CatalogError);
      expect((error as CatalogError).field).toBe(field);
      expect((error as CatalogError).message).toMatch(new RegExp(`servers/${bad.id}/server\\.yaml: ${field}: must be an http\\(s\\) URL$`));
      expect((error as CatalogError).message).not.toContain('\n');
    });
  }

  it('the writer refuses a javascript: homepage before touching the catalogue', () => {
    const dir = temp();
    expect(() =>
      writeServerSnapshot(dir, {
        server: { id: 'evil', name: 'Evil', homepage: PAYLOADS.jsUrl, launch: { transport: 'file', file: 'x.json' } },
        tools: [{ position: 0, definition: { name: 'read_x' } }],
      }),
    ).toThrow(/homepage: must be an http\(s\) URL/);
    expect(readdirSync(join(dir, 'servers'))).toEqual([]);
  });
});
