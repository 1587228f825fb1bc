/**
 * How far the destructive labels let any definition-reading classifier go: two bounds on the
 * trade-off between destructive recall and specificity, and the figures split by whether a family's
 * labels discriminate at all. None of this changes a verdict; it says what a target can ask.
 *
 * - **Verb-group oracle** (in-sample, fitted to the answers): every labelled tool is put in the group
 *   the shipped rules decide it by (category, deciding rule, matched word: "Write / overwrite /
 *   update"), and each group is predicted destructive or not as a whole, choosing from the test
 *   labels themselves. No rule that reads the deciding verb can beat this frontier on these labels.
 * - **Word model** (grouped by family, out of fold): a logistic regression over the words of the
 *   name, the description's first 60 words, the input property names and their string enum values,
 *   trained on the other folds' families. It asks whether the rest of the definition carries a
 *   signal that holds across vendors.
 * - **Label consistency**: a family whose every counted `destructiveHint` has the same value (all
 *   true, or all false, deletes included) states a server-wide default rather than a per-tool
 *   judgement; the held-out figures are split between those families and the ones whose labels take
 *   both values. Defined on the labels only, never on the predictions.
 */
import { classify, type RuleSet } from '../classify/index.js';
import { clusterBootstrap, sumGroups, type CrossValidation, type GroupCounts, type Interval } from './grouped.js';
import { destructiveLabelCounts, maintainerLabels, stripAnnotations } from './labels.js';
import type { EvalItem, Measures } from './measure.js';

/** One tool with a score (higher: more likely destructive) and its label. */
export interface Scored {
  readonly score: number;
  readonly positive: boolean;
}

/** The best points of a score's recall / specificity curve under two floors. */
export interface Tradeoff {
  readonly positives: number;
  readonly negatives: number;
  /** The highest specificity of any threshold whose recall is at least `minRecall`. */
  readonly specificityAtRecall: number | undefined;
  /** The highest recall of any threshold whose specificity is at least `minSpecificity`. */
  readonly recallAtSpecificity: number | undefined;
}

/**
 * Sweeps every threshold of `scored` (predict destructive when score >= t; equal scores are always
 * on the same side) and returns the best specificity at recall >= minRecall and the best recall at
 * specificity >= minSpecificity. Undefined when no threshold reaches the floor (or no labels).
 */
export function tradeoff(scored: readonly Scored[], minRecall: number, minSpecificity: number): Tradeoff {
  const positives = scored.filter((s) => s.positive).length;
  const negatives = scored.length - positives;
  let specificityAtRecall: number | undefined;
  let recallAtSpecificity: number | undefined;
  const consider = (tp: number, fp: number): void => {
    if (positives === 0 || negatives === 0) return;
    const recall = tp / positives;
    const spec = (negatives - fp) / negatives;
    if (recall >= minRecall) specificityAtRecall = Math.max(specificityAtRecall ?? 0, spec);
    if (spec >= minSpecificity) recallAtSpecificity = Math.max(recallAtSpecificity ?? 0, recall);
  };
  const sorted = [...scored].sort((a, b) => b.score - a.score);
  let tp = 0;
  let fp = 0;
  consider(0, 0);
  for (let i = 0; i < sorted.length; i++) {
    if (sorted[i]!.positive) tp++;
    else fp++;
    if (i + 1 === sorted.length || sorted[i + 1]!.score !== sorted[i]!.score) consider(tp, fp);
  }
  return { positives, negatives, specificityAtRecall, recallAtSpecificity };
}

/** A tool whose `destructiveHint` counts, with the group the shipped rules decide it by. */
export interface DestructiveExample {
  readonly item: EvalItem;
  readonly positive: boolean;
  /** `category|rule|matched word`, lower case. */
  readonly group: string;
}

/** The tools whose destructive label counts (see labels.ts), classified without their annotations. */
export function destructiveExamples(items: readonly EvalItem[], rules: RuleSet): DestructiveExample[] {
  const out: DestructiveExample[] = [];
  for (const item of items) {
    const labels = maintainerLabels(item.definition);
    if (!destructiveLabelCounts(labels)) continue;
    const c = classify(stripAnnotations(item.definition), rules);
    const decider = c.evidence[0];
    out.push({ item, positive: labels.destructive!, group: `${c.category}|${decider?.rule ?? '-'}|${decider?.match ?? '-'}`.toLowerCase() });
  }
  return out;
}

/** Scores each example by the destructive share of its own group's labels (the in-sample oracle). */
export function verbGroupOracle(examples: readonly DestructiveExample[]): Scored[] {
  const share = new Map<string, { pos: number; all: number }>();
  for (const e of examples) {
    const s = share.get(e.group) ?? { pos: 0, all: 0 };
    s.all++;
    if (e.positive) s.pos++;
    share.set(e.group, s);
  }
  return examples.map((e) => {
    const s = share.get(e.group)!;
    return { score: s.pos / s.all, positive: e.positive };
  });
}

function words(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0);
}

/** The word features of a definition: name, description's first 60 words, property names, enum values. */
export function wordFeatures(item: EvalItem): string[] {
  const def = item.definition;
  const f = new Set<string>();
  for (const w of words(item.tool)) f.add(`name:${w}`);
  for (const w of words(typeof def.description === 'string' ? def.description : '').slice(0, 60)) f.add(`desc:${w}`);
  const props = (def.inputSchema as { properties?: unknown } | undefined)?.properties;
  if (props && typeof props === 'object') {
    for (const [key, value] of Object.entries(props as Record<string, unknown>)) {
      for (const w of words(key)) f.add(`prop:${w}`);
      const values = (value as { enum?: unknown } | null)?.enum;
      if (Array.isArray(values)) for (const v of values) if (typeof v === 'string') for (const w of words(v)) f.add(`enum:${w}`);
    }
  }
  return [...f];
}

/**
 * Out-of-fold scores of a logistic regression over `wordFeatures`, trained by plain stochastic
 * gradient descent (fixed order, so the same corpus gives the same scores) on the examples of every
 * other fold.
 * @param foldOf the fold of each example's family
 */
export function wordModelScores(
  examples: readonly DestructiveExample[],
  foldOf: (e: DestructiveExample) => number,
  options: { epochs?: number; rate?: number; l2?: number } = {},
): Scored[] {
  const epochs = options.epochs ?? 30;
  const rate = options.rate ?? 0.1;
  const l2 = options.l2 ?? 1e-3;
  const feats = examples.map((e) => wordFeatures(e.item));
  const folds = [...new Set(examples.map(foldOf))];
  const scores = new Array<number>(examples.length).fill(0);
  for (const k of folds) {
    const w = new Map<string, number>();
    let bias = 0;
    const train = examples.map((_, i) => i).filter((i) => foldOf(examples[i]!) !== k);
    for (let epoch = 0; epoch < epochs; epoch++) {
      for (const i of train) {
        let z = bias;
        for (const f of feats[i]!) z += w.get(f) ?? 0;
        const g = 1 / (1 + Math.exp(-z)) - (examples[i]!.positive ? 1 : 0);
        bias -= rate * g;
        for (const f of feats[i]!) {
          const v = w.get(f) ?? 0;
          w.set(f, v - rate * (g + l2 * v));
        }
      }
    }
    examples.forEach((e, i) => {
      if (foldOf(e) !== k) return;
      let z = bias;
      for (const f of feats[i]!) z += w.get(f) ?? 0;
      scores[i] = z;
    });
  }
  return examples.map((e, i) => ({ score: scores[i]!, positive: e.positive }));
}

/** Held-out figures of the families whose destructive labels take one value, and of the others. */
export interface LabelConsistency {
  /** Families with counted destructive labels of a single value. */
  readonly constantFamilies: readonly string[];
  readonly constant: Measures;
  readonly discriminating: Measures;
  readonly discriminatingIntervals: Readonly<Record<'destructiveRecall' | 'nonDestructiveRate', Interval>>;
}

/** Splits a by-family cross-validation's groups by whether each family's destructive labels vary. */
export function labelConsistency(items: readonly EvalItem[], byFamily: CrossValidation, seed?: number): LabelConsistency {
  const values = new Map<string, Set<boolean>>();
  for (const item of items) {
    const labels = maintainerLabels(item.definition);
    if (!destructiveLabelCounts(labels)) continue;
    const family = item.family ?? item.server;
    const s = values.get(family) ?? new Set<boolean>();
    s.add(labels.destructive!);
    values.set(family, s);
  }
  const constantFamilies = [...values].filter(([, v]) => v.size === 1).map(([f]) => f).sort();
  const isConstant = new Set(constantFamilies);
  const constant: GroupCounts[] = [];
  const discriminating: GroupCounts[] = [];
  for (const g of byFamily.groups) {
    if (!values.has(g.group)) continue;
    (isConstant.has(g.group) ? constant : discriminating).push(g);
  }
  const intervals = clusterBootstrap(discriminating, seed === undefined ? {} : { seed });
  return {
    constantFamilies,
    constant: sumGroups(constant),
    discriminating: sumGroups(discriminating),
    discriminatingIntervals: { destructiveRecall: intervals.destructiveRecall, nonDestructiveRate: intervals.nonDestructiveRate },
  };
}

/** Everything the ceiling section reports, at the grouped targets' floors. */
export interface Ceiling {
  readonly minRecall: number;
  readonly minSpecificity: number;
  readonly oracle: Tradeoff;
  /** The same oracle on the families whose labels take both values only. */
  readonly oracleDiscriminating: Tradeoff;
  /** Groups the oracle chose from. */
  readonly oracleGroups: number;
  readonly wordModel: Tradeoff;
  readonly consistency: LabelConsistency;
}

/**
 * The ceiling of the destructive targets on `items`.
 * @param foldOfFamily the by-family cross-validation's fold of each family (the word model uses the same folds)
 */
export function destructiveCeiling(
  items: readonly EvalItem[],
  rules: RuleSet,
  byFamily: CrossValidation,
  foldOfFamily: ReadonlyMap<string, number>,
  floors: { minRecall: number; minSpecificity: number },
  seed?: number,
): Ceiling {
  const examples = destructiveExamples(items, rules);
  const family = (e: DestructiveExample) => e.item.family ?? e.item.server;
  const consistency = labelConsistency(items, byFamily, seed);
  const constant = new Set(consistency.constantFamilies);
  const discriminating = examples.filter((e) => !constant.has(family(e)));
  return {
    ...floors,
    oracle: tradeoff(verbGroupOracle(examples), floors.minRecall, floors.minSpecificity),
    oracleDiscriminating: tradeoff(verbGroupOracle(discriminating), floors.minRecall, floors.minSpecificity),
    oracleGroups: new Set(examples.map((e) => e.group)).size,
    wordModel: tradeoff(wordModelScores(examples, (e) => foldOfFamily.get(family(e)) ?? 0), floors.minRecall, floors.minSpecificity),
    consistency,
  };
}
