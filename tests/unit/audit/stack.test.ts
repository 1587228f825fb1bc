import { describe, expect, it } from 'vitest';
import { MAX_STACK_PATHS, stackTrifecta } from '../../../src/lib/analysis/stack.js';
import { matchServer, parseConfig, type AuditIndex } from '../../../src/lib/audit/index.js';

describe('stackTrifecta', () => {
  it('finds a path across two servers and names its tools', () => {
    const r = stackTrifecta([
      { server: 'files', tools: [{ name: 'read_file', legs: ['privateData'] }, { name: 'write_file', legs: [] }] },
      { server: 'web', tools: [{ name: 'fetch', legs: ['untrustedContent', 'externalSend'] }] },
    ]);
    expect(r.singleServer).toEqual([]);
    expect(r.pathCount).toBe(1);
    expect(r.paths[0]).toEqual({
      privateData: { server: 'files', tools: ['read_file'], toolCount: 1 },
      untrustedContent: { server: 'web', tools: ['fetch'], toolCount: 1 },
      externalSend: { server: 'web', tools: ['fetch'], toolCount: 1 },
    });
  });

  it('a server covering all three legs alone is a single-server trifecta, not a cross-server path', () => {
    const r = stackTrifecta([{ server: 'gh', tools: [{ name: 'a', legs: ['privateData', 'untrustedContent', 'externalSend'] }] }]);
    expect(r.singleServer).toEqual(['gh']);
    expect(r.pathCount).toBe(0);
  });

  it('no sender, no path', () => {
    const r = stackTrifecta([
      { server: 'files', tools: [{ name: 'read_file', legs: ['privateData'] }] },
      { server: 'search', tools: [{ name: 'search', legs: ['untrustedContent'] }] },
    ]);
    expect(r.pathCount).toBe(0);
    expect(r.legs).toEqual({ privateData: ['files'], untrustedContent: ['search'], externalSend: [] });
  });

  it('counts every path but lists a bounded number', () => {
    const servers = Array.from({ length: 6 }, (_, i) => ({ server: `s${i}`, tools: [{ name: `t${i}`, legs: ['privateData', 'untrustedContent', 'externalSend'] as const }] }));
    const r = stackTrifecta(servers);
    expect(r.pathCount).toBe(6 ** 3 - 6);
    expect(r.paths).toHaveLength(MAX_STACK_PATHS);
  });
});

describe('matchServer', () => {
  const index: AuditIndex = {
    version: 1,
    legs: { privateData: 'p', untrustedContent: 'u', externalSend: 'e' },
    servers: [
      { id: 'remote', name: 'Remote', url: '/servers/remote/', data: '/audit/servers/remote.json', toolCount: 1, ingestedAt: 'x', packages: [], urls: ['https://mcp.example.com/mcp'], registryNames: ['io.example/remote'] },
      { id: 'py', name: 'Py', url: '/servers/py/', data: '/audit/servers/py.json', toolCount: 1, ingestedAt: 'x', packages: [{ ecosystem: 'pypi', name: 'mcp-server-time', version: '1.0.0' }], urls: [], registryNames: [] },
    ],
  };
  const one = (text: string) => parseConfig(text, '.mcp.json').servers[0]!;

  it('by URL (also through mcp-remote), by PyPI package and version, by registry name', () => {
    expect(matchServer(one('{"mcpServers":{"a":{"type":"http","url":"https://MCP.example.com/mcp/?k=1"}}}'), index)).toMatchObject({ by: 'url', version: 'remote' });
    expect(matchServer(one('{"mcpServers":{"a":{"command":"npx","args":["-y","mcp-remote","https://mcp.example.com/mcp"]}}}'), index)).toMatchObject({ by: 'url', server: { id: 'remote' } });
    expect(matchServer(one('{"mcpServers":{"a":{"command":"uvx","args":["mcp-server-time==1.0.0"]}}}'), index)).toMatchObject({ by: 'pypi', version: 'exact' });
    expect(matchServer(one('{"mcpServers":{"a":{"command":"uvx","args":["mcp_server_time==2.0.0"]}}}'), index)).toMatchObject({ by: 'pypi', version: 'other', configVersion: '2.0.0', catalogueVersion: '1.0.0' });
    expect(matchServer(one('{"mcpServers":{"io.example/remote":{"command":"docker","args":["run","x"]}}}'), index)).toMatchObject({ by: 'registry-name' });
    expect(matchServer(one('{"mcpServers":{"a":{"command":"uvx","args":["other"]}}}'), index)).toBeUndefined();
  });
});
