import { describe, expect, test } from 'vitest';
import { BUILD_SEMI_SPACE_MB, CAPPED_HEAP_MAX_TOOLS, CAPPED_HEAP_MB, INCREMENTAL_HEAP_MB, buildHeapMb, buildNodeFlags, parseShard, partitionServers, setsHeapSize } from '../../../src/lib/build/plan.js';

describe('build heap cap', () => {
  test('capped up to the threshold, Node default above', () => {
    expect(buildHeapMb(0)).toBe(CAPPED_HEAP_MB);
    expect(buildHeapMb(50_000)).toBe(CAPPED_HEAP_MB);
    expect(buildHeapMb(CAPPED_HEAP_MAX_TOOLS)).toBe(CAPPED_HEAP_MB);
    expect(buildHeapMb(CAPPED_HEAP_MAX_TOOLS + 1)).toBeUndefined();
    expect(buildHeapMb(100_000)).toBeUndefined();
  });

  test('a larger cap for incremental builds, Node default above the threshold', () => {
    expect(INCREMENTAL_HEAP_MB).toBeGreaterThan(CAPPED_HEAP_MB);
    expect(buildHeapMb(50_000, true)).toBe(INCREMENTAL_HEAP_MB);
    expect(buildHeapMb(50_000, false)).toBe(CAPPED_HEAP_MB);
    expect(buildHeapMb(CAPPED_HEAP_MAX_TOOLS + 1, true)).toBeUndefined();
    expect(buildNodeFlags(50_000, undefined, true)).toEqual([`--max-old-space-size=${INCREMENTAL_HEAP_MB}`, `--max-semi-space-size=${BUILD_SEMI_SPACE_MB}`]);
    expect(buildNodeFlags(50_000, '--max-old-space-size=900', true)).toEqual([`--max-semi-space-size=${BUILD_SEMI_SPACE_MB}`]);
  });

  test('an old-space size already in NODE_OPTIONS is respected', () => {
    expect(setsHeapSize(undefined)).toBe(false);
    expect(setsHeapSize('')).toBe(false);
    expect(setsHeapSize('--enable-source-maps')).toBe(false);
    expect(setsHeapSize('--max-old-space-size=1024')).toBe(true);
    expect(setsHeapSize('--enable-source-maps --max_old_space_size=2048')).toBe(true);
    expect(setsHeapSize('--max-old-space-size 512')).toBe(true);
    expect(setsHeapSize('--max-semi-space-size=64')).toBe(false);
  });

  test('build flags: heap cap and semi-space, each only when NODE_OPTIONS leaves it out', () => {
    const semi = `--max-semi-space-size=${BUILD_SEMI_SPACE_MB}`;
    expect(buildNodeFlags(50_000, undefined)).toEqual([`--max-old-space-size=${CAPPED_HEAP_MB}`, semi]);
    expect(buildNodeFlags(100_000, '')).toEqual([semi]);
    expect(buildNodeFlags(10, '--max-old-space-size=900')).toEqual([semi]);
    expect(buildNodeFlags(10, '--max_semi_space_size=8')).toEqual([`--max-old-space-size=${CAPPED_HEAP_MB}`]);
    expect(buildNodeFlags(10, '--max-old-space-size=900 --max-semi-space-size 8')).toEqual([]);
  });
});

describe('parseShard', () => {
  test('i/N with 0 <= i < N', () => {
    expect(parseShard(undefined)).toBeUndefined();
    expect(parseShard('')).toBeUndefined();
    expect(parseShard('0/1')).toEqual({ index: 0, count: 1 });
    expect(parseShard('2/3')).toEqual({ index: 2, count: 3 });
  });
  test.each(['3/3', '1/0', 'a/2', '1', '-1/2', '1/2/3', '0.5/2'])('%s is refused', (spec) => {
    expect(() => parseShard(spec)).toThrow(/MCP_SHARD/);
  });
});

describe('partitionServers', () => {
  const servers = [
    { id: 'a', tools: 2000 },
    { id: 'b', tools: 1500 },
    { id: 'c', tools: 600 },
    { id: 'd', tools: 500 },
    { id: 'e', tools: 400 },
    { id: 'f', tools: 20 },
    { id: 'g', tools: 20 },
    { id: 'h', tools: 0 },
  ];

  test('every server in exactly one shard, for any count', () => {
    for (const n of [1, 2, 3, 5, 8, 12]) {
      const parts = partitionServers(servers, n);
      expect(parts).toHaveLength(n);
      expect(parts.flat().sort()).toEqual(servers.map((s) => s.id));
    }
  });

  test('one shard holds everything, sorted by id', () => {
    expect(partitionServers([...servers].reverse(), 1)).toEqual([servers.map((s) => s.id)]);
  });

  test('balances tools: heaviest shard within the largest server of the mean', () => {
    const total = servers.reduce((n, s) => n + s.tools, 0);
    for (const n of [2, 3]) {
      const weight = (ids: string[]): number => ids.reduce((sum, id) => sum + servers.find((s) => s.id === id)!.tools, 0);
      const loads = partitionServers(servers, n).map(weight);
      expect(Math.max(...loads) - total / n).toBeLessThanOrEqual(2000);
      expect(Math.min(...loads)).toBeGreaterThan(0);
    }
    expect(partitionServers(servers, 2).map((ids) => ids.join(''))).toEqual(['adfh', 'bceg']);
  });

  test('shard 0 carries the shared weight', () => {
    const even = [
      { id: 'x', tools: 100 },
      { id: 'y', tools: 100 },
      { id: 'z', tools: 100 },
      { id: 'w', tools: 100 },
    ];
    expect(partitionServers(even, 2).map((p) => p.length)).toEqual([2, 2]);
    expect(partitionServers(even, 2, 250).map((p) => p.length)).toEqual([1, 3]);
  });

  test('depends only on the set of servers, not their order', () => {
    const shuffled = [servers[3]!, servers[0]!, servers[7]!, servers[5]!, servers[1]!, servers[6]!, servers[2]!, servers[4]!];
    expect(partitionServers(shuffled, 3)).toEqual(partitionServers(servers, 3));
  });

  test('refuses a bad count', () => {
    expect(() => partitionServers(servers, 0)).toThrow();
    expect(() => partitionServers(servers, 1.5)).toThrow();
  });
});
