import { describe, expect, it } from 'vitest';
import { launchForSource, serverDefaults, serverFromSource, snapshotFromListing } from '../../../src/lib/catalog/listing.js';
import { toolsHash } from '../../../src/lib/catalog/index.js';
import type { ListResult } from '../../../src/lib/ingest/index.js';
import { SourceSchema } from '../../../src/lib/schema/index.js';

const listed = (over: Partial<ListResult> = {}): ListResult => ({
  tools: [{ name: 'a', description: 'A' }, { description: 'nameless' }, { name: 'b', title: 7 }],
  pages: 1,
  bytes: 10,
  transport: 'stdio',
  warnings: ['ignored 1 log line'],
  serverInfo: { name: 'srv', version: '1.0' },
  protocolVersion: '2025-06-18',
  ...over,
});

describe('snapshotFromListing', () => {
  it('hashes the raw listing, keeps positions, and records live-only fields', () => {
    const l = listed();
    const snap = snapshotFromListing({ id: 'x', launch: { transport: 'stdio', command: 'node', args: [], env: [] } }, l, '9.9.9');
    expect(snap.input.server.toolsHash).toBe(toolsHash(l.tools));
    expect(snap.input.server).toMatchObject({ serverInfo: { name: 'srv' }, protocolVersion: '2025-06-18', sdkVersion: '9.9.9' });
    expect(snap.input.tools.map((t) => [t.position, t.definition.name])).toEqual([[0, 'a'], [2, 'b']]);
    expect(snap.warnings[0]).toBe('ignored 1 log line');
    expect(snap.warnings.some((w) => w.includes('position 1'))).toBe(true);
  });

  it('records no SDK version for a file, and the transport that worked for a URL', () => {
    const file = snapshotFromListing({ id: 'x' }, listed({ transport: 'file', serverInfo: undefined, protocolVersion: undefined }), '9.9.9');
    expect(file.input.server.sdkVersion).toBeUndefined();
    expect(file.input.server.serverInfo).toBeUndefined();
    const sse = snapshotFromListing({ id: 'x', launch: { transport: 'streamable-http', url: 'http://127.0.0.1:1/mcp' } }, listed({ transport: 'sse' }));
    expect(sse.input.server.launch).toEqual({ transport: 'sse', url: 'http://127.0.0.1:1/mcp' });
  });
});

describe('sources.yaml entries', () => {
  it('maps npm, file and url entries to server.yaml fields, recording env names only', () => {
    const npm = SourceSchema.parse({ id: 'm', name: 'M', npm: 'pkg@1.2.3', args: ['{scratch}'], env: { TOKEN: 'dummy', A: 'x' }, repository: 'https://example.org/r' });
    expect(launchForSource(npm)).toEqual({ transport: 'stdio', command: 'npx', args: ['-y', 'pkg@1.2.3', '{scratch}'], env: ['A', 'TOKEN'] });
    expect(serverFromSource(npm)).toMatchObject({ id: 'm', name: 'M', package: 'pkg@1.2.3', repository: 'https://example.org/r' });
    expect(JSON.stringify(serverFromSource(npm))).not.toContain('dummy');
    expect(launchForSource(SourceSchema.parse({ id: 'f', name: 'F', file: 'seed/f.json' }))).toEqual({ transport: 'file', file: 'seed/f.json' });
    expect(launchForSource(SourceSchema.parse({ id: 'u', name: 'U', url: 'https://h/mcp' }))).toEqual({ transport: 'streamable-http', url: 'https://h/mcp' });
  });

  it('defaults the name to the server title, then its name, then the id', () => {
    expect(serverDefaults('id', { serverInfo: { name: 'n', version: '1', title: 'Nice' } }).name).toBe('Nice');
    expect(serverDefaults('id', { serverInfo: { name: 'n', version: '1' } }).name).toBe('n');
    expect(serverDefaults('id').name).toBe('id');
  });
});
