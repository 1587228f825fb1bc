/**
 * crawlSource end to end, offline: three tiny local npm packages whose servers are real SDK MCP
 * servers that only start when helped, the way published ones behave: one exits unless the variable
 * its README documents is set, one wants `--stdio`, one declares no bin (only `main`). Each is
 * packed, installed into the install cache (scripts off), listed in the sandbox, and the second try
 * that worked is recorded; installs are deleted after listing unless kept.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crawlSource } from '../../src/lib/crawl/crawl.js';
import type { Source } from '../../src/lib/schema/source.js';
import { installPrefixFor } from '../../src/lib/sources/index.js';

const SDK = pathToFileURL(resolve('node_modules/@modelcontextprotocol/sdk/dist/esm/server/mcp.js')).href;
const STDIO = pathToFileURL(resolve('node_modules/@modelcontextprotocol/sdk/dist/esm/server/stdio.js')).href;

/** A server that exits with `failure` on stderr unless `ready` holds. */
const server = (ready: string, failure: string): string => `#!/usr/bin/env node
import { McpServer } from ${JSON.stringify(SDK)};
import { StdioServerTransport } from ${JSON.stringify(STDIO)};
if (!(${ready})) { console.error(${JSON.stringify(failure)}); console.error('    at main (server.mjs:3:1)'); process.exit(1); }
const s = new McpServer({ name: 'helped', version: '1.0.0' });
s.registerTool('get_thing', { description: 'Reads a thing' }, async () => ({ content: [] }));
s.registerTool('delete_thing', { description: 'Deletes a thing' }, async () => ({ content: [] }));
await s.connect(new StdioServerTransport());
`;

let work: string;
const tarballs: Record<string, string> = {};

function sh(cmd: string, args: string[], cwd: string): Promise<string> {
  return new Promise((res, rej) => execFile(cmd, args, { cwd, timeout: 30_000 }, (e, out, err) => (e ? rej(new Error(err || e.message)) : res(out))));
}

async function pack(name: string, pkg: Record<string, unknown>, files: Record<string, string>): Promise<void> {
  const dir = join(work, name);
  await mkdir(dir);
  await writeFile(join(dir, 'package.json'), JSON.stringify({ name, version: '1.0.0', type: 'module', ...pkg }));
  for (const [f, text] of Object.entries(files)) await writeFile(join(dir, f), text, { mode: 0o755 });
  await sh('npm', ['pack', '--pack-destination', work, '--cache', join(work, 'npm-cache')], dir);
  tarballs[name] = join(work, `${name}-1.0.0.tgz`);
}

const source = (id: string, name: string): Source => ({ id, name: id, description: '', npm: `${name}@1.0.0`, args: [], env: {} });
const opts = (name: string, extra: Partial<Parameters<typeof crawlSource>[1]> = {}) => ({
  scratchRoot: join(work, 'scratch'),
  installFrom: tarballs[name] as string,
  npmCache: join(work, 'npm-cache'),
  limits: { totalTimeoutMs: 20_000, requestTimeoutMs: 15_000 },
  ...extra,
});

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'crawl-it-'));
  await pack('mcp-risk-needs-env', { bin: { 'needs-env': 'server.mjs' } }, {
    'server.mjs': server("process.env.FIXTURE_API_KEY === 'dummy' && process.env.FIXTURE_BASE_URL === 'http://127.0.0.1:9'", 'Error: FIXTURE_API_KEY environment variable is required'),
    'README.md': '# Needs env\n\n```json\n{ "mcpServers": { "x": { "command": "npx", "args": ["-y", "mcp-risk-needs-env"],\n  "env": { "FIXTURE_API_KEY": "<your key>", "FIXTURE_BASE_URL": "https://api.example.com" } } } }\n```\n',
  });
  await pack('mcp-risk-needs-stdio', { bin: { 'needs-stdio': 'server.mjs' } }, {
    'server.mjs': server("process.argv.includes('--stdio')", 'Usage: needs-stdio --stdio | --http <port>'),
  });
  await pack('mcp-risk-no-bin', { main: 'server.mjs' }, { 'server.mjs': server('true', 'never') });
}, 120_000);
afterAll(() => rm(work, { recursive: true, force: true }));

describe('crawlSource second tries', () => {
  it('adds the env names from the README with dummy values, and records both attempts', async () => {
    const out = await crawlSource(source('needs-env', 'mcp-risk-needs-env'), opts('mcp-risk-needs-env'));
    expect(out.records.map((r) => [r.attempt, r.outcome, r.final])).toEqual([['as-listed', 'failed', false], ['readme-env', 'listed', true]]);
    expect(out.records[0]?.cause).toBe('needs-credentials');
    expect(out.records[0]?.reason).toContain('FIXTURE_API_KEY environment variable is required');
    expect(out.records[0]?.installBytes).toBeGreaterThan(0);
    expect(out.records[1]?.tools).toBe(2);
    expect(out.records[1]?.seconds.start).toBeGreaterThanOrEqual(0);
    expect(out.fix).toEqual({ env: { FIXTURE_API_KEY: 'dummy', FIXTURE_BASE_URL: 'http://127.0.0.1:9' } });
    expect((out.listed?.tools as { name: string }[]).map((t) => t.name)).toEqual(['get_thing', 'delete_thing']);
    // The install is deleted after listing (the cache entry is keyed by name@version).
    expect(existsSync(installPrefixFor(join(work, 'scratch', 'installs'), { name: 'mcp-risk-needs-env', version: '1.0.0' }))).toBe(false);
    expect(JSON.stringify(out.records)).not.toContain(work);
  }, 120_000);

  it('adds --stdio when nothing in the README helps', async () => {
    const out = await crawlSource(source('needs-stdio', 'mcp-risk-needs-stdio'), opts('mcp-risk-needs-stdio', { keepInstalls: true }));
    expect(out.records.map((r) => [r.attempt, r.outcome])).toEqual([['as-listed', 'failed'], ['stdio-arg', 'listed']]);
    expect(out.fix).toEqual({ args: ['--stdio'] });
    expect(existsSync(installPrefixFor(join(work, 'scratch', 'installs'), { name: 'mcp-risk-needs-stdio', version: '1.0.0' }))).toBe(true);
  }, 120_000);

  it("runs the package's main when it declares no bin", async () => {
    const out = await crawlSource(source('no-bin', 'mcp-risk-no-bin'), opts('mcp-risk-no-bin'));
    expect(out.records.map((r) => [r.attempt, r.outcome, r.cause ?? ''])).toEqual([['as-listed', 'failed', 'not-a-server'], ['main', 'listed', '']]);
    expect(out.fix).toEqual({ main: 'server.mjs' });
  }, 120_000);

  it('records a failed install as one attempt with its cause, and makes no second try', async () => {
    const out = await crawlSource(source('gone', 'mcp-risk-gone'), opts('mcp-risk-no-bin', { installFrom: join(work, 'no-such.tgz') }));
    expect(out.records).toHaveLength(1);
    expect(out.records[0]).toMatchObject({ attempt: 'as-listed', outcome: 'failed', final: true, cause: 'install-failed' });
    expect(out.listed).toBeUndefined();
  }, 120_000);
});
