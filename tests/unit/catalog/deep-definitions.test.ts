/**
 * Definitions nested deeper (or larger) than the catalogue's bound: a part over the bound is
 * replaced by a marker recording its depth, bytes and hash (the tool is kept and flagged), a part
 * within it is stored exactly as listed, and every stage after that (normalize, writer, loader,
 * classifier, history, the tool page's view model) stays within the bound at 1,000 and 10,000
 * levels.
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { boundDefinition, canonicalHash, CyclicPartError, DEFINITION_BOUNDS } from '../../../src/lib/catalog/bound.js';
import { CatalogError, loadCatalog, loadServer, toolsHash, writeServerSnapshot } from '../../../src/lib/catalog/index.js';
import { OMITTED_KEY, omittedMarker, readOmitted } from '../../../src/lib/catalog/omitted.js';
import { snapshotFromListing } from '../../../src/lib/catalog/listing.js';
import { classify, defaultRules } from '../../../src/lib/classify/index.js';
import { snapshotChanges } from '../../../src/lib/history/index.js';
import { normalizeListedTools } from '../../../src/lib/ingest/index.js';
import type { ToolDefinition } from '../../../src/lib/schema/index.js';
import { paramTable } from '../../../src/lib/view/params.js';
import { buildSiteData } from '../../../src/lib/view/site-data.js';
import { toolJson, toolPageView } from '../../../src/lib/view/tool-page.js';
import { flagCodes, hasFlagKind } from '../../../src/lib/view/flag-kinds.js';
import { removeDir, serverInput, snapshotDir, tempDir } from './helpers.js';

/** JSON text of a schema nesting `levels` `properties.a` steps (keys in sorted order), and its value. */
function deep(levels: number, bottom = 'string'): { text: string; value: unknown } {
  const text = `${'{"properties":{"a":'.repeat(levels)}{"type":"${bottom}"}${'},"type":"object"}'.repeat(levels)}`;
  return { text, value: JSON.parse(text) as unknown };
}
const sha = (text: string): string => `sha256:${createHash('sha256').update(text).digest('hex')}`;

const dirs: string[] = [];
afterAll(() => dirs.forEach(removeDir));
const temp = (): string => {
  const d = tempDir('mcp-deep-');
  dirs.push(d);
  return d;
};

describe('boundDefinition', () => {
  it('keeps a definition within the bound as the very same object', () => {
    const def: ToolDefinition = { name: 'ok', inputSchema: deep(31).value, outputSchema: { type: 'object' }, _meta: { a: [1] } };
    expect(deep(31).text.length).toBeLessThan(DEFINITION_BOUNDS.maxBytes);
    const b = boundDefinition(def);
    expect(b.definition).toBe(def);
    expect(b.omitted).toEqual([]);
  });

  it('keeps depth 64 and replaces depth 65 (levels of JSON objects and arrays)', () => {
    let at64: unknown = {};
    for (let i = 1; i < 64; i++) at64 = { a: at64 };
    expect(boundDefinition({ name: 'x', inputSchema: at64 }).omitted).toEqual([]);
    const at65 = { a: at64 };
    const b = boundDefinition({ name: 'x', inputSchema: at65 });
    expect(b.omitted.map((p) => [p.field, p.info.reason, p.info.depth])).toEqual([['inputSchema', 'too-deep', 65]]);
  });

  it.each([1_000, 10_000])('replaces a %i-level inputSchema by a marker with its depth, bytes and the hash of what was sent', (levels) => {
    const { text, value } = deep(levels);
    const def: ToolDefinition = { name: 'deep_tool', description: 'd', inputSchema: value };
    const b = boundDefinition(def);
    expect(b.definition).not.toBe(def);
    expect(b.definition.name).toBe('deep_tool');
    expect(b.definition.description).toBe('d');
    const info = readOmitted(b.definition.inputSchema);
    expect(info).toEqual({ reason: 'too-deep', depth: 2 * levels + 1, bytes: text.length, sha256: sha(text), maxDepth: 64, maxBytes: 1_048_576 });
    expect(canonicalHash(value)).toBe(sha(text));
    expect(JSON.stringify(b.definition).length).toBeLessThan(400);
  });

  it('replaces a shallow part over 1 MiB (too-large), and deep outputSchema and _meta parts too', () => {
    const big = { type: 'object', properties: { a: { type: 'string', description: 'x'.repeat(DEFINITION_BOUNDS.maxBytes) } } };
    const b = boundDefinition({ name: 'x', inputSchema: big, outputSchema: deep(100).value, _meta: deep(40).value });
    expect(b.omitted.map((p) => [p.field, p.info.reason])).toEqual([
      ['inputSchema', 'too-large'],
      ['outputSchema', 'too-deep'],
      ['_meta', 'too-deep'],
    ]);
  });

  it('refuses a part that contains itself', () => {
    const loop: Record<string, unknown> = {};
    loop.properties = { a: loop };
    expect(() => boundDefinition({ name: 'x', inputSchema: loop })).toThrow(CyclicPartError);
  });

  it('recognises only well-formed markers', () => {
    const info = { reason: 'too-deep' as const, depth: 100, bytes: 10, sha256: sha('x'), maxDepth: 64, maxBytes: 1 };
    expect(readOmitted(omittedMarker(info))).toEqual(info);
    expect(readOmitted({ ...omittedMarker(info), type: 'object' })).toBeUndefined();
    expect(readOmitted({ [OMITTED_KEY]: { ...info, sha256: 'md5:1' } })).toBeUndefined();
    expect(readOmitted({ [OMITTED_KEY]: { ...info, reason: 'other' } })).toBeUndefined();
    expect(readOmitted({ [OMITTED_KEY]: { ...info, depth: -1 } })).toBeUndefined();
    expect(readOmitted('x')).toBeUndefined();
  });
});

describe('deep tools through ingestion, the writer, the loader, the classifier and the page view', () => {
  for (const levels of [1_000, 10_000]) {
    it(`${levels} levels: kept, flagged, written, loaded, classified and shown with the flag; another server untouched`, () => {
      const { text, value } = deep(levels);
      const listedTools = [
        { name: 'plain_tool', description: 'Read one value.', inputSchema: { type: 'object', properties: { key: { type: 'string' } } } },
        { name: 'deep_tool', description: 'Delete the records a deep filter finds.', inputSchema: value },
      ];
      const normalized = normalizeListedTools(listedTools);
      expect(normalized.tools.map((t) => t.definition.name)).toEqual(['plain_tool', 'deep_tool']);
      expect(normalized.tools[0]!.definition).toStrictEqual(listedTools[0]);
      expect(normalized.tools[1]!.flags.map((f) => f.id)).toEqual(['schema-too-deep']);

      // The server's hash is of what it sent (computed without recursion).
      const snap = snapshotFromListing(serverInput('deep'), { tools: listedTools, pages: 1, bytes: 0, transport: 'file', warnings: [] });
      const plainText = JSON.stringify({ description: 'Read one value.', inputSchema: { properties: { key: { type: 'string' } }, type: 'object' }, name: 'plain_tool' });
      expect(snap.input.server.toolsHash).toBe(sha(`[${plainText},{"description":"Delete the records a deep filter finds.","inputSchema":${text},"name":"deep_tool"}]`));
      expect(toolsHash(listedTools)).toBe(snap.input.server.toolsHash);
      expect(snap.warnings).toEqual([expect.stringMatching(/^tool "deep_tool" at position 1: The inputSchema is nested [\d,]+ levels deep .*\(flag schema-too-deep\)$/)]);

      const dir = temp();
      writeServerSnapshot(dir, { server: serverInput('other'), tools: [{ position: 0, definition: { name: 'get_x', description: 'Get x.' } }] });
      const before = snapshotDir(join(dir, 'servers', 'other'));
      writeServerSnapshot(dir, snap.input);
      expect(snapshotDir(join(dir, 'servers', 'other'))).toEqual(before);

      const loaded = loadServer(dir, 'deep');
      const deepTool = loaded.tools.find((t) => t.definition.name === 'deep_tool')!;
      expect(readOmitted(deepTool.definition.inputSchema)?.sha256).toBe(sha(text));
      expect(loaded.server.toolsHash).toBe(snap.input.server.toolsHash);

      const c = classify(deepTool.definition, defaultRules());
      expect(c.flags.map((f) => f.id)).toContain('schema-too-deep');
      expect(c.flags.map((f) => f.id)).not.toContain('schema-not-object');

      const data = buildSiteData(loadCatalog(dir), defaultRules());
      const site = data.tools.find((t) => t.name === 'deep_tool')!;
      const view = toolPageView(data, site);
      expect(view.flags.map((f) => f.id)).toContain('schema-too-deep');
      expect(view.params.rows).toEqual([]);
      expect(view.params.note).toMatch(new RegExp(`nested ${(2 * levels + 1).toLocaleString('en-US')} levels deep \\(more than the 64 kept\\)`));
      expect(view.whatItDoes.join(' ')).toContain('parameters are unknown');
      expect(view.whatItDoes.join(' ')).not.toContain('takes no parameters');
      expect(hasFlagKind(flagCodes(site.flags), 'schema-too-deep')).toBe(true);
      expect(JSON.stringify(toolJson(site, 'http://localhost:4321')).length).toBeLessThan(10_000);

      // Re-listing the same deep tool is no change; a change deep inside it is one.
      const after = normalizeListedTools([listedTools[0], { ...listedTools[1], inputSchema: deep(levels, 'integer').value }]).tools;
      expect(snapshotChanges(loaded.tools, normalized.tools, defaultRules())).toEqual([]);
      const changes = snapshotChanges(loaded.tools, after, defaultRules());
      expect(changes.map((ch) => [ch.tool, ch.kind, ch.fields.map((f) => f.field)])).toEqual([['deep_tool', 'changed', ['inputSchema']]]);
      expect(changes[0]!.risky).toBe(true);
      expect(changes[0]!.riskyReasons).toEqual(['inputSchema changed and is too deep to compare (a parameter may have been added)']);
    });
  }
});

describe('hand-edited deep tool files', () => {
  /** A server written by the writer, then its one tool file replaced by `body` (a hand edit). */
  const write = (dir: string, body: string): void => {
    writeServerSnapshot(dir, { server: serverInput('hand'), tools: [{ position: 0, definition: { name: 'deep_tool' } }] });
    writeFileSync(join(dir, 'servers', 'hand', 'tools', 'deep_tool.md'), body);
  };

  it('a file too deep for the YAML reader is one error naming the file', () => {
    const dir = temp();
    write(dir, `---\ndefinition:\n  name: deep_tool\n  inputSchema: ${'{"a": '.repeat(5000)}1${'}'.repeat(5000)}\nposition: 0\n---\n`);
    let err: unknown;
    try {
      loadCatalog(dir);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CatalogError);
    expect((err as Error).message).toMatch(/deep_tool\.md: YAML: invalid YAML: nested too deeply to read/);
    expect((err as Error).message.split('\n')).toHaveLength(1);
  });

  it('a readable file with a part over the bound loads with a marker in its place', () => {
    const dir = temp();
    write(dir, `---\ndefinition:\n  name: deep_tool\n  inputSchema: ${'{"a": '.repeat(100)}1${'}'.repeat(100)}\nposition: 0\n---\n`);
    const tool = loadCatalog(dir).servers[0]!.tools[0]!;
    expect(readOmitted(tool.definition.inputSchema)).toMatchObject({ reason: 'too-deep', depth: 100 });
    expect(paramTable(tool.definition.inputSchema).note).toMatch(/replaced by a marker/);
  });

  it('a YAML alias cycle is one error naming the file and the field', () => {
    const dir = temp();
    write(dir, `---\ndefinition:\n  name: deep_tool\n  inputSchema: &s\n    properties:\n      a: *s\nposition: 0\n---\n`);
    expect(() => loadCatalog(dir)).toThrow(/deep_tool\.md: definition\.inputSchema: refers to itself/);
  });
});
