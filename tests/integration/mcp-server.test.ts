/**
 * `mcp-risk mcp` end to end: the CLI started as a child process, an SDK client over stdio lists
 * its tools (read-only hints, passing `mcp-risk check`, equal to the catalogue's own snapshot of
 * it) and calls each one; every result equals the CLI's output for the same input (`classify
 * --json`, `policy`, `check`, `audit --json`). Then Streamable HTTP on an ephemeral loopback
 * port: the same answers, and the HTTP bounds (Host check, body size, method).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { loadServer } from '../../src/lib/catalog/index.js';
import { CLI, ROOT, runCli, tempFolder } from './cli-helpers.js';

const T = 240_000;
const CALL = { timeout: 180_000 };
const CAT = ['--catalog', 'catalog'];
const tmp = tempFolder('mcp-risk-mcp-');
let client: Client;

beforeAll(async () => {
  client = new Client({ name: 'mcp-server-test', version: '1.0.0' });
  await client.connect(
    new StdioClientTransport({ command: process.execPath, args: ['--import', 'tsx', CLI, 'mcp', ...CAT], cwd: ROOT, env: { PATH: process.env.PATH ?? '' }, stderr: 'ignore' }),
  );
}, T);
afterAll(async () => {
  await client?.close();
  tmp.cleanup();
});

async function call(c: Client, name: string, args: Record<string, unknown>): Promise<CallToolResult> {
  return (await c.callTool({ name, arguments: args }, undefined, CALL)) as CallToolResult;
}
function text(r: CallToolResult): string {
  return r.content.map((c) => (c.type === 'text' ? c.text : '')).join('\n');
}
/** Text as the CLI prints it (a newline added when missing). */
function printed(t: string): string {
  return t.endsWith('\n') ? t : `${t}\n`;
}
function write(name: string, data: unknown): string {
  const file = join(tmp.dir, name);
  writeFileSync(file, typeof data === 'string' ? data : JSON.stringify(data));
  return file;
}
async function cli(args: string[], code = 0): Promise<string> {
  const r = await runCli(args, { timeoutMs: T });
  expect(r.code, r.stderr).toBe(code);
  return r.stdout;
}

const NAMES = ['lookup_tool', 'search_catalog', 'get_server_policy', 'audit_config', 'check_definition'];

describe('mcp-risk mcp over stdio', () => {
  it('lists five read-only tools that pass mcp-risk check and equal the catalogue snapshot', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toEqual(NAMES);
    for (const t of tools) {
      expect(t.annotations).toMatchObject({ readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false });
      expect(t.description!.length).toBeGreaterThan(100);
    }
    const file = write('self.tools.json', { tools });
    const check = await runCli(['check', file, ...CAT], { timeoutMs: T });
    expect(check.code).toBe(0);
    expect(check.stderr).toContain('5 tools, 0 errors, 0 warnings');
    const verdicts = JSON.parse(await cli(['classify', file, '--json', ...CAT])) as { name: string; category: string; risk: string }[];
    expect(verdicts.map((v) => [v.category, v.risk])).toEqual(NAMES.map(() => ['Read', 'Low']));
    // The catalogue's entry for this server is its real listing (refresh it: catalog/sources.yaml).
    const snapshot = loadServer(join(ROOT, 'catalog'), 'mcp-risk-catalog').tools.map((t) => t.definition);
    expect(JSON.parse(JSON.stringify(tools))).toEqual(snapshot);
  }, T);

  it('lookup_tool by server and name equals classify --json and policy --tool', async () => {
    const [r, other] = await Promise.all([
      call(client, 'lookup_tool', { server: 'sperax-crypto-mcp', tool: 'BinanceOptionsDeleteListenKey', format: 'claude-code' }),
      call(client, 'lookup_tool', { server: 'memory', tool: 'read_graph' }),
    ]);
    expect(r.isError).toBeFalsy();
    const s = r.structuredContent as Record<string, any>;
    expect([s.category, s.risk, s.source, s.server.id]).toEqual(['Destructive', 'Critical', 'catalogue', 'sperax-crypto-mcp']);
    expect(text(r)).toContain('BinanceOptionsDeleteListenKey: Destructive, Critical risk');
    const defs = write('sperax.tools.json', { tools: loadServer(join(ROOT, 'catalog'), 'sperax-crypto-mcp').tools.map((t) => t.definition) });
    const [classified, policy, cc] = await Promise.all([
      cli(['classify', defs, '--json', ...CAT]),
      cli(['policy', '--id', 'sperax-crypto-mcp', '--tool', 'BinanceOptionsDeleteListenKey', ...CAT]),
      cli(['policy', '--id', 'sperax-crypto-mcp', '--tool', 'BinanceOptionsDeleteListenKey', '--format', 'claude-code', ...CAT]),
    ]);
    expect(s.classification).toEqual((JSON.parse(classified) as { name: string }[]).find((e) => e.name === 'BinanceOptionsDeleteListenKey'));
    expect(s.policy).toEqual(JSON.parse(policy));
    expect(s.policy.hide).toEqual(['BinanceOptionsDeleteListenKey']);
    expect(printed(s.export.text)).toBe(cc);
    const o = other.structuredContent as Record<string, any>;
    expect(o.tool).toBe('read_graph');
    expect(o.policy).toEqual(JSON.parse(await cli(['policy', '--id', 'memory', '--tool', 'read_graph', ...CAT])));
  }, T);

  it('lookup_tool with a pasted definition equals classify --json and policy --tool on that file', async () => {
    const def = { name: 'drop_table', description: 'Drop a database table and all of its rows permanently.', inputSchema: { type: 'object', properties: { table: { type: 'string' } } } };
    const r = await call(client, 'lookup_tool', { definition: JSON.stringify(def) });
    const s = r.structuredContent as Record<string, any>;
    const file = write('one.tools.json', [def]);
    const [classified, policy] = await Promise.all([cli(['classify', file, '--json', ...CAT]), cli(['policy', file, '--tool', 'drop_table', ...CAT])]);
    expect(s.source).toBe('definition');
    expect(s.classification).toEqual((JSON.parse(classified) as unknown[])[0]);
    expect(s.policy).toEqual(JSON.parse(policy));
    expect(s.risk).toBe('Critical');
  }, T);

  it('search_catalog applies its filters and its bound', async () => {
    const [r, byServer] = await Promise.all([
      call(client, 'search_catalog', { query: 'delete', risk: 'Critical', limit: 5 }),
      call(client, 'search_catalog', { query: 'listen key', server: 'sperax-crypto-mcp', category: 'Destructive', limit: 50 }),
    ]);
    const s = r.structuredContent as { total: number; hits: { risk: string; tool: string }[] };
    expect(s.hits).toHaveLength(5);
    expect(s.total).toBeGreaterThan(5);
    for (const h of s.hits) expect(h.risk).toBe('Critical');
    const b = byServer.structuredContent as { hits: { server: string; category: string; tool: string }[] };
    expect(b.hits.length).toBeGreaterThan(0);
    for (const h of b.hits) expect([h.server, h.category]).toEqual(['sperax-crypto-mcp', 'Destructive']);
    expect(b.hits.map((h) => h.tool)).toContain('BinanceOptionsDeleteListenKey');
  }, T);

  it('get_server_policy equals policy --id, in the default and an export format', async () => {
    const [plain, cedar] = await Promise.all([call(client, 'get_server_policy', { server: 'memory' }), call(client, 'get_server_policy', { server: 'memory', format: 'cedar' })]);
    const [json, text2] = await Promise.all([cli(['policy', '--id', 'memory', ...CAT]), cli(['policy', '--id', 'memory', '--format', 'cedar', ...CAT])]);
    const p = plain.structuredContent as Record<string, any>;
    expect(p.policy).toEqual(JSON.parse(json));
    expect(p.policy.default).toBe('deny');
    expect(printed(p.export.text)).toBe(json);
    const c = cedar.structuredContent as Record<string, any>;
    expect(c.export.format).toBe('cedar');
    expect(printed(c.export.text)).toBe(text2);
  }, T);

  it('audit_config equals audit --json --format, and no secret of the config comes back', async () => {
    const file = join('tests', 'fixtures', 'configs', 'claude-desktop', 'claude_desktop_config.json');
    const config = readFileSync(join(ROOT, file), 'utf8');
    expect(config).toContain('S3CRET');
    const r = await call(client, 'audit_config', { config, fileName: file, format: 'claude-code' });
    const run = await runCli(['audit', file, '--json', '--format', 'claude-code', ...CAT], { timeoutMs: T });
    expect(run.code).toBe(1);
    expect(r.structuredContent).toEqual(JSON.parse(run.stdout));
    expect(JSON.stringify(r)).not.toMatch(/S3CRET/);
    expect(text(r)).toContain('Cross-server lethal trifecta:');
  }, T);

  it('check_definition equals classify --json and the lines and verdict of mcp-risk check', async () => {
    const tools = {
      tools: [
        { name: 'delete_user', description: 'Permanently delete a user account.', inputSchema: { type: 'object' }, annotations: { readOnlyHint: true } },
        { name: 'get_weather', description: 'Get the weather forecast for a city.', inputSchema: { type: 'object', properties: { city: { type: 'string' } } } },
      ],
    };
    const r = await call(client, 'check_definition', { tools: JSON.stringify(tools) });
    const s = r.structuredContent as Record<string, any>;
    const file = write('check.tools.json', tools);
    const [classified, check] = await Promise.all([cli(['classify', file, '--json', ...CAT]), runCli(['check', file, ...CAT], { timeoutMs: T })]);
    expect(s.tools).toEqual(JSON.parse(classified));
    expect(check.code).toBe(1);
    expect(s.passed).toBe(false);
    expect(s.findings.map((f: { tool: string; field: string; severity: string; message: string }) => `${f.tool}: ${f.field}: ${f.severity}: ${f.message}`).join('\n') + '\n').toBe(check.stdout);
    expect(check.stderr).toContain(`2 tools, ${s.errors} error${s.errors === 1 ? '' : 's'}, ${s.warnings} warning${s.warnings === 1 ? '' : 's'}`);
  }, T);

  it('bad inputs are tool errors naming the argument', async () => {
    const cases: [string, Record<string, unknown>, RegExp][] = [
      ['lookup_tool', { server: 'no-such-server', tool: 'x' }, /^server: no server "no-such-server" in the catalogue/],
      ['lookup_tool', { server: 'memory', tool: 'READ_GRAPH' }, /^tool: .*did you mean "read_graph"/],
      ['lookup_tool', { server: 'memory', tool: 'read_graph', definition: '{"name":"x"}' }, /give either server and tool, or definition/],
      ['lookup_tool', { definition: '{"name": ' }, /^definition: invalid JSON/],
      ['search_catalog', { query: 'x'.repeat(201) }, /at most 200 characters at query/],
      ['search_catalog', { query: 'x', limit: 51 }, /limit/],
      ['get_server_policy', { server: 'memory', format: 'yaml' }, /format/],
      ['audit_config', { config: '{"mcpServers": 3}', fileName: 'claude_desktop_config.json' }, /^config: claude_desktop_config\.json: mcpServers/],
      ['check_definition', { tools: '{"tool": []}' }, /^tools: expected \{"tools": \[\.\.\.\]\}/],
    ];
    const results = await Promise.all(cases.map(([name, args]) => call(client, name, args)));
    results.forEach((r, i) => {
      expect(r.isError, cases[i]![0]).toBe(true);
      expect(text(r)).toMatch(cases[i]![2]);
      expect(text(r).split('\n')).toHaveLength(1);
    });
  }, T);
});

describe('mcp-risk mcp --port (Streamable HTTP on loopback)', () => {
  let child: ChildProcess;
  let url: URL;
  beforeAll(async () => {
    child = spawn(process.execPath, ['--import', 'tsx', CLI, 'mcp', '--port', '0', ...CAT], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    url = await new Promise<URL>((done, fail) => {
      let err = '';
      const timer = setTimeout(() => fail(new Error(`no URL in 120 s: ${err}`)), 120_000);
      child.stderr!.setEncoding('utf8').on('data', (d: string) => {
        err += d;
        const m = /at (http:\/\/127\.0\.0\.1:\d+\/mcp)/.exec(err);
        if (m) {
          clearTimeout(timer);
          done(new URL(m[1]!));
        }
      });
      child.on('exit', (code) => fail(new Error(`exited ${code}: ${err}`)));
    });
  }, T);
  afterAll(() => {
    child?.kill('SIGTERM');
  });

  it('answers the same as over stdio', async () => {
    const http = new Client({ name: 'mcp-server-test-http', version: '1.0.0' });
    await http.connect(new StreamableHTTPClientTransport(url));
    try {
      expect((await http.listTools()).tools.map((t) => t.name)).toEqual(NAMES);
      const [a, b] = await Promise.all([call(http, 'get_server_policy', { server: 'memory', format: 'codex' }), call(client, 'get_server_policy', { server: 'memory', format: 'codex' })]);
      expect(a.isError).toBeFalsy();
      expect(a.structuredContent).toEqual(b.structuredContent);
    } finally {
      await http.close();
    }
  }, T);

  /** One raw request; `declared` sends that Content-Length but only the first KB of body. */
  function raw(opts: { method: string; host?: string; body?: string; declared?: number }): Promise<number> {
    return new Promise((done, fail) => {
      const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };
      if (opts.host) headers.host = opts.host;
      if (opts.declared) headers['content-length'] = String(opts.declared);
      const req = request({ hostname: '127.0.0.1', port: url.port, path: '/mcp', method: opts.method, timeout: 30_000, headers }, (res) => {
        res.resume();
        done(res.statusCode ?? 0);
        if (opts.declared) req.destroy();
      });
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', (e) => (opts.declared && (e as NodeJS.ErrnoException).code === 'ECONNRESET' ? undefined : fail(e)));
      if (opts.declared) req.write('x'.repeat(1024));
      else req.end(opts.body ?? '');
    });
  }

  it('refuses other Host names (DNS rebinding), bodies over the bound and GET', async () => {
    const init = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } } });
    expect(await raw({ method: 'POST', body: init })).toBe(200);
    expect(await raw({ method: 'POST', host: `evil.example:${url.port}`, body: init })).toBe(403);
    expect(await raw({ method: 'POST', declared: 6_000_000 })).toBe(413);
    expect(await raw({ method: 'GET' })).toBe(405);
  }, T);
});
