/**
 * `check`, `classify` and `policy` on a server listed now (`--command` / `--url`), as a server author
 * runs them on their own server: the same output as for the same tools saved to a file, through
 * the fixture server and the published `@modelcontextprotocol/server-everything`; usage errors
 * exit 2 and a server that cannot be listed exits 3, each with one line.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { listTools } from '../../src/lib/ingest/index.js';
import { toolsFor } from '../fixtures/servers/fixture-lib.mjs';
import { STDIO_FIXTURE } from '../fixtures/servers/helpers.js';
import { ROOT, errorLine, runCli, tempFolder } from './cli-helpers.js';

const tmp = tempFolder();
afterAll(() => tmp.cleanup());

const FIXTURE = `"${process.execPath}" ${STDIO_FIXTURE}`;
const EVERYTHING = join(ROOT, 'node_modules', '.bin', 'mcp-server-everything');

describe('a server listed now', () => {
  it('classify --command gives what classify gives for the same tools in a file', async () => {
    const file = join(tmp.dir, 'strange.json');
    writeFileSync(file, JSON.stringify({ tools: toolsFor('strange') }));
    const [live, saved] = await Promise.all([
      runCli(['classify', '--json', '--command', `${FIXTURE} strange`], { timeoutMs: 60_000 }),
      runCli(['classify', '--json', file], { timeoutMs: 60_000 }),
    ]);
    expect([live.code, saved.code]).toEqual([0, 0]);
    expect(JSON.parse(live.stdout)).toEqual(JSON.parse(saved.stdout));
    expect((JSON.parse(live.stdout) as unknown[]).length).toBeGreaterThan(0);
    // The nameless entry is skipped with the same warning either way.
    expect(live.stderr).toMatch(/warning: /);
  });

  it('check --command on a published server finds what check finds in its listing', async () => {
    const listed = await listTools({ kind: 'stdio', command: EVERYTHING, args: [], env: {} }, {});
    const file = join(tmp.dir, 'everything.json');
    writeFileSync(file, JSON.stringify({ tools: listed.tools }));
    const [live, saved] = await Promise.all([
      runCli(['check', '--command', EVERYTHING], { timeoutMs: 60_000 }),
      runCli(['check', file], { timeoutMs: 60_000 }),
    ]);
    expect(live.code).toBe(saved.code);
    expect(live.stdout).toBe(saved.stdout);
    expect(live.stdout.split('\n').filter(Boolean).length).toBeGreaterThan(0);
    expect(errorLine(live)).toMatch(/^mcp-risk: check: \d+ tools, \d+ errors?, \d+ warnings?$/);
  });

  it('policy --command names the server after the script it runs, unless --server says', async () => {
    const [named, given] = await Promise.all([
      runCli(['policy', '--command', `${FIXTURE} normal`, '--format', 'claude-code'], { timeoutMs: 60_000 }),
      runCli(['policy', '--command', `${FIXTURE} normal`, '--format', 'claude-code', '--server', 'mine'], { timeoutMs: 60_000 }),
    ]);
    expect([named.code, given.code]).toEqual([0, 0]);
    expect(named.stdout).toContain('mcp__stdio-server__tool_000');
    expect(named.stderr).toContain('the server is named "stdio-server" after the package or script it runs');
    expect(given.stdout).toContain('mcp__mine__tool_000');
    expect(given.stderr).not.toContain('is named');
  });

  it('usage errors exit 2 and an unlistable server 3, with one line', async () => {
    const file = join(tmp.dir, 'one.json');
    writeFileSync(file, JSON.stringify([{ name: 'get_x', description: 'Get x.' }]));
    const runs = await Promise.all([
      runCli(['check', file, '--command', `${FIXTURE} normal`]),
      runCli(['classify', '--url', 'http://127.0.0.1:9/mcp', '--command', `${FIXTURE} normal`]),
      runCli(['classify', file, '--env', 'A=b']),
      runCli(['policy', '--id', 'filesystem', '--command', `${FIXTURE} normal`]),
      runCli(['check', '--command', `"${process.execPath}" -e "process.exit(1)"`], { timeoutMs: 60_000 }),
    ]);
    expect(runs.map((r) => r.code)).toEqual([2, 2, 2, 2, 3]);
    expect(errorLine(runs[0]!)).toMatch(/check: expected a tools file \(or -\) or --command \/ --url, not both/);
    expect(errorLine(runs[1]!)).toMatch(/classify: expected one of --command or --url, not both/);
    expect(errorLine(runs[2]!)).toMatch(/--env only applies to --command/);
    expect(errorLine(runs[3]!)).toMatch(/policy: expected exactly one of a tools file/);
    expect(errorLine(runs[4]!)).toMatch(/^mcp-risk: check: server exited with code 1/);
    for (const r of runs) expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});
