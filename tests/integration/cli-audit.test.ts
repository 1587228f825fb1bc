/**
 * `mcp-risk audit` end to end: every client format's fixture (exit 1: Critical tools, trifectas,
 * unknown servers), the safe stack (exit 0), malformed files of each format (exit 2, one line
 * naming the file and the field), `--live` over a real fixture MCP server in the sandbox (exit 3
 * when one cannot be listed), and no secret of any config in any output.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, errorLine, runCli, tempFolder } from './cli-helpers.js';
import type { AuditReport } from '../../src/lib/audit/index.js';

const DIR = join('tests', 'fixtures', 'configs');
const CAT = ['--catalog', 'catalog'];
const FIXTURES = [
  ['claude-desktop/claude_desktop_config.json', 'Claude Desktop (claude_desktop_config.json)'],
  ['claude-code/.mcp.json', 'Claude Code project config (.mcp.json)'],
  ['claude-code-user/.claude.json', 'Claude Code user config (~/.claude.json)'],
  ['cursor/mcp.json', 'Cursor (mcp.json)'],
  ['vscode/.vscode/mcp.json', 'VS Code (.vscode/mcp.json)'],
  ['windsurf/mcp_config.json', 'Windsurf (mcp_config.json)'],
  ['codex/config.toml', 'Codex (config.toml)'],
] as const;
const T = 180_000;

describe('mcp-risk audit on every client format', () => {
  it.each(FIXTURES)('%s', async (rel, label) => {
    const file = join(DIR, rel);
    const [json, table] = await Promise.all([
      runCli(['audit', file, '--json', '--format', 'claude-code', ...CAT], { timeoutMs: T }),
      runCli(['audit', file, ...CAT], { timeoutMs: T }),
    ]);
    for (const run of [json, table]) {
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`${file}: ${label}`);
      expect(run.stdout + run.stderr).not.toMatch(/S3CRET/);
    }
    const r = JSON.parse(json.stdout) as AuditReport & { export: { format: string; text: string } };
    expect(r.version).toBe(1);
    expect(r.client.label).toBe(label);
    const status = Object.fromEntries(r.servers.map((s) => [s.name, s.status]));
    expect(status).toEqual({ filesystem: 'catalogue', github: 'catalogue', slack: 'catalogue', postgres: 'catalogue', memory: 'catalogue', playwright: 'catalogue', tavily: 'catalogue', fetch: 'unknown', linear: 'unknown' });
    expect(r.export.format).toBe('claude-code');
    const perms = JSON.parse(r.export.text) as { permissions: { deny: string[]; ask: string[]; allow: string[] } };
    // memory's Critical deletes are denied, under the config's own server name.
    expect(perms.permissions.deny).toContain('mcp__memory__delete_entities');
    expect(table.stdout).toContain('Cross-server lethal trifecta:');
    expect(table.stdout).toMatch(/^fetch {2}\[not in the catalogue\]$/m);
  }, T);
});

describe('exit codes and clean stacks', () => {
  it('a safe stack exits 0; a filesystem + web stack exits 1 with the cross-server path', async () => {
    const [safe, tri] = await Promise.all([
      runCli(['audit', join(DIR, 'stacks/safe.mcp.json'), '--json', ...CAT], { timeoutMs: T }),
      runCli(['audit', join(DIR, 'stacks/trifecta.mcp.json'), '--json', ...CAT], { timeoutMs: T }),
    ]);
    expect(safe.code).toBe(0);
    expect((JSON.parse(safe.stdout) as AuditReport).findings).toEqual([]);
    expect(tri.code).toBe(1);
    const r = JSON.parse(tri.stdout) as AuditReport;
    expect(r.trifecta.paths.some((p) => p.privateData.server === 'files' && p.externalSend.server === 'web')).toBe(true);
    expect(safe.stdout + tri.stdout + safe.stderr + tri.stderr).not.toMatch(/S3CRET/);
  }, T);

  it('--format prints only the combined policy', async () => {
    const run = await runCli(['audit', join(DIR, 'stacks/safe.mcp.json'), '--format', 'policy', ...CAT], { timeoutMs: T });
    expect(run.code).toBe(0);
    const p = JSON.parse(run.stdout) as Record<string, { default: string }>;
    expect(Object.keys(p)).toEqual(['docs', 'files', 'lint', 'thinking']);
    expect(Object.values(p).every((x) => x.default === 'deny')).toBe(true);
  }, T);

  it.each([
    ['claude-desktop/claude_desktop_config.json', 'mcpServers.github.args: expected an array of strings'],
    ['claude-code/.mcp.json', '(root): invalid JSON at line 6 column 7'],
    ['claude-code-user/.claude.json', 'projects["/home/alex/app"].mcpServers.db.env.PGPASSWORD: expected a string'],
    ['cursor/mcp.json', 'mcpServers.remote.url: expected an http(s) URL'],
    ['vscode/.vscode/mcp.json', 'servers.remote.url: expected an http(s) URL'],
    ['windsurf/mcp_config.json', 'mcpServers.remote.serverUrl: expected an http(s) URL (a remote server needs one)'],
    ['codex/config.toml', 'mcp_servers.github.args: expected an array of strings'],
    ['codex-toml/config.toml', '(root): invalid TOML at line 3 column 82'],
  ])('malformed %s exits 2 with one line', async (rel, message) => {
    const file = join(DIR, 'malformed', rel);
    const run = await runCli(['audit', file, ...CAT]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(`mcp-risk: ${file}: ${message}\n`);
  });

  it('usage errors exit 2', async () => {
    const [none, fmt, missing] = await Promise.all([
      runCli(['audit', ...CAT]),
      runCli(['audit', join(DIR, 'stacks/safe.mcp.json'), '--format', 'nope', ...CAT]),
      runCli(['audit', 'no-such-file.json', ...CAT]),
    ]);
    expect([none.code, fmt.code, missing.code]).toEqual([2, 2, 2]);
    expect(errorLine(missing)).toBe('mcp-risk: no-such-file.json: (root): cannot read the file (ENOENT)');
  });
});

describe('mcp-risk audit --live', () => {
  const tmp = tempFolder('mcp-risk-audit-live-');
  afterAll(() => tmp.cleanup());

  it('lists an unknown server in the sandbox, and exits 3 when one cannot be listed', async () => {
    const cfg = join(tmp.dir, '.mcp.json');
    mkdirSync(tmp.dir, { recursive: true });
    writeFileSync(
      cfg,
      JSON.stringify({
        mcpServers: {
          fixture: { command: 'node', args: [join(ROOT, 'tests', 'fixtures', 'servers', 'stdio-server.mjs'), 'normal'], env: { FIXTURE_TOKEN: 'S3CRET-live-env' } },
          files: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-filesystem@2026.8.31', '/data'] },
        },
      }),
    );
    const ok = await runCli(['audit', cfg, '--live', '--json', '--scratch', join(tmp.dir, 'sb'), '--timeout', '30000', ...CAT], { timeoutMs: T });
    const r = JSON.parse(ok.stdout) as AuditReport;
    const fixture = r.servers.find((s) => s.key === 'fixture');
    expect(fixture?.status).toBe('live');
    expect(fixture?.tools?.total).toBeGreaterThan(0);
    expect(Object.keys(r.policy).sort()).toEqual(['files', 'fixture']);
    expect(ok.stderr).toContain('fixture: listing live (dummy env values)');
    expect(ok.code === 0 || ok.code === 1).toBe(true);

    writeFileSync(cfg, JSON.stringify({ mcpServers: { broken: { command: 'node', args: [join(tmp.dir, 'missing.mjs')], env: { API_TOKEN: 'S3CRET-live-2' } } } }));
    const bad = await runCli(['audit', cfg, '--live', '--use-env', '--json', '--scratch', join(tmp.dir, 'sb'), '--timeout', '30000', ...CAT], { timeoutMs: T });
    expect(bad.code).toBe(3);
    const rb = JSON.parse(bad.stdout) as AuditReport;
    expect(rb.servers[0]?.status).toBe('unlisted');
    expect(rb.findings.map((f) => f.kind)).toEqual(['unlisted-server']);
    expect(ok.stdout + ok.stderr + bad.stdout + bad.stderr).not.toMatch(/S3CRET/);
  }, T);

  it('gives the server dummy env values, or the config\'s own with --use-env, and never prints them', async () => {
    // A real SDK server whose tool names say what it was given (names are what a report shows).
    const sdk = (p: string): string => JSON.stringify(pathToFileURL(join(ROOT, 'node_modules', '@modelcontextprotocol', 'sdk', 'dist', 'esm', p)).href);
    const server = join(tmp.dir, 'env-server.mjs');
    writeFileSync(
      server,
      `import { McpServer } from ${sdk('server/mcp.js')};\nimport { StdioServerTransport } from ${sdk('server/stdio.js')};\n` +
        `const s = new McpServer({ name: 'env-check', version: '1.0.0' });\n` +
        `const t = process.env.API_TOKEN === 'S3CRET-real-token' ? 'token_real' : process.env.API_TOKEN === 'dummy' ? 'token_dummy' : 'token_other';\n` +
        `s.registerTool(t, { description: 'Reports which token it got.' }, async () => ({ content: [] }));\n` +
        `s.registerTool(process.env.HOME === ${JSON.stringify(process.env.HOME ?? '')} ? 'home_real' : 'home_sandboxed', { description: 'Reports HOME.' }, async () => ({ content: [] }));\n` +
        `await s.connect(new StdioServerTransport());\n`,
    );
    const cfg = join(tmp.dir, 'env.mcp.json');
    writeFileSync(cfg, JSON.stringify({ mcpServers: { envcheck: { command: 'node', args: [server], env: { API_TOKEN: 'S3CRET-real-token' } } } }));
    // Each run gets its own scratch folder: the two run at once.
    const args = (sb: string): string[] => ['audit', cfg, '--client', 'claude-code-project', '--live', '--format', 'policy', '--scratch', join(tmp.dir, sb), '--timeout', '30000', ...CAT];
    const [plain, withEnv] = await Promise.all([runCli(args('sb-plain'), { timeoutMs: T }), runCli([...args('sb-env'), '--use-env'], { timeoutMs: T })]);
    expect(plain.stderr).not.toMatch(/cannot be listed|timed out/);
    const names = (out: string): string[] => {
      const p = JSON.parse(out) as Record<string, { rules: { tool: string }[]; hide: string[] }>;
      return [...(p.envcheck?.rules.map((r) => r.tool) ?? []), ...(p.envcheck?.hide ?? [])].sort();
    };
    expect(names(plain.stdout)).toEqual(['home_sandboxed', 'token_dummy']);
    expect(names(withEnv.stdout)).toEqual(['home_sandboxed', 'token_real']);
    expect(plain.stdout + plain.stderr + withEnv.stdout + withEnv.stderr).not.toMatch(/S3CRET/);
  }, T);
});
