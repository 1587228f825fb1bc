import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CatalogError, catalogDir, loadCatalog, loadServer, toolNames, writeServerSnapshot } from '../../../src/lib/catalog/index.js';
import { removeDir, serverInput, someTools, tempDir } from './helpers.js';

let dir: string;
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => removeDir(dir));

const SERVER_YAML = `id: x
name: X
launch:
  transport: stdio
  command: node
ingestedAt: "2026-01-01T00:00:00.000Z"
toolsHash: sha256:00
toolCount: 1
`;
const TOOL_MD = `---
definition:
  name: do_it
position: 0
---
Notes.
`;

function writeServer(serverYaml: string, tools: Record<string, string> = { do_it: TOOL_MD }): void {
  mkdirSync(join(dir, 'servers', 'x', 'tools'), { recursive: true });
  writeFileSync(join(dir, 'servers', 'x', 'server.yaml'), serverYaml);
  for (const [slug, text] of Object.entries(tools)) writeFileSync(join(dir, 'servers', 'x', 'tools', `${slug}.md`), text);
}

/** The error message of loading the catalogue, with the temp folder replaced by `<dir>`. */
function loadError(): string {
  try {
    loadCatalog(dir);
  } catch (e) {
    expect(e).toBeInstanceOf(CatalogError);
    const msg = (e as Error).message;
    expect(msg).not.toContain('\n');
    return msg.split(dir).join('<dir>');
  }
  throw new Error('expected loadCatalog to throw');
}

describe('loadCatalog', () => {
  it('loads a valid hand-written server with body and tools in position order', () => {
    const second = TOOL_MD.replace('do_it', 'a_sorted_first').replace('position: 0', 'position: 1');
    writeServer(SERVER_YAML.replace('toolCount: 1', 'toolCount: 2'), { do_it: TOOL_MD, a_sorted_first: second });
    const cat = loadCatalog(dir);
    expect(cat.servers).toHaveLength(1);
    const s = cat.servers[0]!;
    expect(s.id).toBe('x');
    expect(s.server.launch).toEqual({ transport: 'stdio', command: 'node', args: [], env: [] });
    expect(s.tools.map((t) => [t.slug, t.position, t.definition.name])).toEqual([
      ['do_it', 0, 'do_it'],
      ['a_sorted_first', 1, 'a_sorted_first'],
    ]);
    expect(s.tools[0]!.body).toBe('Notes.\n');
    expect(s.tools[0]!.review).toBeUndefined();
  });

  it('accepts an empty catalogue folder and ignores dot-folders', () => {
    expect(loadCatalog(dir).servers).toEqual([]);
    mkdirSync(join(dir, 'servers', '.x.tmp-123'), { recursive: true });
    expect(loadCatalog(dir).servers).toEqual([]);
  });

  it('names a missing catalogue folder', () => {
    removeDir(dir);
    expect(loadError()).toMatchInlineSnapshot(`"<dir>: expected a catalogue folder"`);
  });

  it('names file and line for broken YAML in server.yaml', () => {
    writeServer(SERVER_YAML.replace('name: X', 'name: [unclosed'));
    expect(loadError()).toMatchInlineSnapshot(`"<dir>/servers/x/server.yaml: line 3, column 1: invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]"`);
  });

  it('names file and field for an empty launch.command', () => {
    writeServer(SERVER_YAML.replace('command: node', 'command: ""'));
    expect(loadError()).toMatchInlineSnapshot(`"<dir>/servers/x/server.yaml: launch.command: expected a non-empty string"`);
  });

  it('names a missing required field', () => {
    writeServer(SERVER_YAML.replace('name: X\n', ''));
    expect(loadError()).toMatchInlineSnapshot(`"<dir>/servers/x/server.yaml: name: required field is missing (expected a string)"`);
  });

  it('names a field of the wrong type', () => {
    writeServer(SERVER_YAML.replace('toolCount: 1', 'toolCount: one'));
    expect(loadError()).toMatchInlineSnapshot(`"<dir>/servers/x/server.yaml: toolCount: expected a number, got a string"`);
  });

  it('names an unknown launch transport', () => {
    writeServer(SERVER_YAML.replace('transport: stdio', 'transport: pigeon'));
    expect(loadError()).toMatchInlineSnapshot(`"<dir>/servers/x/server.yaml: launch.transport: expected one of stdio, streamable-http, sse, file"`);
  });

  it('names an unknown field', () => {
    writeServer(`${SERVER_YAML}colour: blue\n`);
    expect(loadError()).toMatchInlineSnapshot(`"<dir>/servers/x/server.yaml: colour: unknown field"`);
  });

  it('rejects a server.yaml whose id is not its folder name', () => {
    writeServer(SERVER_YAML.replace('id: x', 'id: y'));
    expect(loadError()).toMatchInlineSnapshot(`"<dir>/servers/x/server.yaml: id: expected "x" (the folder name), got "y""`);
  });

  it('names the tool file and field for a tool without a name', () => {
    writeServer(SERVER_YAML, { do_it: TOOL_MD.replace('  name: do_it\n', '  description: hi\n') });
    expect(loadError()).toMatchInlineSnapshot(`"<dir>/servers/x/tools/do_it.md: definition.name: required field is missing (expected a string)"`);
  });

  it('rejects a review without a reason and a review with a bad risk', () => {
    writeServer(SERVER_YAML, { do_it: TOOL_MD.replace('position: 0\n', 'position: 0\nreview:\n  risk: High\n') });
    expect(loadError()).toMatchInlineSnapshot(`"<dir>/servers/x/tools/do_it.md: review.reason: required field is missing (expected a string)"`);
    writeServer(SERVER_YAML, { do_it: TOOL_MD.replace('position: 0\n', 'position: 0\nreview:\n  risk: Huge\n  reason: r\n') });
    expect(loadError()).toMatchInlineSnapshot(`"<dir>/servers/x/tools/do_it.md: review.risk: expected one of Low, Medium, High, Critical (got "Huge")"`);
  });

  it('rejects files without front matter, unclosed front matter and non-YAML front matter', () => {
    writeServer(SERVER_YAML, { do_it: 'just text\n' });
    expect(loadError()).toMatchInlineSnapshot(`"<dir>/servers/x/tools/do_it.md: expected YAML front matter starting with a "---" line"`);
    writeServer(SERVER_YAML, { do_it: '---\ndefinition:\n  name: do_it\nposition: 0\n' });
    expect(loadError()).toMatchInlineSnapshot(`"<dir>/servers/x/tools/do_it.md: front matter is not closed by a "---" line"`);
    writeServer(SERVER_YAML, { do_it: '---js\n{ definition: { name: (globalThis.pwned = 1, "x") }, position: 0 }\n---\n' });
    expect(loadError()).toMatchInlineSnapshot(`"<dir>/servers/x/tools/do_it.md: expected YAML front matter starting with a "---" line"`);
    expect((globalThis as { pwned?: number }).pwned).toBeUndefined();
  });

  it('rejects duplicate positions and a toolCount that does not match the files', () => {
    writeServer(SERVER_YAML.replace('toolCount: 1', 'toolCount: 2'), { do_it: TOOL_MD, other: TOOL_MD.replace('do_it', 'other') });
    expect(loadError()).toMatchInlineSnapshot(`"<dir>/servers/x/tools/other.md: position: expected a position unique within the server (0 is also used by tools/do_it.md)"`);
    writeServer(SERVER_YAML.replace('toolCount: 1', 'toolCount: 3'), { do_it: TOOL_MD, other: TOOL_MD.replace('do_it', 'other').replace('position: 0', 'position: 1') });
    expect(loadError()).toMatchInlineSnapshot(`"<dir>/servers/x/server.yaml: toolCount: expected 2 (the number of files in tools/), got 3"`);
  });

  it('rejects a tool file not named after its tool, naming the file and the name it needs', () => {
    writeServer(SERVER_YAML, { renamed: TOOL_MD });
    expect(loadError()).toMatchInlineSnapshot(`"<dir>/servers/x/tools/renamed.md: definition.name: expected the file to be named tools/do_it.md after its tool's name and position, got tools/renamed.md"`);
    removeDir(join(dir, 'servers', 'x', 'tools'));
    writeServer(SERVER_YAML, { 'do-it': TOOL_MD.replace('name: do_it', 'name: do it') });
    expect(loadError()).toMatchInlineSnapshot(`"<dir>/servers/x/tools/do-it.md: definition.name: expected the file to be named tools/do-it-f51c36.md after its tool's name and position, got tools/do-it.md"`);
  });

  it('toolNames reads the names from file names, and a hashed file name from its file, as loadServer does', () => {
    const names = ['get_x', 'Get_X', '../../etc/passwd', 'do it', 'get_x', 'tool-facade', 'CON'];
    writeServerSnapshot(dir, { server: serverInput('a'), tools: names.map((name, position) => ({ position, definition: { name } })) });
    const loaded = loadServer(dir, 'a').tools;
    expect(loaded.filter((t) => t.slug !== t.definition.name).length).toBeGreaterThanOrEqual(5);
    const bySlug = [...loaded].sort((p, q) => (p.slug < q.slug ? -1 : p.slug > q.slug ? 1 : 0));
    expect(toolNames(dir, 'a')).toEqual(bySlug.map((t) => t.definition.name));
    expect([...toolNames(dir, 'a')].sort()).toEqual([...names].sort());
    expect(toolNames(dir, 'missing')).toEqual([]);
  });

  it('rejects duplicate keys in YAML', () => {
    writeServer(`${SERVER_YAML}name: Again\n`);
    expect(loadError()).toMatchInlineSnapshot(`"<dir>/servers/x/server.yaml: line 9, column 1: invalid YAML: Map keys must be unique"`);
  });

  it('loadServer loads one server among several', () => {
    writeServerSnapshot(dir, { server: serverInput('a'), tools: someTools(2) });
    writeServerSnapshot(dir, { server: serverInput('b'), tools: someTools(3) });
    expect(loadServer(dir, 'b').tools).toHaveLength(3);
    expect(loadCatalog(dir).servers.map((s) => s.id)).toEqual(['a', 'b']);
  });

  it('shows paths relative to the working directory when inside it', () => {
    const inside = resolve('catalog', 'servers', 'nope', 'server.yaml');
    expect(new CatalogError(inside, 'name', 'expected a string').message).toBe('catalog/servers/nope/server.yaml: name: expected a string');
  });
});

describe('catalogDir', () => {
  it('prefers the flag, then MCP_CATALOG_DIR, then ./catalog', () => {
    expect(catalogDir('x/y', { MCP_CATALOG_DIR: '/env' })).toBe(resolve('x/y'));
    expect(catalogDir(undefined, { MCP_CATALOG_DIR: '/env/cat' })).toBe('/env/cat');
    expect(catalogDir(undefined, {})).toBe(resolve('catalog'));
    expect(catalogDir('', { MCP_CATALOG_DIR: '' })).toBe(resolve('catalog'));
  });
});
