/**
 * The catalogue's MCP server in process (SDK client and server over InMemoryTransport) on a small
 * temp catalogue: a human review wins in lookups and server policies, hostile text stays inert in
 * the text rendering, search is bounded, and the transports' bounds (stdio line length, loopback).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { writeServerSnapshot } from '../../../src/lib/catalog/index.js';
import { catalogService } from '../../../src/lib/mcp/catalog-service.js';
import { exportServerName as mcpExportName } from '../../../src/lib/mcp/operations.js';
import { createCatalogServer } from '../../../src/lib/mcp/server.js';
import { boundedLines, isLoopback } from '../../../src/lib/mcp/transports.js';
import { evaluate } from '../../../src/lib/policy/index.js';
import { exportServerName as cliExportName } from '../../../scripts/cli/policy.js';
import { removeDir, serverInput, tempDir } from '../catalog/helpers.js';

let dir: string;
let client: Client;
const HOSTILE = 'Reads notes.\u202e\u001b[31m<script>alert(1)</script>';

beforeAll(async () => {
  dir = tempDir('mcp-risk-mcp-unit-');
  writeServerSnapshot(dir, {
    server: serverInput('demo'),
    tools: [
      { position: 0, definition: { name: 'purge_cache', description: 'Delete every cached entry permanently.', inputSchema: { type: 'object' } } },
      { position: 1, definition: { name: 'read_note', description: HOSTILE, inputSchema: { type: 'object', properties: { id: { type: 'string' } } } } },
    ],
  });
  // A reviewer lowers purge_cache to Write / Medium: every answer must use the review.
  const file = join(dir, 'servers', 'demo', 'tools', 'purge_cache.md');
  writeFileSync(file, readFileSync(file, 'utf8').replace(/^---\n/, '---\nreview:\n  category: Write\n  risk: Medium\n  reason: Only a cache; it refills.\n'));
  const [a, b] = InMemoryTransport.createLinkedPair();
  await createCatalogServer(catalogService(dir)).connect(a);
  client = new Client({ name: 'unit', version: '1' });
  await client.connect(b);
});
afterAll(async () => {
  await client.close();
  removeDir(dir);
});

async function call(name: string, args: Record<string, unknown>): Promise<CallToolResult> {
  return (await client.callTool({ name, arguments: args })) as CallToolResult;
}

describe('one server read alone', () => {
  it('flags a name another server of the catalogue lists, as the whole catalogue does', () => {
    const cat = tempDir('mcp-risk-mcp-shadow-');
    try {
      writeServerSnapshot(cat, { server: serverInput('a'), tools: [{ position: 0, definition: { name: 'read_file', description: 'Read a file.', inputSchema: { type: 'object' } } }, { position: 1, definition: { name: 'only_here', description: 'Read a note.', inputSchema: { type: 'object' } } }] });
      writeServerSnapshot(cat, { server: serverInput('b'), tools: [{ position: 0, definition: { name: 'read_file', description: 'Read a file.', inputSchema: { type: 'object' } } }] });
      const alone = catalogService(cat).server('a')!.tools.map((t) => [t.name, t.flags.map((f) => f.id)]);
      const whole = catalogService(cat).siteData().serverById.get('a')!.tools.map((t) => [t.name, t.flags.map((f) => f.id)]);
      expect(alone).toEqual(whole);
      expect(alone).toEqual([['read_file', ['shadows-common-tool']], ['only_here', []]]);
    } finally {
      removeDir(cat);
    }
  });
});

describe('tools over the catalogue', () => {
  it('a review wins in lookup_tool and get_server_policy, and the policy says what evaluate() computes', async () => {
    const r = await call('lookup_tool', { server: 'demo', tool: 'purge_cache' });
    const s = r.structuredContent as Record<string, any>;
    expect([s.category, s.risk, s.overridden, s.review.reason]).toEqual(['Write', 'Medium', true, 'Only a cache; it refills.']);
    expect(s.classification.category).toBe('Destructive');
    expect(evaluate(s.policy, 'purge_cache').outcome).toBe('allow');
    expect(s.policy.rules[0]).toMatchObject({ tool: 'purge_cache', action: 'rate_limit' });
    const p = (await call('get_server_policy', { server: 'demo' })).structuredContent as Record<string, any>;
    expect(p.policy.hide).toEqual([]);
    expect(p.policy.rules.map((x: { tool: string }) => x.tool)).toEqual(['purge_cache', 'read_note']);
    expect(evaluate(p.policy, 'purge_cache').outcome).toBe('allow');
    expect(p.policy.rules[0]).toMatchObject({ action: 'rate_limit', rate_limit: { max: 10, window: 60 } });
    expect(evaluate(p.policy, 'added_later').outcome).toBe('deny');
  });

  it('hostile text stays data in the text rendering (no control or bidi characters)', async () => {
    const r = await call('search_catalog', { query: 'notes' });
    const t = (r.content[0] as { text: string }).text;
    expect(t).toContain('read_note');
    // eslint-disable-next-line no-control-regex
    expect(t).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u202e]/);
    expect(t).toContain('\\u202e');
    const hit = (r.structuredContent as { hits: { description: string }[] }).hits[0]!;
    expect(hit.description).toContain('<script>');
  });

  it('search_catalog returns at most limit hits and refuses an unknown server', async () => {
    const r = (await call('search_catalog', { query: '', limit: 1 })).structuredContent as { total: number; hits: unknown[] };
    expect([r.total, r.hits.length]).toEqual([2, 1]);
    const bad = await call('search_catalog', { query: 'x', server: 'nope' });
    expect(bad.isError).toBe(true);
  });

  it('exports use the same default server name as mcp-risk policy', () => {
    for (const id of ['demo', 'a.b', '..', 'x'.repeat(80), 'Ünïcode']) expect(mcpExportName(id)).toBe(cliExportName(id));
  });
});

describe('transport bounds', () => {
  it('boundedLines passes lines up to the bound and fails past it, across chunks', async () => {
    const run = async (chunks: string[], max: number): Promise<string> => {
      const src = new PassThrough();
      const out = src.pipe(boundedLines(max));
      let got = '';
      const done = new Promise<string>((ok) => {
        out.on('data', (d: Buffer) => (got += d.toString()));
        out.on('end', () => ok(got));
        out.on('error', (e) => ok(`error: ${e.message}`));
      });
      for (const c of chunks) src.write(c);
      src.end();
      return done;
    };
    expect(await run(['abc\nde', 'f\n'], 3)).toBe('abc\ndef\n');
    expect(await run(['ab', 'cd\n'], 3)).toBe('error: a message is over 3 bytes');
    expect(await run(['ok\nabcd\n'], 3)).toBe('error: a message is over 3 bytes');
    expect(await run(['ab', 'cd'], 3)).toBe('error: a message is over 3 bytes');
  });

  it('isLoopback', () => {
    expect(['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]'].map(isLoopback)).toEqual([true, true, true, true, true]);
    expect(['0.0.0.0', '192.168.1.2', '::', 'example.com'].map(isLoopback)).toEqual([false, false, false, false]);
  });
});
