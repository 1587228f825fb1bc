import { describe, expect, it } from 'vitest';
import { barSegments, riskDistribution } from '../../../src/lib/view/distribution.js';
import type { Risk } from '../../../src/lib/schema/index.js';

const tools = (spec: Partial<Record<Risk, number>>): { risk: Risk }[] =>
  Object.entries(spec).flatMap(([risk, n]) => Array.from({ length: n ?? 0 }, () => ({ risk: risk as Risk })));

describe('riskDistribution', () => {
  it('counts every level, most dangerous first, zeros included', () => {
    const d = riskDistribution(tools({ Low: 5, Critical: 2, Medium: 3 }));
    expect(d.total).toBe(10);
    expect(d.counts.map((c) => [c.risk, c.count])).toEqual([
      ['Critical', 2],
      ['High', 0],
      ['Medium', 3],
      ['Low', 5],
    ]);
    expect(d.counts.find((c) => c.risk === 'Low')?.percent).toBe(50);
  });

  it('handles an empty list', () => {
    const d = riskDistribution([]);
    expect(d.total).toBe(0);
    expect(d.counts.every((c) => c.count === 0 && c.percent === 0)).toBe(true);
    expect(barSegments(d.counts)).toEqual([]);
  });
});

describe('barSegments', () => {
  it('covers the whole width, left to right, skipping empty levels', () => {
    const d = riskDistribution(tools({ Critical: 1, High: 1, Low: 998 }));
    const segs = barSegments(d.counts, 400);
    expect(segs.map((s) => s.risk)).toEqual(['Critical', 'High', 'Low']);
    expect(segs[0]?.x).toBe(0);
    for (let i = 1; i < segs.length; i += 1) expect(segs[i]!.x).toBeCloseTo(segs[i - 1]!.x + segs[i - 1]!.width, 1);
    const last = segs[segs.length - 1]!;
    expect(last.x + last.width).toBeCloseTo(400, 1);
    // a 1-in-1000 level stays visible
    expect(segs[0]!.width).toBeGreaterThanOrEqual(0.9);
  });
});
