/**
 * `mcp-risk ingest` end to end: saved file, the SDK fixture server and a real published server over
 * stdio, the HTTP fixture, `--all` from a sources.yaml, and the exit codes 2 and 3.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadServer } from '../../src/lib/catalog/index.js';
import { STDIO_FIXTURE, waitGone } from '../fixtures/servers/helpers.js';
import { startHttpFixture } from '../fixtures/servers/http-server.mjs';
import { ROOT, errorLine, runCli, tempFolder } from './cli-helpers.js';

const tmp = tempFolder();
afterAll(() => tmp.cleanup());
const SEED = join(ROOT, 'catalog', 'seed', 'binance-mcp.all-registrations.tools.json');
const seedTools = (JSON.parse(readFileSync(SEED, 'utf8')) as { tools: { name: string }[] }).tools;

describe('mcp-risk ingest', () => {
  it('ingests a saved tools file, and a re-ingest changes nothing but ingestedAt', async () => {
    const cat = join(tmp.dir, 'file-cat');
    const first = await runCli(['ingest', '--file', SEED, '--id', 'spx', '--name', 'Sperax', '--catalog', cat]);
    expect(first.code).toBe(0);
    expect(first.stdout).toBe('');
    expect(first.stderr).toContain(`spx: ${seedTools.length} tools (${seedTools.length} added, 0 changed, 0 removed, 0 unchanged)`);
    const s = loadServer(cat, 'spx');
    expect(s.tools.map((t) => t.definition.name)).toEqual(seedTools.map((t) => t.name));
    expect(s.server.name).toBe('Sperax');
    expect(s.server.launch).toEqual({ transport: 'file', file: expect.stringMatching(/binance-mcp\.all-registrations\.tools\.json$/) });
    const tool = readFileSync(join(cat, 'servers', 'spx', 'tools', 'BinanceOptionsDeleteListenKey.md'), 'utf8');
    const again = await runCli(['ingest', '--file', SEED, '--id', 'spx', '--catalog', cat]);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain(`(0 added, 0 changed, 0 removed, ${seedTools.length} unchanged)`);
    expect(readFileSync(join(cat, 'servers', 'spx', 'tools', 'BinanceOptionsDeleteListenKey.md'), 'utf8')).toBe(tool);
    expect(loadServer(cat, 'spx').server.name).toBe('Sperax'); // kept although not given again
  });

  it('ingests the SDK fixture over stdio across pages, passing --env to the server', async () => {
    const cat = join(tmp.dir, 'stdio-cat');
    const r = await runCli(['ingest', '--command', `"${process.execPath}" ${STDIO_FIXTURE} paginated`, '--id', 'fixture', '--catalog', cat]);
    expect(r.code).toBe(0);
    const s = loadServer(cat, 'fixture');
    expect(s.tools).toHaveLength(25);
    expect(s.tools.map((t) => t.position)).toEqual([...Array(25).keys()]);
    expect(s.server.launch).toMatchObject({ transport: 'stdio', args: [STDIO_FIXTURE, 'paginated'] });
    expect(s.server.sdkVersion).toMatch(/^\d+\.\d+\.\d+/);

    const env = await runCli(['ingest', '--command', `${process.execPath} ${STDIO_FIXTURE} env`, '--env', 'MCP_RISK_TEST_VAR=secret', '--id', 'envsrv', '--catalog', cat]);
    expect(env.code).toBe(0);
    const e = loadServer(cat, 'envsrv');
    expect(e.tools.map((t) => t.definition.name)).toContain('MCP_RISK_TEST_VAR');
    expect(e.server.launch).toMatchObject({ env: ['MCP_RISK_TEST_VAR'] });
    expect(readFileSync(join(cat, 'servers', 'envsrv', 'server.yaml'), 'utf8')).not.toContain('secret');
  });

  it('ingests a real published server (server-everything) over stdio', async () => {
    const cat = join(tmp.dir, 'real-cat');
    const r = await runCli(['ingest', '--command', join(ROOT, 'node_modules', '.bin', 'mcp-server-everything'), '--id', 'everything', '--catalog', cat]);
    expect(r.code).toBe(0);
    const s = loadServer(cat, 'everything');
    expect(s.server.serverInfo?.name).toBeTruthy();
    expect(s.server.name).not.toBe('everything'); // took the server's own name
    expect(s.tools.length).toBeGreaterThan(5);
    expect(s.tools.map((t) => t.definition.name)).toContain('echo');
  });

  it('ingests over Streamable HTTP and records the transport', async () => {
    const fx = await startHttpFixture({ mode: 'normal', count: 4 });
    try {
      const cat = join(tmp.dir, 'http-cat');
      const r = await runCli(['ingest', '--url', fx.url, '--id', 'web', '--catalog', cat]);
      expect(r.code).toBe(0);
      const s = loadServer(cat, 'web');
      expect(s.tools).toHaveLength(4);
      expect(s.server.launch).toEqual({ transport: 'streamable-http', url: fx.url });
    } finally {
      await fx.close();
    }
  });

  it('ingests --all from sources.yaml (file entries), honouring --only', async () => {
    const cat = join(tmp.dir, 'all-cat');
    mkdirSync(join(cat, 'seed'), { recursive: true });
    writeFileSync(join(cat, 'seed', 'a.json'), JSON.stringify({ tools: [{ name: 'read_a' }, { name: 'delete_a' }] }));
    writeFileSync(join(cat, 'seed', 'b.json'), JSON.stringify([{ name: 'b' }]));
    writeFileSync(
      join(cat, 'sources.yaml'),
      'servers:\n  - id: a\n    name: A\n    description: Server A\n    file: seed/a.json\n  - id: b\n    name: B\n    file: seed/b.json\n',
    );
    const only = await runCli(['ingest', '--all', '--only', 'b', '--catalog', cat]);
    expect(only.code).toBe(0);
    expect(readdirSync(join(cat, 'servers'))).toEqual(['b']);
    const all = await runCli(['ingest', '--all', '--catalog', cat]);
    expect(all.code).toBe(0);
    expect(all.stderr).toContain('servers 2 ok, 0 failed; tools 2 added, 0 changed, 0 removed');
    const a = loadServer(cat, 'a');
    expect(a.server).toMatchObject({ name: 'A', description: 'Server A', launch: { transport: 'file', file: 'seed/a.json' } });
  });

  it('exits 3 with one line when a server cannot be listed, and leaves no process behind', async () => {
    const cat = join(tmp.dir, 'fail-cat');
    const started = Date.now();
    const pidFile = join(tmp.dir, 'hang.pid');
    const r = await runCli(['ingest', '--command', `${process.execPath} ${STDIO_FIXTURE} hang`, '--env', `FIXTURE_PID_FILE=${pidFile}`, '--id', 'hang', '--timeout', '1500', '--catalog', cat]);
    expect(r.code).toBe(3);
    expect(await waitGone(Number(readFileSync(pidFile, 'utf8')))).toBe(true);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(errorLine(r)).toMatch(/^mcp-risk: ingest: hang: .*(timed out|timeout)/i);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(existsSync(join(cat, 'servers', 'hang'))).toBe(false);
    const crash = await runCli(['ingest', '--command', `${process.execPath} -e "process.exit(1)"`, '--id', 'crash', '--catalog', cat]);
    expect(crash.code).toBe(3);
    expect(errorLine(crash)).toMatch(/^mcp-risk: ingest: crash: .*exited/);
    const big = await runCli(['ingest', '--file', SEED, '--id', 'x', '--max-tools', '10', '--catalog', cat]);
    expect(big.code).toBe(3);
    expect(errorLine(big)).toMatch(/over 10 \(maxTools\)/);
  });

  it('exits 2 with one line on bad input or usage', async () => {
    const cat = join(tmp.dir, 'usage-cat');
    const cases: [string[], RegExp][] = [
      [['ingest', '--id', 'x'], /expected exactly one of --file, --command, --url, --all or --server-json/],
      [['ingest', '--file', SEED], /--id <server-id> is required/],
      [['ingest', '--file', SEED, '--id', '../x'], /--id: "\.\.\/x" is not a valid server id/],
      [['ingest', '--command', 'node "oops', '--id', 'x'], /--command: unterminated double quote/],
      [['ingest', '--file', join(tmp.dir, 'missing.json'), '--id', 'x'], /missing\.json: cannot open/],
      [['ingest', '--url', 'ftp://x', '--id', 'x'], /--url: expected an http\(s\) URL/],
      [['ingest', '--file', SEED, '--id', 'x', '--max-tools', 'ten'], /--max-tools: expected a positive integer/],
      [['ingest', '--bogus'], /ingest: Unknown option '--bogus'/],
      [['frobnicate'], /unknown command "frobnicate"/],
    ];
    for (const [args, message] of cases) {
      const r = await runCli([...args, '--catalog', cat]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(errorLine(r)).toMatch(message);
      expect(r.stderr.split('\n').filter((l) => l.startsWith('mcp-risk:'))).toHaveLength(1);
      expect(r.stderr).not.toMatch(/^\s+at /m);
    }
  });
});
