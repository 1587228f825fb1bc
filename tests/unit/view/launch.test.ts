import { describe, expect, it } from 'vitest';
import { launchView, provenanceText, shellQuote } from '../../../src/lib/view/launch.js';
import type { Server } from '../../../src/lib/schema/index.js';

const base: Omit<Server, 'launch'> = { id: 's', name: 'S', description: '', ingestedAt: '2026-01-01T00:00:00Z', toolsHash: 'sha256:x', toolCount: 0 };

describe('launchView', () => {
  it('shell-quotes a stdio command and names the env vars', () => {
    const v = launchView({ ...base, launch: { transport: 'stdio', command: 'npx', args: ['-y', '@scope/pkg@1.0.0', "it's; rm -rf /"], env: ['API_KEY'] } });
    expect(v.command).toBe(`npx -y @scope/pkg@1.0.0 'it'\\''s; rm -rf /'`);
    expect(v.env).toEqual(['API_KEY']);
    expect(v.summary).toContain('API_KEY');
  });

  it('shows only http(s) endpoints', () => {
    expect(launchView({ ...base, launch: { transport: 'streamable-http', url: 'https://mcp.example.com/mcp' } }).url).toBe('https://mcp.example.com/mcp');
    const bad = launchView({ ...base, launch: { transport: 'sse', url: 'javascript:alert(1)' } });
    expect(bad.url).toBeUndefined();
    expect(bad.summary).toMatch(/not shown/);
  });

  it('says a file-based entry has no live server', () => {
    const s: Server = { ...base, launch: { transport: 'file', file: 'seed/x.json' } };
    expect(launchView(s).summary).toMatch(/no live server/);
    expect(provenanceText(s)).toMatch(/not listed by a live server/);
    expect(provenanceText({ ...s, provenance: 'From source.' })).toBe('From source.');
  });

  it('quotes the empty word', () => {
    expect(shellQuote('')).toBe("''");
  });
});
