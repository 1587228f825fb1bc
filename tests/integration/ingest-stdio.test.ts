/**
 * listTools over stdio against real MCP servers: the SDK-built fixture in each hostile mode, and one
 * published server from npm. Every failing case also checks that the server process is gone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { SUPPORTED_PROTOCOL_VERSIONS } from '@modelcontextprotocol/sdk/types.js';
import { existsSync } from 'node:fs';
import { IngestError, listTools, normalizeListedTools, stopAllServers, type ListLimits, type ListResult } from '../../src/lib/ingest/index.js';
import { STDIO_FIXTURE, isAlive, scratch, waitGone } from '../fixtures/servers/helpers.js';
import { UNSUPPORTED_VERSION } from '../fixtures/servers/fixture-lib.mjs';

const FAST: Partial<ListLimits> = { requestTimeoutMs: 1500, totalTimeoutMs: 10_000, maxBytes: 4 * 1024 * 1024 };
const tmp = scratch();
let run = 0;

afterAll(() => tmp.cleanup());

/** Lists the fixture in `mode`; returns the result or error plus the fixture's pid. */
async function fixture(mode: string, limits: Partial<ListLimits> = {}, extraEnv: Record<string, string> = {}, args: string[] = []) {
  const pidName = `pid-${mode}-${run++}`;
  const started = Date.now();
  let result: ListResult | undefined;
  let error: IngestError | undefined;
  try {
    result = await listTools(
      { kind: 'stdio', command: process.execPath, args: [STDIO_FIXTURE, mode, ...args], env: { FIXTURE_PID_FILE: tmp.file(pidName), ...extraEnv } },
      { ...FAST, ...limits },
    );
  } catch (e) {
    if (!(e instanceof IngestError)) throw e;
    error = e;
  }
  return { result, error, elapsed: Date.now() - started, pid: tmp.readPid(pidName) };
}

/** The fixture failed with `code`, its message is one line, and its process is gone. */
async function expectFailure(run: Awaited<ReturnType<typeof fixture>>, code: IngestError['code']): Promise<IngestError> {
  expect(run.result).toBeUndefined();
  expect(run.error?.code).toBe(code);
  expect(run.error?.message).not.toMatch(/\n/);
  expect(isAlive(run.pid)).toBe(false);
  return run.error as IngestError;
}

describe('listTools over stdio (fixture server)', () => {
  it('follows nextCursor across 3 pages, keeping every tool in order', async () => {
    const r = await fixture('paginated');
    expect(r.error).toBeUndefined();
    const names = r.result!.tools.map((t) => (t as { name: string }).name);
    expect(names).toEqual(Array.from({ length: 25 }, (_, i) => `tool_${String(i).padStart(3, '0')}`));
    expect(r.result!.pages).toBe(3);
    expect(r.result!.transport).toBe('stdio');
    expect(r.result!.serverInfo?.name).toBe('fixture-paginated');
    expect(SUPPORTED_PROTOCOL_VERSIONS).toContain(r.result!.protocolVersion);
    expect(r.result!.bytes).toBeGreaterThan(JSON.stringify(r.result!.tools).length);
    expect(r.result!.warnings).toEqual([]);
    expect(isAlive(r.pid)).toBe(false); // stopped after success too
  });

  it('stops at maxPages and at maxTools', async () => {
    const pages = await expectFailure(await fixture('paginated', { maxPages: 2 }), 'too-many-pages');
    expect(pages.message).toContain('2 pages');
    const tools = await expectFailure(await fixture('paginated', { maxTools: 15 }), 'too-many-tools');
    expect(tools.message).toContain('15');
  });

  it('ends a server that never answers tools/list within the request timeout, killing its whole process group', async () => {
    const grandchild = `grandchild-${run}`;
    const r = await fixture('hang', { requestTimeoutMs: 1500 }, { FIXTURE_GRANDCHILD_PID_FILE: tmp.file(grandchild) });
    const err = await expectFailure(r, 'timeout');
    expect(err.message).toBe('timed out after 1500 ms waiting for tools/list');
    expect(r.elapsed).toBeGreaterThanOrEqual(1500);
    expect(r.elapsed).toBeLessThan(5000);
    expect(await waitGone(tmp.readPid(grandchild))).toBe(true);
  });

  it('enforces the total deadline even when each request may wait longer', async () => {
    const r = await fixture('hang', { requestTimeoutMs: 20_000, totalTimeoutMs: 1200 });
    const err = await expectFailure(r, 'timeout');
    expect(err.message).toMatch(/1200 ms \(total limit per server\) during tools\/list/);
    expect(r.elapsed).toBeLessThan(4500);
  });

  it('times out a server that never answers initialize', async () => {
    const r = await fixture('no-init', { requestTimeoutMs: 1500 });
    const err = await expectFailure(r, 'timeout');
    expect(err.message).toBe('timed out after 1500 ms waiting for initialize');
  });

  it('stops reading an oversize response at maxBytes without buffering it', async () => {
    const baseline = process.memoryUsage();
    let peak = 0;
    const sampler = setInterval(() => {
      const m = process.memoryUsage();
      peak = Math.max(peak, m.heapUsed + m.arrayBuffers - (baseline.heapUsed + baseline.arrayBuffers));
    }, 5);
    const r = await fixture('oversize', { maxBytes: 1024 * 1024 });
    clearInterval(sampler);
    const err = await expectFailure(r, 'too-large');
    expect(err.message).toBe('tools/list exceeded 1048576 bytes (maxBytes)');
    expect(r.elapsed).toBeLessThan(4000);
    expect(peak).toBeLessThan(48 * 1024 * 1024); // the fixture would send 100 MB
  });

  it('reports a server that exits in the middle of its tools/list response, with its last stderr line', async () => {
    const err = await expectFailure(await fixture('exit-mid-list'), 'exited');
    expect(err.message).toBe(
      'server exited with code 3 during tools/list (in the middle of a message): fixture: crashed while listing tools',
    );
  });

  it('stops a server that repeats the same cursor forever', async () => {
    const err = await expectFailure(await fixture('same-cursor', { maxPages: 50 }), 'too-many-pages');
    expect(err.message).toBe('server repeated cursor "abc" (page 3)');
  });

  it('rejects an unsupported protocol version', async () => {
    const err = await expectFailure(await fixture('bad-protocol'), 'protocol');
    expect(err.message).toContain(`unsupported protocol version "${UNSUPPORTED_VERSION}"`);
  });

  it('fails fast, before the timeout, on a server that writes only garbage', async () => {
    const r = await fixture('garbage', { requestTimeoutMs: 5000 });
    const err = await expectFailure(r, 'protocol');
    expect(err.message).toMatch(/more than 10 non-JSON-RPC messages on stdout during initialize/);
    expect(r.elapsed).toBeLessThan(4000);
  });

  it('tolerates a few log lines on stdout, returning them as warnings', async () => {
    const r = await fixture('noisy');
    expect(r.result?.tools).toHaveLength(5);
    expect(r.result?.warnings).toHaveLength(3);
    expect(r.result?.warnings[0]).toContain('Server starting...');
  });

  it('keeps strange definitions raw and lets normalizeListedTools flag them and skip the nameless', async () => {
    const r = await fixture('strange');
    expect(r.result?.tools).toHaveLength(8);
    const { tools, skipped } = normalizeListedTools(r.result!.tools);
    expect(skipped.map((s) => s.position)).toEqual([4, 7]);
    expect(skipped[0]!.reason).toContain('position 4');
    const byPos = new Map(tools.map((t) => [t.position, t]));
    expect(byPos.get(1)!.flags.map((f) => f.id)).toContain('empty-description');
    expect(byPos.get(2)!.flags.map((f) => f.id)).toContain('input-schema-not-object');
    expect(byPos.get(2)!.definition.inputSchema).toBe('not a schema');
    expect(byPos.get(3)!.flags.map((f) => f.id)).toContain('duplicate-name');
    expect(byPos.get(5)!.flags.map((f) => f.id)).toContain('duplicate-name');
    expect(byPos.get(6)!.definition.description).toHaveLength(1024 * 1024);
    expect(byPos.get(6)!.flags.map((f) => f.id)).toContain('long-description');
  });

  it('gives the child only the safe default environment plus env, unless inheritEnv is set', async () => {
    process.env.INGEST_TEST_SECRET = 'do-not-leak';
    try {
      const names = (r: ListResult | undefined) => (r?.tools ?? []).map((t) => (t as { name: string }).name);
      const plain = await fixture('env', {}, { FIXTURE_GIVEN: '1' });
      expect(names(plain.result)).toContain('FIXTURE_GIVEN');
      expect(names(plain.result)).toContain('PATH');
      expect(names(plain.result)).not.toContain('INGEST_TEST_SECRET');
      const inherited = await listTools(
        { kind: 'stdio', command: process.execPath, args: [STDIO_FIXTURE, 'env'], inheritEnv: true },
        FAST,
      );
      expect(names(inherited)).toContain('INGEST_TEST_SECRET');
    } finally {
      delete process.env.INGEST_TEST_SECRET;
    }
  });

  it('stopAllServers kills a running server at once (for CLI signal handlers)', async () => {
    const pidFile = tmp.file('pid-stop-all');
    const started = Date.now();
    const pending = listTools(
      { kind: 'stdio', command: process.execPath, args: [STDIO_FIXTURE, 'hang'], env: { FIXTURE_PID_FILE: pidFile } },
      { requestTimeoutMs: 20_000, totalTimeoutMs: 20_000 },
    ).catch((e: unknown) => e);
    while (!existsSync(pidFile)) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 300)); // let it reach tools/list
    stopAllServers();
    const err = (await pending) as IngestError;
    expect(err).toBeInstanceOf(IngestError);
    expect(err.code).toBe('exited');
    expect(err.message).toMatch(/^server was killed by SIGKILL during /);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(await waitGone(tmp.readPid('pid-stop-all'))).toBe(true);
  });

  it('reports a command that cannot be started', async () => {
    const err = await listTools({ kind: 'stdio', command: 'mcp-risk-no-such-command', args: [] }, FAST).catch((e) => e);
    expect(err).toBeInstanceOf(IngestError);
    expect(err.code).toBe('spawn');
    expect(err.message).toContain('"mcp-risk-no-such-command"');
  });
});

describe('listTools over stdio (published server from npm)', () => {
  const bin = fileURLToPath(new URL('../../node_modules/.bin/mcp-server-everything', import.meta.url));
  let listed: ListResult;

  beforeAll(async () => {
    listed = await listTools({ kind: 'stdio', command: bin, args: [] }, { requestTimeoutMs: 15_000, totalTimeoutMs: 30_000 });
  });

  it('lists the real tools of @modelcontextprotocol/server-everything', () => {
    const names = listed.tools.map((t) => (t as { name: string }).name);
    expect(names).toContain('echo');
    expect(names.length).toBeGreaterThan(5);
    expect(new Set(names).size).toBe(names.length);
    const { tools, skipped } = normalizeListedTools(listed.tools);
    expect(skipped).toEqual([]);
    const echo = tools.find((t) => t.definition.name === 'echo')!;
    expect(echo.definition.inputSchema).toMatchObject({ type: 'object' });
  });

  it('returns serverInfo and the negotiated protocol version', () => {
    expect(listed.serverInfo?.name).toMatch(/everything/);
    expect(typeof listed.serverInfo?.version).toBe('string');
    expect(SUPPORTED_PROTOCOL_VERSIONS).toContain(listed.protocolVersion);
    expect(listed.transport).toBe('stdio');
    expect(listed.pages).toBeGreaterThanOrEqual(1);
  });
});
