/** The seeded PRNG and the synthetic catalogue generator: deterministic, exact sizes, realistic variety. */
import { describe, expect, it } from 'vitest';
import { classify } from '../../../src/lib/classify/index.js';
import { slugFor } from '../../../src/lib/slug.js';
import { createRng, seedFrom, serverSizes, styleName, syntheticCatalog } from '../../../src/lib/synth/index.js';

describe('createRng', () => {
  it('gives the same sequence for the same seed and a different one for another seed', () => {
    const a = createRng(7);
    const b = createRng(7);
    const c = createRng('7');
    const seqA = Array.from({ length: 50 }, () => a.next());
    expect(Array.from({ length: 50 }, () => b.next())).toEqual(seqA);
    expect(Array.from({ length: 50 }, () => c.next())).not.toEqual(seqA);
    expect(seedFrom('abc')).toBe(seedFrom('abc'));
    expect(seedFrom('abc')).not.toBe(seedFrom('abd'));
  });

  it('keeps int, logInt, pick and sample within bounds', () => {
    const r = createRng(1);
    const ints = Array.from({ length: 2000 }, () => r.int(3, 9));
    expect(Math.min(...ints)).toBe(3);
    expect(Math.max(...ints)).toBe(9);
    const logs = Array.from({ length: 2000 }, () => r.logInt(20, 2000));
    expect(Math.min(...logs)).toBeGreaterThanOrEqual(20);
    expect(Math.max(...logs)).toBeLessThanOrEqual(2000);
    // Log-uniform: about as many draws below 200 as above it.
    const small = logs.filter((n) => n < 200).length;
    expect(small).toBeGreaterThan(700);
    expect(small).toBeLessThan(1300);
    const s = r.sample(['a', 'b', 'c', 'd', 'e'], 3);
    expect(new Set(s).size).toBe(3);
    expect(() => r.pick([])).toThrow(RangeError);
  });
});

describe('serverSizes', () => {
  it('adds up to the total with every server within [min, max + min)', () => {
    for (const total of [20, 1000, 10_000, 12_345]) {
      const sizes = serverSizes(total, createRng(total), 20, 2000);
      expect(sizes.reduce((a, b) => a + b, 0)).toBe(total);
      for (const n of sizes) {
        expect(n).toBeGreaterThanOrEqual(Math.min(20, total));
        expect(n).toBeLessThan(2020);
      }
    }
  });
});

describe('syntheticCatalog', () => {
  const cat = syntheticCatalog({ tools: 3000, seed: 3 });

  it('is deterministic and has exactly the requested number of tools', () => {
    expect(syntheticCatalog({ tools: 3000, seed: 3 })).toEqual(cat);
    expect(syntheticCatalog({ tools: 3000, seed: 4 })).not.toEqual(cat);
    expect(cat.reduce((n, s) => n + s.tools.length, 0)).toBe(3000);
    expect(syntheticCatalog({ tools: 0 })).toEqual([]);
    expect(() => syntheticCatalog({ tools: -1 })).toThrow(RangeError);
  });

  it('gives slug ids, unique tool names per server, positions 0..n-1, object schemas', () => {
    expect(new Set(cat.map((s) => s.server.id)).size).toBe(cat.length);
    for (const s of cat) {
      expect(slugFor(s.server.id)).toBe(s.server.id);
      const names = s.tools.map((t) => t.definition.name);
      expect(new Set(names).size).toBe(names.length);
      expect(s.tools.map((t) => t.position)).toEqual([...names.keys()]);
      for (const t of s.tools) expect((t.definition.inputSchema as { type?: string }).type).toBe('object');
    }
  });

  it('looks like real servers: several naming styles, varied text, every category but Other common', () => {
    const names = cat.flatMap((s) => s.tools.map((t) => t.definition.name));
    expect(names.some((n) => /^[a-z]+(_[a-z0-9]+)+$/.test(n))).toBe(true);
    expect(names.some((n) => /^[a-z]+([A-Z][a-z0-9]+)+$/.test(n))).toBe(true);
    expect(names.some((n) => /^[A-Z][a-z0-9]+([A-Z][a-z0-9]+)+$/.test(n))).toBe(true);
    const descriptions = cat.flatMap((s) => s.tools.map((t) => t.definition.description ?? ''));
    expect(new Set(descriptions).size).toBeGreaterThan(descriptions.length / 3);
    const lengths = descriptions.map((d) => d.length).sort((a, b) => a - b);
    expect(lengths[0]).toBeGreaterThan(15);
    expect(lengths[lengths.length - 1]).toBeGreaterThan(600);
    const counts = new Map<string, number>();
    for (const s of cat) for (const t of s.tools) {
      const c = classify(t.definition).category;
      counts.set(c, (counts.get(c) ?? 0) + 1);
    }
    for (const c of ['Read', 'Write', 'Destructive', 'Execute', 'Financial']) expect(counts.get(c) ?? 0, c).toBeGreaterThan(30);
  });

  it('styleName joins words in each style', () => {
    const w = ['create', 'pull', 'request'];
    expect(styleName(w, 'snake', 'gh')).toBe('create_pull_request');
    expect(styleName(w, 'prefixed-snake', 'gh')).toBe('gh_create_pull_request');
    expect(styleName(w, 'camel', 'gh')).toBe('createPullRequest');
    expect(styleName(w, 'pascal-prefixed', 'gh')).toBe('GhCreatePullRequest');
    expect(styleName(w, 'kebab', 'gh')).toBe('create-pull-request');
  });
});
