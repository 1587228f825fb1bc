/** readToolsFile: accepted shapes, bounds, and one-line errors that name the file and the field. */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { IngestError, parseToolsJson, readToolsFile } from '../../src/lib/ingest/index.js';
import { scratch } from '../fixtures/servers/helpers.js';

const tmp = scratch();
afterAll(() => tmp.cleanup());

function file(name: string, content: string): string {
  const path = join(tmp.dir, name);
  writeFileSync(path, content);
  return path;
}

async function failure(path: string, limits = {}): Promise<IngestError> {
  const e = await readToolsFile(path, limits).catch((err: unknown) => err);
  expect(e).toBeInstanceOf(IngestError);
  expect((e as IngestError).message).not.toMatch(/\n/);
  return e as IngestError;
}

const TOOLS = [
  { name: 'b', description: 'second in name order, first in the file' },
  { name: 'a', inputSchema: { type: 'object' } },
];

describe('readToolsFile', () => {
  it('reads {"tools": [...]} keeping the entries and their order', async () => {
    const path = file('obj.json', JSON.stringify({ tools: TOOLS }));
    const r = await readToolsFile(path);
    expect(r.tools).toEqual(TOOLS);
    expect(r.transport).toBe('file');
    expect(r.pages).toBe(1);
    expect(r.bytes).toBe(Buffer.byteLength(JSON.stringify({ tools: TOOLS })));
  });

  it('reads a bare array and a whole JSON-RPC response', async () => {
    expect((await readToolsFile(file('arr.json', JSON.stringify(TOOLS)))).tools).toEqual(TOOLS);
    const rpc = { jsonrpc: '2.0', id: 1, result: { tools: TOOLS } };
    expect((await readToolsFile(file('rpc.json', `\uFEFF${JSON.stringify(rpc)}`))).tools).toEqual(TOOLS);
  });

  it('names the file and what was expected for a wrong shape', async () => {
    const path = file('tools.json', JSON.stringify({ servers: [] }));
    const e = await failure(path);
    expect(e.code).toBe('bad-file');
    expect(e.message).toBe(`${path}: expected {"tools": [...]} or an array of tools, got object without "tools"`);
    const notArray = await failure(file('t2.json', JSON.stringify({ tools: 'x' })));
    expect(notArray.message).toMatch(/t2\.json: field "tools" must be an array, got string$/);
    const scalar = await failure(file('t3.json', '42'));
    expect(scalar.message).toMatch(/t3\.json: expected .* got number$/);
  });

  it('reports invalid JSON, a missing file and a directory as bad-file', async () => {
    const bad = await failure(file('bad.json', '{"tools": [}'));
    expect(bad.code).toBe('bad-file');
    expect(bad.message).toMatch(/bad\.json: invalid JSON: /);
    const missing = await failure(join(tmp.dir, 'missing.json'));
    expect(missing.code).toBe('bad-file');
    expect(missing.message).toContain('missing.json');
    mkdirSync(join(tmp.dir, 'adir'));
    expect((await failure(join(tmp.dir, 'adir'))).message).toMatch(/adir: not a regular file/);
  });

  it('refuses a file over maxBytes before parsing it, and too many tools', async () => {
    const big = file('big.json', JSON.stringify({ tools: TOOLS, pad: 'x'.repeat(5000) }));
    const e = await failure(big, { maxBytes: 1000 });
    expect(e.code).toBe('too-large');
    expect(e.message).toMatch(/big\.json: file is \d+ bytes, over 1000 bytes \(maxBytes\)/);
    const many = await failure(file('many.json', JSON.stringify(TOOLS)), { maxTools: 1 });
    expect(many.code).toBe('too-many-tools');
  });

  it('parseToolsJson applies the same rules to text, naming the given label', () => {
    expect(parseToolsJson(JSON.stringify({ tools: TOOLS }), '<stdin>').tools).toEqual(TOOLS);
    expect(() => parseToolsJson('{"x": 1}', '<stdin>')).toThrow('<stdin>: expected {"tools": [...]} or an array of tools, got object without "tools"');
  });

  it('rejects invalid limits with a message naming the field', async () => {
    await expect(readToolsFile(file('ok.json', '[]'), { maxBytes: 0 })).rejects.toThrow('limits.maxBytes must be a positive integer');
  });
});
