import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AuditInputError, parseConfig, redactArgs, redactUrl, launchPackage, clientFromFileName } from '../../../src/lib/audit/index.js';

const DIR = 'tests/fixtures/configs';
const read = (rel: string): string => readFileSync(join(DIR, rel), 'utf8');

/** Every format's fixture, its detected client, and how it was detected. */
const FIXTURES = [
  ['claude-desktop/claude_desktop_config.json', 'claude-desktop', 'file name', 9],
  ['claude-code/.mcp.json', 'claude-code-project', 'file name', 9],
  ['claude-code-user/.claude.json', 'claude-code-user', 'file name', 9],
  ['cursor/mcp.json', 'cursor', 'shape', 9],
  ['vscode/.vscode/mcp.json', 'vscode', 'file name', 9],
  ['windsurf/mcp_config.json', 'windsurf', 'file name', 9],
  ['codex/config.toml', 'codex', 'file name', 9],
] as const;

describe('parseConfig: every client format', () => {
  it.each(FIXTURES)('%s is read as %s', (rel, client, by, count) => {
    const p = parseConfig(read(rel), join(DIR, rel));
    expect(p.client).toBe(client);
    expect(p.detectedBy).toBe(by);
    expect(p.servers).toHaveLength(count);
    const names = p.servers.map((s) => s.name).sort();
    expect(names).toEqual(['fetch', 'filesystem', 'github', 'linear', 'memory', 'playwright', 'postgres', 'slack', 'tavily']);
    // Values are not kept: only names of env variables and headers.
    expect(JSON.stringify(p.servers.map((s) => ({ ...s, args: [], url: '' })))).not.toContain('S3CRET');
    expect(p.secrets).toBeUndefined();
    const gh = p.servers.find((s) => s.name === 'github');
    expect(gh?.env).toEqual(['GITHUB_PERSONAL_ACCESS_TOKEN']);
    expect(gh?.transport).toBe('stdio');
  });

  it('detects each client from the shape when the file name says nothing', () => {
    for (const [rel, client] of FIXTURES) {
      if (client === 'claude-desktop' || client === 'claude-code-project' || client === 'cursor') continue;
      const p = parseConfig(read(rel), client === 'codex' ? 'pasted' : 'pasted.json');
      expect(p.detectedBy).toBe('shape');
      expect(p.client).toBe(client);
    }
    expect(parseConfig(read('claude-desktop/claude_desktop_config.json'), 'pasted').client).toBe('generic');
  });

  it('reads remote servers in each format', () => {
    const remote = (rel: string) => parseConfig(read(rel), join(DIR, rel)).servers.find((s) => s.name === 'linear');
    expect(remote('windsurf/mcp_config.json')).toMatchObject({ transport: 'http', headers: ['Authorization'] });
    expect(remote('claude-code/.mcp.json')).toMatchObject({ transport: 'http', headers: ['Authorization'] });
    expect(remote('claude-code-user/.claude.json')).toMatchObject({ transport: 'sse', scope: 'user' });
    expect(remote('vscode/.vscode/mcp.json')).toMatchObject({ transport: 'http' });
    expect(remote('codex/config.toml')).toMatchObject({ transport: 'http', headers: ['X-Api-Key', 'Authorization'] });
    expect(remote('claude-desktop/claude_desktop_config.json')).toMatchObject({ transport: 'stdio', command: 'npx' });
  });

  it('keeps scopes of ~/.claude.json and VS Code inputs', () => {
    const p = parseConfig(read('claude-code-user/.claude.json'), '.claude.json');
    expect(p.servers.find((s) => s.name === 'slack')?.scope).toBe('project:/home/alex/app');
    expect(p.servers.find((s) => s.name === 'github')?.scope).toBe('user');
    expect(parseConfig(read('vscode/.vscode/mcp.json'), '.vscode/mcp.json').inputs).toEqual(['github-token', 'pg-url']);
  });

  it('keeps values only when asked, apart from the servers', () => {
    const p = parseConfig(read('codex/config.toml'), 'config.toml', { keepSecrets: true });
    const i = p.servers.findIndex((s) => s.name === 'slack');
    expect(p.secrets?.[i]?.env.SLACK_BOT_TOKEN).toBe('xoxb-S3CRET-1111-2222-fakeslack');
  });

  it('reads Codex enabled/disabled switches', () => {
    const p = parseConfig('[mcp_servers.a]\ncommand = "x"\nenabled = false\n[mcp_servers.b]\ncommand = "y"\nenabled_tools = ["t1"]\ndisabled_tools = ["t2"]\n', 'config.toml');
    expect(p.servers[0]?.disabled).toBe(true);
    expect(p.servers[1]).toMatchObject({ enabledTools: ['t1'], disabledTools: ['t2'], disabled: false });
  });
});

describe('parseConfig: malformed files give one line naming the file and the field, never a value', () => {
  const M = join(DIR, 'malformed');
  it.each([
    ['claude-desktop/claude_desktop_config.json', 'mcpServers.github.args: expected an array of strings'],
    ['claude-code/.mcp.json', '(root): invalid JSON at line 6 column 7'],
    ['claude-code-user/.claude.json', 'projects["/home/alex/app"].mcpServers.db.env.PGPASSWORD: expected a string'],
    ['cursor/mcp.json', 'mcpServers.remote.url: expected an http(s) URL'],
    ['vscode/.vscode/mcp.json', 'servers.remote.url: expected an http(s) URL'],
    ['windsurf/mcp_config.json', 'mcpServers.remote.serverUrl: expected an http(s) URL (a remote server needs one)'],
    ['codex/config.toml', 'mcp_servers.github.args: expected an array of strings'],
    ['codex-toml/config.toml', '(root): invalid TOML at line 3 column 82'],
  ])('%s', (rel, message) => {
    const file = join(M, rel);
    let err: unknown;
    try {
      parseConfig(readFileSync(file, 'utf8'), file);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AuditInputError);
    expect((err as Error).message).toBe(`${file}: ${message}`);
    expect((err as Error).message).not.toContain('S3CRET');
    expect((err as Error).message).not.toContain('\n');
  });

  it('rejects other shapes', () => {
    expect(() => parseConfig('[]', 'mcp.json')).toThrow('mcp.json: (root): expected an object');
    expect(() => parseConfig('{"mcpServers": {"a": {"type": "ws", "url": "https://x.example"}}}', '.mcp.json')).toThrow('.mcp.json: mcpServers.a.type: expected one of stdio, http, sse');
    expect(() => parseConfig('{"mcpServers": {"a": {"args": []}}}', '.mcp.json')).toThrow('.mcp.json: mcpServers.a.url: expected an http(s) URL (a remote server needs one)');
    expect(() => parseConfig('{"mcpServers": {"a": {"type": "stdio"}}}', '.mcp.json')).toThrow('.mcp.json: mcpServers.a.command: expected a command');
    expect(() => parseConfig('{"other": 1}', 'claude_desktop_config.json')).toThrow('claude_desktop_config.json: mcpServers: expected an object of servers');
    expect(() => parseConfig('model = "x"', 'config.toml')).toThrow('config.toml: mcp_servers: expected [mcp_servers.<name>] tables');
    expect(() => parseConfig('{"servers": {}, "inputs": [{"type": "promptString"}]}', '.vscode/mcp.json')).toThrow('.vscode/mcp.json: inputs[0].id: expected a non-empty string');
    expect(() => parseConfig('{"mcpServers": {"a": {"command": "x", "env": {"K": "v", "N": 1}}}}', 'mcp.json')).toThrow('mcp.json: mcpServers.a.env.N: expected a string');
  });

  it('does not quote the text around a JSON syntax error', () => {
    const text = '{"mcpServers": {"a": {"command": "x", "env": {"TOKEN": "S3CRET-abc" "B": 1}}}}';
    expect(() => parseConfig(text, 'mcp.json')).toThrow(/^mcp\.json: \(root\): invalid JSON( at line 1 column \d+)?$/);
  });

  it('reads JSON with comments and trailing commas, and not inside strings', () => {
    const p = parseConfig('{\n // c\n "mcpServers": { "a": { "command": "x", "args": ["http://a//b", "/*no*/"], }, /* x */ },\n}', 'mcp.json');
    expect(p.servers[0]?.args).toEqual(['http://a//b', '/*no*/']);
  });
});

describe('redaction', () => {
  it.each([
    [['--api-key=S3CRET-1'], ['--api-key=<redacted>']],
    [['--token', 'S3CRET-2', '--verbose'], ['--token', '<redacted>', '--verbose']],
    [['-e', 'GITHUB_TOKEN=S3CRET-3'], ['-e', 'GITHUB_TOKEN=<redacted>']],
    [['--header', 'Authorization: Bearer S3CRET-4'], ['--header', 'Authorization: <redacted>']],
    [['postgresql://admin:S3CRET-5@db:5432/app'], ['postgresql://<redacted>@db:5432/app']],
    [['https://x.example/mcp?key=S3CRET-6&mode=a'], ['https://x.example/mcp?key=<redacted>&mode=<redacted>']],
    [['ghp_S3CRET7abcdefghijklmnopqrstuvwxyz'], ['<redacted>']],
    [['a1B2c3D4e5F6g7H8i9J0k1L2'], ['<redacted>']],
    [['-y', '@modelcontextprotocol/server-filesystem@2026.8.31', '/Users/alex/projects', '--headless'], ['-y', '@modelcontextprotocol/server-filesystem@2026.8.31', '/Users/alex/projects', '--headless']],
  ])('%j -> %j', (args, out) => {
    expect(redactArgs(args)).toEqual(out);
  });

  it('redacts URL credentials, query values and token path segments', () => {
    expect(redactUrl('https://u:S3CRET@mcp.example.com/sse')).toBe('https://<redacted>@mcp.example.com/sse');
    expect(redactUrl('https://mcp.example.com/v1/S3CRET0a1b2c3d4e5f6g7h8i9/sse?token=S3CRET')).toBe('https://mcp.example.com/v1/<redacted>/sse?token=<redacted>');
    expect(redactUrl('https://mcp.linear.app/mcp')).toBe('https://mcp.linear.app/mcp');
  });
});

describe('launch packages', () => {
  it.each([
    ['npx', ['-y', '@modelcontextprotocol/server-filesystem@2026.8.31', '/tmp'], { ecosystem: 'npm', name: '@modelcontextprotocol/server-filesystem', version: '2026.8.31' }],
    ['npx', ['@playwright/mcp@latest'], { ecosystem: 'npm', name: '@playwright/mcp', range: 'latest' }],
    ['npx.cmd', ['-y', 'tavily-mcp'], { ecosystem: 'npm', name: 'tavily-mcp' }],
    ['npx', ['-p', 'tavily-mcp@0.2.22', 'tavily'], { ecosystem: 'npm', name: 'tavily-mcp', version: '0.2.22' }],
    ['bunx', ['tavily-mcp@0.2.22'], { ecosystem: 'npm', name: 'tavily-mcp', version: '0.2.22' }],
    ['pnpm', ['dlx', '@upstash/context7-mcp@4.1.1'], { ecosystem: 'npm', name: '@upstash/context7-mcp', version: '4.1.1' }],
    ['npm', ['exec', '--yes', '--', 'exa-mcp-server@3.4.1'], { ecosystem: 'npm', name: 'exa-mcp-server', version: '3.4.1' }],
    ['node', ['/home/a/app/node_modules/@modelcontextprotocol/server-memory/dist/index.js'], { ecosystem: 'npm', name: '@modelcontextprotocol/server-memory' }],
    ['/home/a/app/node_modules/.bin/mcp-server-filesystem', [], { ecosystem: 'npm', name: 'mcp-server-filesystem', binOnly: true }],
    ['uvx', ['mcp-server-fetch'], { ecosystem: 'pypi', name: 'mcp-server-fetch' }],
    ['uvx', ['mcp-server-git==2025.1.14'], { ecosystem: 'pypi', name: 'mcp-server-git', version: '2025.1.14' }],
    ['uvx', ['--from', 'awslabs.aws-api-mcp-server@1.2.0', 'aws-api'], { ecosystem: 'pypi', name: 'awslabs-aws-api-mcp-server', version: '1.2.0' }],
    ['uv', ['tool', 'run', 'Mcp_Server_Time'], { ecosystem: 'pypi', name: 'mcp-server-time' }],
    ['pipx', ['run', '--spec', 'mcp-server-fetch==1.0.0', 'mcp-server-fetch'], { ecosystem: 'pypi', name: 'mcp-server-fetch', version: '1.0.0' }],
  ] as const)('%s %j', (command, args, pkg) => {
    expect(launchPackage(command, args)).toEqual(pkg);
  });

  it('knows nothing about other commands', () => {
    expect(launchPackage('docker', ['run', '-i', 'ghcr.io/github/github-mcp-server'])).toBeUndefined();
    expect(launchPackage('python', ['server.py'])).toBeUndefined();
    expect(clientFromFileName('C:\\Users\\a\\AppData\\Roaming\\Claude\\claude_desktop_config.json')).toBe('claude-desktop');
  });
});
