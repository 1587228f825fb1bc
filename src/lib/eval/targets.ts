/**
 * The targets the classifier is held to on the labelled catalogue (docs/eval.md), and the check.
 */
import type { Measures } from './measure.js';

/** One target: a measure and its minimum. */
export interface Target {
  readonly key: 'destructiveRecall' | 'readOnlyPrecision' | 'readOnlyRecall' | 'nonDestructiveRate';
  /** How the measure is named in reports. */
  readonly label: string;
  readonly min: number;
}

/** The targets, in report order. */
export const TARGETS: readonly Target[] = [
  { key: 'destructiveRecall', label: 'destructive recall', min: 0.98 },
  { key: 'readOnlyPrecision', label: 'read-only precision', min: 0.97 },
  { key: 'readOnlyRecall', label: 'read-only recall', min: 0.9 },
  { key: 'nonDestructiveRate', label: 'non-destructive (not read-only) predicted non-destructive', min: 0.5 },
];

/** A target with the measured value. */
export interface TargetResult extends Target {
  /** Undefined when nothing was labelled for this measure. */
  readonly value: number | undefined;
  readonly met: boolean;
}

/** Each target with its measured value; a measure with no labelled tools does not meet its target. */
export function checkTargets(m: Measures, targets: readonly Target[] = TARGETS): TargetResult[] {
  return targets.map((t) => {
    const value = m[t.key];
    return { ...t, value, met: value !== undefined && value >= t.min };
  });
}

/**
 * The done-when targets of the grouped-by-family cross-validation on the development corpus
 * (docs/eval.md, "Grouped evaluation").
 */
export const GROUPED_TARGETS: readonly Target[] = [
  { key: 'destructiveRecall', label: 'destructive recall', min: 0.97 },
  { key: 'nonDestructiveRate', label: 'specificity (non-destructive predicted non-destructive)', min: 0.6 },
  { key: 'readOnlyPrecision', label: 'read-only precision', min: 0.97 },
  { key: 'readOnlyRecall', label: 'read-only recall', min: 0.92 },
];

/** Category targets on the hand-labelled set. */
export const CATEGORY_TARGETS = { accuracy: 0.9, financialRecall: 0.95 } as const;

/**
 * The ratchet: for a grouped target not met yet, the floor the drift test holds (just under the
 * value measured when the floor was set; docs/eval.md). Raise a floor when the figure rises; never
 * lower one to let a rule change through. Where the target is met, the target itself is held.
 */
export const GROUPED_FLOORS: Readonly<Record<Target['key'], number>> = {
  // measured 0.912 (541/593) on 210 servers, 2026-12-03; 0.907 (584/644) on 340 servers after the
  // catalogue snapshot of 2026-12-07 and again after that round's rule changes; 0.910 (681/748) on 482
  // servers after the crawl's snapshot (floor kept); target 0.97 not met
  destructiveRecall: 0.905,
  // measured 0.441 (225/510) on 210 servers; the snapshot of 130 catalogue servers (2026-12-07, no rule
  // changed) moved it to 0.420 (287/683), so the floor went from 0.43 to 0.41 (docs/eval.md); the
  // round's rule changes raised it to 0.451 (308/683); the snapshot of the crawl's 142 servers of
  // 300-999 downloads a month (2026-12-07, no rule changed) moved it to 0.419 (338/807), so the floor
  // went from 0.445 to 0.415 (docs/eval.md); rule changes of the next round raised it to 0.423
  // (341/807), floor 0.42; target 0.60 not met, and out of reach of any per-verb rule on these labels
  // (docs/eval.md, "What the labels allow")
  nonDestructiveRate: 0.42,
  // met (0.977, 1780/1822 on 340 servers; 0.976, 2170/2224 on 482): the target is held
  readOnlyPrecision: 0.97,
  // met (0.942, 1780/1889 on 340 servers; 0.925, 2170/2345 on 482, close to it): the target is held
  readOnlyRecall: 0.92,
};

/** The category floors (same ratchet). */
export const CATEGORY_FLOORS = {
  // met (0.902, 523 of 580, 2026-12-07; it was 0.893): the target is held
  accuracy: 0.9,
  // met (0.979, 47 of 48): the target is held
  financialRecall: 0.95,
} as const;
