/**
 * Grouped k-fold cross-validation for hand-written rules, with cluster-bootstrap intervals.
 *
 * Groups (servers, or server families) are dealt into k folds so that no group's tools sit on both
 * sides. Rules cannot be re-learned without a fold, so each fold is measured the way heldout.ts
 * measures one server: every rule entry (a verb word, or a whole phrase, object, schema, modifier or
 * hint rule) that fired on that fold's labelled tools and on no other fold's labelled tools is
 * removed (no other fold's labels could have motivated it), and the fold is classified with what is
 * left. The figures sum every fold's held-out confusion matrices.
 *
 * Intervals: tools of one server (and one family) are not independent draws, so the interval
 * resamples whole groups with replacement (a cluster bootstrap, 95% percentile interval) from a
 * seeded generator: the same corpus and rules always print the same interval.
 */
import { classify, parseRules, type RulesSource } from '../classify/index.js';
import { ablateRules, entryKeys } from './heldout.js';
import { isLabelled, maintainerLabels, stripAnnotations } from './labels.js';
import { emptyConfusion, evaluateItems, measuresOf, type Confusion, type Disagreement, type EvalItem, type Measures } from './measure.js';
import { createRng } from '../synth/prng.js';

/** The four measured ratios. */
export const MEASURE_KEYS = ['destructiveRecall', 'nonDestructiveRate', 'readOnlyPrecision', 'readOnlyRecall'] as const;
export type MeasureKey = (typeof MEASURE_KEYS)[number];

/** A 95% interval; undefined bounds when the measure has no labelled tools. */
export interface Interval {
  readonly low: number | undefined;
  readonly high: number | undefined;
}

/** One group's confusion matrices (what the bootstrap resamples). */
export interface GroupCounts {
  readonly group: string;
  readonly measures: Measures;
}

/** Measures over groups with an interval per ratio. */
export interface GroupedMeasures {
  readonly overall: Measures;
  readonly intervals: Readonly<Record<MeasureKey, Interval>>;
  readonly groups: readonly GroupCounts[];
}

/** A grouped cross-validation. */
export interface CrossValidation extends GroupedMeasures {
  readonly by: 'server' | 'family';
  readonly folds: number;
  /** The fold of each group. */
  readonly foldOf: ReadonlyMap<string, number>;
  /** Rule entries removed per fold, with the fold's groups. */
  readonly removed: readonly { groups: readonly string[]; entries: readonly string[] }[];
  /** The held-out disagreements (tool classified with its fold's entries removed). */
  readonly disagreements: readonly Disagreement[];
}

function add(into: Confusion, c: Confusion): void {
  into.tp += c.tp;
  into.fp += c.fp;
  into.fn += c.fn;
  into.tn += c.tn;
}

/** The overall measures of some groups (their matrices summed). */
export function sumGroups(groups: readonly GroupCounts[]): Measures {
  const ro = emptyConfusion();
  const d = emptyConfusion();
  let labelled = 0;
  for (const g of groups) {
    add(ro, g.measures.readOnly);
    add(d, g.measures.destructive);
    labelled += g.measures.labelled;
  }
  return measuresOf(labelled, ro, d);
}

function quantile(sorted: readonly number[], q: number): number | undefined {
  if (sorted.length === 0) return undefined;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

/**
 * 95% cluster-bootstrap intervals: `rounds` resamples of the groups with replacement, each ratio
 * recomputed from the summed matrices (a resample where a ratio is undefined is left out for it).
 */
export function clusterBootstrap(groups: readonly GroupCounts[], options: { rounds?: number; seed?: number } = {}): Record<MeasureKey, Interval> {
  const rounds = options.rounds ?? 1000;
  const next = createRng(options.seed ?? 20261203).next;
  const samples: Record<MeasureKey, number[]> = { destructiveRecall: [], nonDestructiveRate: [], readOnlyPrecision: [], readOnlyRecall: [] };
  if (groups.length > 0) {
    for (let r = 0; r < rounds; r++) {
      const pick: GroupCounts[] = [];
      for (let i = 0; i < groups.length; i++) pick.push(groups[Math.floor(next() * groups.length)]!);
      const m = sumGroups(pick);
      for (const k of MEASURE_KEYS) if (m[k] !== undefined) samples[k].push(m[k]!);
    }
  }
  const out = {} as Record<MeasureKey, Interval>;
  for (const k of MEASURE_KEYS) {
    const s = samples[k].sort((a, b) => a - b);
    out[k] = { low: quantile(s, 0.025), high: quantile(s, 0.975) };
  }
  return out;
}

/** The group key of an item. */
export function groupKey(item: EvalItem, by: 'server' | 'family'): string {
  return by === 'family' ? (item.family ?? item.server) : item.server;
}

/** Measures (with intervals) of items classified with one rule set, grouped by server or family. */
export function groupedMeasures(items: readonly EvalItem[], sources: readonly RulesSource[], by: 'server' | 'family', seed?: number): GroupedMeasures {
  const rules = parseRules(sources);
  const regrouped = items.map((i) => ({ ...i, server: groupKey(i, by) }));
  const r = evaluateItems(regrouped, rules);
  const groups = r.perServer.map((s) => ({ group: s.server, measures: s.measures }));
  return { overall: r.overall, intervals: clusterBootstrap(groups, seed === undefined ? {} : { seed }), groups };
}

/** A small stable string hash (FNV-1a), to deal groups into folds in an order that is not alphabetical. */
function hash(text: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/**
 * Deals groups into `k` folds: groups in a seeded hash order, the largest first, each to the fold
 * with the fewest labelled tools so far (folds of similar size; one large group is a fold of its own).
 */
export function assignFolds(sizes: ReadonlyMap<string, number>, k: number, seed = 1): Map<string, number> {
  const folds = Math.max(1, Math.min(k, sizes.size));
  const load = new Array<number>(folds).fill(0);
  const order = [...sizes.keys()].sort((a, b) => sizes.get(b)! - sizes.get(a)! || hash(a, seed) - hash(b, seed));
  const out = new Map<string, number>();
  for (const g of order) {
    let best = 0;
    for (let f = 1; f < folds; f++) if (load[f]! < load[best]!) best = f;
    out.set(g, best);
    load[best]! += sizes.get(g)!;
  }
  return out;
}

/** Grouped k-fold cross-validation of the rules files over the labelled items. */
export function crossValidate(
  items: readonly EvalItem[],
  sources: readonly RulesSource[],
  options: { by: 'server' | 'family'; folds?: number; seed?: number },
): CrossValidation {
  const rules = parseRules(sources);
  const labelled = items.filter((i) => isLabelled(maintainerLabels(i.definition)));
  const sizes = new Map<string, number>();
  for (const i of labelled) sizes.set(groupKey(i, options.by), (sizes.get(groupKey(i, options.by)) ?? 0) + 1);
  const foldOf = assignFolds(sizes, options.folds ?? 10, options.seed ?? 1);
  const folds = new Set(foldOf.values()).size;
  const support = new Map<string, Set<number>>();
  const keysByItem = labelled.map((item) => {
    const keys = entryKeys(classify(stripAnnotations(item.definition), rules).evidence, rules);
    const fold = foldOf.get(groupKey(item, options.by))!;
    for (const k of keys) {
      let s = support.get(k);
      if (!s) support.set(k, (s = new Set()));
      s.add(fold);
    }
    return keys;
  });
  const groups: GroupCounts[] = [];
  const removedByFold: { groups: string[]; entries: string[] }[] = [];
  const disagreements: Disagreement[] = [];
  for (let f = 0; f < folds; f++) {
    const own = labelled.filter((i) => foldOf.get(groupKey(i, options.by)) === f);
    const removed = new Set<string>();
    labelled.forEach((i, n) => {
      if (foldOf.get(groupKey(i, options.by)) !== f) return;
      for (const k of keysByItem[n]!) if (support.get(k)!.size === 1) removed.add(k);
    });
    const foldRules = removed.size === 0 ? rules : ablateRules(sources, removed);
    const r = evaluateItems(own.map((i) => ({ ...i, server: groupKey(i, options.by) })), foldRules);
    for (const s of r.perServer) groups.push({ group: s.server, measures: s.measures });
    const serverOf = new Map(own.map((i) => [`${groupKey(i, options.by)}\u0000${i.tool}`, i.server]));
    for (const d of r.disagreements) disagreements.push({ ...d, server: serverOf.get(`${d.server}\u0000${d.tool}`) ?? d.server });
    removedByFold.push({ groups: [...new Set(own.map((i) => groupKey(i, options.by)))].sort(), entries: [...removed].sort() });
  }
  return {
    by: options.by,
    folds,
    foldOf,
    overall: sumGroups(groups),
    intervals: clusterBootstrap(groups, options.seed === undefined ? {} : { seed: options.seed }),
    groups,
    removed: removedByFold,
    disagreements,
  };
}
