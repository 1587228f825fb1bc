/**
 * listTools over Streamable HTTP (and the legacy SSE fallback) against the SDK-built fixture server
 * on 127.0.0.1 with an ephemeral port, in each hostile mode.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SUPPORTED_PROTOCOL_VERSIONS } from '@modelcontextprotocol/sdk/types.js';
import { IngestError, listTools, normalizeListedTools, type ListLimits, type ListResult } from '../../src/lib/ingest/index.js';
import { startHttpFixture, type HttpFixture } from '../fixtures/servers/http-server.mjs';
import { UNSUPPORTED_VERSION } from '../fixtures/servers/fixture-lib.mjs';

const FAST: Partial<ListLimits> = { requestTimeoutMs: 1500, totalTimeoutMs: 10_000, maxBytes: 4 * 1024 * 1024 };
let running: HttpFixture | undefined;

afterEach(async () => {
  await running?.close();
  running = undefined;
});

async function fixture(mode: string, limits: Partial<ListLimits> = {}, legacySse = false) {
  running = await startHttpFixture({ mode, legacySse });
  const started = Date.now();
  let result: ListResult | undefined;
  let error: IngestError | undefined;
  try {
    result = await listTools({ kind: 'http', url: running.url }, { ...FAST, ...limits });
  } catch (e) {
    if (!(e instanceof IngestError)) throw e;
    error = e;
  }
  return { result, error, elapsed: Date.now() - started, stats: running.stats };
}

function failed(r: Awaited<ReturnType<typeof fixture>>, code: IngestError['code']): IngestError {
  expect(r.result).toBeUndefined();
  expect(r.error?.code).toBe(code);
  expect(r.error?.message).not.toMatch(/\n/);
  return r.error as IngestError;
}

const names = (r: ListResult | undefined) => (r?.tools ?? []).map((t) => (t as { name: string }).name);

describe('listTools over Streamable HTTP (fixture server on loopback)', () => {
  it('follows nextCursor across 3 pages, keeping every tool in order', async () => {
    const r = await fixture('paginated');
    expect(r.error).toBeUndefined();
    expect(names(r.result)).toEqual(Array.from({ length: 25 }, (_, i) => `tool_${String(i).padStart(3, '0')}`));
    expect(r.result!.pages).toBe(3);
    expect(r.result!.transport).toBe('streamable-http');
    expect(r.result!.serverInfo?.name).toBe('fixture-paginated');
    expect(SUPPORTED_PROTOCOL_VERSIONS).toContain(r.result!.protocolVersion);
    expect(r.result!.bytes).toBeGreaterThan(0);
    expect(r.stats.methods.filter((m) => m === 'tools/list')).toHaveLength(3);
  });

  it('follows many pages without piling listeners onto shared signals (no process warnings)', async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(`${w.name}: ${w.message}`);
    process.on('warning', onWarning);
    try {
      running = await startHttpFixture({ mode: 'paginated', count: 250 });
      const r = await listTools({ kind: 'http', url: running.url }, FAST);
      expect(r.pages).toBe(25);
      expect(r.tools).toHaveLength(250);
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off('warning', onWarning);
    }
    expect(warnings).toEqual([]);
  });

  it('times out a server that never answers tools/list', async () => {
    const r = await fixture('hang', { requestTimeoutMs: 1000 });
    expect(failed(r, 'timeout').message).toBe('timed out after 1000 ms waiting for tools/list');
    expect(r.elapsed).toBeLessThan(4000);
  });

  it('times out a server that never answers initialize', async () => {
    const r = await fixture('no-init', { requestTimeoutMs: 1000 });
    expect(failed(r, 'timeout').message).toBe('timed out after 1000 ms waiting for initialize');
  });

  it('cuts an oversize response body off at maxBytes', async () => {
    const r = await fixture('oversize', { maxBytes: 1024 * 1024 });
    expect(failed(r, 'too-large').message).toBe('tools/list exceeded 1048576 bytes (maxBytes)');
    expect(r.elapsed).toBeLessThan(4000);
  });

  it('reports a server that drops the connection in the middle of its tools/list response', async () => {
    const r = await fixture('exit-mid-list');
    expect(failed(r, 'exited').message).toMatch(/^server closed the connection during tools\/list/);
  });

  it('stops a server that repeats the same cursor forever', async () => {
    const r = await fixture('same-cursor');
    expect(failed(r, 'too-many-pages').message).toBe('server repeated cursor "abc" (page 3)');
  });

  it('rejects an unsupported protocol version', async () => {
    const r = await fixture('bad-protocol');
    expect(failed(r, 'protocol').message).toContain(`unsupported protocol version "${UNSUPPORTED_VERSION}"`);
  });

  it('fails fast on a server that streams only garbage events', async () => {
    const r = await fixture('garbage', { requestTimeoutMs: 5000 });
    expect(failed(r, 'protocol').message).toMatch(/non-JSON-RPC messages on the HTTP stream during initialize/);
    expect(r.elapsed).toBeLessThan(4000);
  });

  it('keeps strange definitions raw; normalizeListedTools skips the nameless one by position', async () => {
    const r = await fixture('strange');
    expect(r.result?.tools).toHaveLength(8);
    const { tools, skipped } = normalizeListedTools(r.result!.tools);
    expect(skipped.map((s) => s.position)).toEqual([4, 7]);
    expect(tools.find((t) => t.position === 2)!.flags.map((f) => f.id)).toContain('input-schema-not-object');
  });

  it('reports a refused connection as a connect error', async () => {
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((r) => probe.close(() => r()));
    const err = await listTools({ kind: 'http', url: `http://127.0.0.1:${port}/mcp` }, FAST).catch((e) => e);
    expect(err).toBeInstanceOf(IngestError);
    expect(err.code).toBe('connect');
    expect(err.message).toMatch(/^could not connect during initialize/);
  });

  it('rejects a non-http URL', async () => {
    const err = await listTools({ kind: 'http', url: 'file:///etc/passwd' }, FAST).catch((e) => e);
    expect(err.code).toBe('connect');
    expect(err.message).toContain('"file:"');
  });
});

describe('listTools falls back to legacy SSE', () => {
  it('lists an SSE-only server after its 405 to the Streamable HTTP POST', async () => {
    const r = await fixture('paginated', {}, true);
    expect(r.error).toBeUndefined();
    expect(r.result!.transport).toBe('sse');
    expect(names(r.result)).toHaveLength(25);
    expect(r.result!.pages).toBe(3);
    expect(r.result!.serverInfo?.name).toBe('fixture-paginated');
    expect(r.result!.warnings.join(' ')).toMatch(/HTTP 405; fell back to the legacy SSE transport/);
  });

  it('still bounds the SSE server (hang times out)', async () => {
    const r = await fixture('hang', { requestTimeoutMs: 1000 }, true);
    expect(failed(r, 'timeout').message).toBe('timed out after 1000 ms waiting for tools/list');
  });
});
