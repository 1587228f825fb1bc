/**
 * Risk distribution of a set of tools: counts per level and the segments of a small horizontal bar.
 */
import { RISK_LEVELS, type Risk } from '../schema/index.js';
import { RISKS_DESC } from './labels.js';

/** Count of tools at one risk level. */
export interface RiskCount {
  risk: Risk;
  count: number;
  /** Share of the total, 0..100, rounded to one decimal. */
  percent: number;
}

/** One rectangle of the distribution bar, in SVG user units (the bar is `width` wide). */
export interface BarSegment extends RiskCount {
  x: number;
  width: number;
}

/** Counts per risk level, most dangerous first; every level present (zero counts included). */
export function riskDistribution(tools: Iterable<{ risk: Risk }>): { total: number; counts: RiskCount[] } {
  const by = new Map<Risk, number>(RISK_LEVELS.map((r) => [r, 0]));
  let total = 0;
  for (const t of tools) {
    by.set(t.risk, (by.get(t.risk) ?? 0) + 1);
    total += 1;
  }
  const counts = RISKS_DESC.map((risk) => {
    const count = by.get(risk) ?? 0;
    return { risk, count, percent: total ? Math.round((count / total) * 1000) / 10 : 0 };
  });
  return { total, counts };
}

/**
 * Bar segments for non-zero counts, most dangerous on the left. Widths add up to `width` exactly;
 * a non-zero count gets at least 1 unit so it stays visible.
 */
export function barSegments(counts: readonly RiskCount[], width = 100): BarSegment[] {
  const total = counts.reduce((s, c) => s + c.count, 0);
  if (total === 0) return [];
  const nonZero = counts.filter((c) => c.count > 0);
  const raw = nonZero.map((c) => Math.max(1, (c.count / total) * width));
  const scale = width / raw.reduce((s, w) => s + w, 0);
  let x = 0;
  return nonZero.map((c, i) => {
    const w = i === nonZero.length - 1 ? width - x : Math.round(raw[i]! * scale * 100) / 100;
    const seg = { ...c, x: Math.round(x * 100) / 100, width: Math.round(w * 100) / 100 };
    x += w;
    return seg;
  });
}
