import { describe, expect, test } from 'vitest';
import { peerFlags } from '../../../src/lib/classify/index.js';
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

  test('an unusual name shadows nothing', () => {
    expect(peerFlags([makeTool('BinanceOptionsDeleteListenKey', 'x')]).size).toBe(0);
  });

  test('tolerates junk entries', () => {
    const junk = [null, { name: 42 }, { description: 7 }] as unknown as Parameters<typeof peerFlags>[0];
    expect(() => peerFlags(junk)).not.toThrow();
  });
});
