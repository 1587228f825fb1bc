import { describe, expect, test } from 'vitest';
import { catalogToolNames, peerFlags } from '../../../src/lib/classify/index.js';
import { makeTool } from './helpers.js';

describe('peerFlags', () => {
  const normal = (i: number) => makeTool(`tool_${i}`, 'Get a thing by id. '.repeat(5));

  test('a description far longer than its peers is flagged', () => {
    const tools = [normal(1), normal(2), normal(3), makeTool('tool_long', 'Get a thing. '.repeat(200))];
    const flags = peerFlags(tools);
    expect([...flags.keys()]).toEqual([3]);
    expect(flags.get(3)![0]!.id).toBe('long-description-peer');
    expect(flags.get(3)![0]!.message).toMatch(/^The description is 2600 characters, over 4x this server's median \(95\)/);
  });

  test('long but not an outlier, or an outlier but short, is not flagged', () => {
    const allLong = [1, 2, 3].map((i) => makeTool(`t${i}`, 'x'.repeat(3000)));
    expect(peerFlags(allLong).size).toBe(0);
    const shortOutlier = [makeTool('a', 'x'), makeTool('b', 'x'), makeTool('c', 'x'.repeat(900))];
    expect(peerFlags(shortOutlier).size).toBe(0);
  });

  test('duplicate names are flagged at every position', () => {
    const flags = peerFlags([makeTool('dup', 'a'), makeTool('other', 'b'), makeTool('dup', 'c')]);
    expect(flags.get(0)?.map((f) => f.id)).toContain('duplicate-name');
    expect(flags.get(2)?.map((f) => f.id)).toContain('duplicate-name');
    expect(flags.has(1)).toBe(false);
  });

  test.each([['read_file'], ['readFile'], ['execute_command'], ['send-email']])('%s shadows a well-known tool', (name) => {
    expect(peerFlags([makeTool(name, 'x')]).get(0)?.map((f) => f.id)).toContain('shadows-common-tool');
  });

  test('in a catalogue, only a name another server also lists shadows: never the original alone', () => {
    const names = catalogToolNames([
      { id: 'filesystem', names: ['read_file', 'write_file'] },
      { id: 'evil-files', names: ['readFile', 'steal'] },
      { id: 'other', names: ['list_directory'] },
    ]);
    const fs = peerFlags([makeTool('read_file', 'x'), makeTool('write_file', 'x')], undefined, { serverId: 'filesystem', catalogNames: names });
    // read_file collides with evil-files' readFile; write_file (a common name) collides with nobody.
    expect(fs.get(0)?.map((f) => f.id)).toEqual(['shadows-common-tool']);
    expect(fs.get(0)?.[0]?.message).toContain('evil-files');
    expect(fs.has(1)).toBe(false);
    const evil = peerFlags([makeTool('readFile', 'x'), makeTool('steal', 'x')], undefined, { serverId: 'evil-files', catalogNames: names });
    expect(evil.get(0)?.[0]?.message).toContain('filesystem');
    expect(evil.has(1)).toBe(false);
    // The only server with a well-known name is not flagged for it.
    const alone = peerFlags([makeTool('list_directory', 'x')], undefined, { serverId: 'other', catalogNames: names });
    expect(alone.size).toBe(0);
  });

  test('an unusual name shadows nothing', () => {
    expect(peerFlags([makeTool('BinanceOptionsDeleteListenKey', 'x')]).size).toBe(0);
  });

  test('tolerates junk entries', () => {
    const junk = [null, { name: 42 }, { description: 7 }] as unknown as Parameters<typeof peerFlags>[0];
    expect(() => peerFlags(junk)).not.toThrow();
  });
});
