/**
 * The evaluation over the development corpus (`eval/corpus/`), used by `npm run eval` and the
 * integration test so both report the same figures: in-sample figures, grouped k-fold
 * cross-validation by server and (the headline) by family, each with cluster-bootstrap intervals,
 * the servers that entered after the rules were written, and the hand-labelled category set.
 */
import { join } from 'node:path';
import { existsSync, statSync } from 'node:fs';
import { classify, parseRules, readRulesDir, shippedRulesDir, SHIPPED_RULES_FILES, type RuleSet, type RulesSource } from '../classify/index.js';
import { destructiveLabelCounts, isLabelled, maintainerLabels, stripAnnotations } from './labels.js';
import { categoryAgreement, readCategoryLabels, type CategoryReport } from './categories.js';
import { corpusItems, readCorpus } from './corpus.js';
import { crossValidate, groupedMeasures, type CrossValidation, type GroupedMeasures } from './grouped.js';
import { evaluateItems, type EvalItem, type EvalReport } from './measure.js';
import { checkTargets, GROUPED_TARGETS, type TargetResult } from './targets.js';
import { destructiveCeiling, type Ceiling } from './ceiling.js';

export interface CorpusEvaluation {
  readonly servers: number;
  readonly families: number;
  readonly tools: number;
  /** Every labelled tool classified with all rules (per server, disagreements). */
  readonly report: EvalReport;
  /** In-sample figures with intervals over families. */
  readonly inSample: GroupedMeasures;
  readonly byServer: CrossValidation;
  /** The headline. */
  readonly byFamily: CrossValidation;
  /** Servers that entered the corpus after the rules were written, all rules, intervals over families. */
  readonly unseen: (GroupedMeasures & { servers: number; tools: number }) | undefined;
  readonly categories: CategoryReport | undefined;
  /** Per confidence level: labelled tools, and those whose every labelled hint the prediction matches. */
  readonly byConfidence: Readonly<Record<'high' | 'medium' | 'low', { tools: number; agree: number }>>;
  /** What the destructive labels allow any definition-reading classifier (ceiling.ts); absent without cross-validation. */
  readonly ceiling: Ceiling | undefined;
  /** The grouped-by-family figures against the done-when targets. */
  readonly targets: readonly TargetResult[];
  readonly rulesFiles: readonly string[];
}

export interface CorpusOptions {
  /** A rules folder to evaluate instead of the shipped rules (e.g. an older copy). */
  readonly rulesDir?: string | undefined;
  readonly folds?: number;
  readonly seed?: number;
  /** The hand-labelled category set; default `<corpus>/../category-labels.jsonl`. */
  readonly labelsFile?: string | undefined;
  /** Skip the two cross-validations (for `--explain`). */
  readonly crossValidation?: boolean;
}

/** The items of a corpus folder. */
export function loadCorpusItems(corpusDir: string): { items: EvalItem[]; servers: number; families: number } {
  const entries = readCorpus(corpusDir);
  return { items: corpusItems(entries), servers: entries.length, families: new Set(entries.map((e) => e.family)).size };
}

/** The rules sources for a run: the given folder, else the shipped rules. */
export function rulesFor(rulesDir: string | undefined): readonly RulesSource[] {
  if (rulesDir) return readRulesDir(rulesDir);
  const shipped = shippedRulesDir();
  return existsSync(join(shipped, 'verbs.yaml')) && statSync(shipped).isDirectory() ? readRulesDir(shipped) : SHIPPED_RULES_FILES;
}

/** Evaluates the rules on the corpus folder. */
export function runCorpusEvaluation(corpusDir: string, options: CorpusOptions = {}): CorpusEvaluation {
  const { items, servers, families } = loadCorpusItems(corpusDir);
  const sources = rulesFor(options.rulesDir);
  const rules = parseRules(sources);
  const report = evaluateItems(items, rules);
  const seed = options.seed ?? 20261203;
  const cv = options.crossValidation !== false;
  const byServer = cv ? crossValidate(items, sources, { by: 'server', folds: options.folds ?? 10, seed }) : emptyCv('server');
  const byFamily = cv ? crossValidate(items, sources, { by: 'family', folds: options.folds ?? 10, seed }) : emptyCv('family');
  const unseenItems = items.filter((i) => i.unseen);
  const unseen =
    unseenItems.length === 0
      ? undefined
      : { ...groupedMeasures(unseenItems, sources, 'family', seed), servers: new Set(unseenItems.map((i) => i.server)).size, tools: unseenItems.length };
  const labels = readCategoryLabels(options.labelsFile ?? join(corpusDir, '..', 'category-labels.jsonl'));
  return {
    servers,
    families,
    tools: items.length,
    report,
    inSample: groupedMeasures(items, sources, 'family', seed),
    byServer,
    byFamily,
    unseen,
    categories: labels.length === 0 ? undefined : categoryAgreement(labels, items, rules),
    byConfidence: confidenceAgreement(items, rules),
    ceiling: cv ? destructiveCeiling(items, rules, byFamily, byFamily.foldOf, destructiveFloors(), seed) : undefined,
    targets: checkTargets(byFamily.overall, GROUPED_TARGETS),
    rulesFiles: sources.map((s) => s.file),
  };
}

/** The grouped destructive recall and specificity targets. */
function destructiveFloors(): { minRecall: number; minSpecificity: number } {
  const min = (key: string) => GROUPED_TARGETS.find((t) => t.key === key)!.min;
  return { minRecall: min('destructiveRecall'), minSpecificity: min('nonDestructiveRate') };
}

/** How often the predicted hints match the maintainers' at each confidence level. */
export function confidenceAgreement(items: readonly EvalItem[], rules: RuleSet): CorpusEvaluation['byConfidence'] {
  const out = { high: { tools: 0, agree: 0 }, medium: { tools: 0, agree: 0 }, low: { tools: 0, agree: 0 } };
  for (const item of items) {
    const labels = maintainerLabels(item.definition);
    if (!isLabelled(labels)) continue;
    const c = classify(stripAnnotations(item.definition), rules);
    const okRo = labels.readOnly === undefined || labels.readOnly === c.annotations.readOnlyHint;
    const okD = !destructiveLabelCounts(labels) || labels.destructive === c.annotations.destructiveHint;
    const slot = out[c.confidence.level];
    slot.tools++;
    if (okRo && okD) slot.agree++;
  }
  return out;
}

function emptyCv(by: 'server' | 'family'): CrossValidation {
  const none = { low: undefined, high: undefined };
  return {
    by,
    folds: 0,
    foldOf: new Map(),
    overall: { labelled: 0, readOnly: { tp: 0, fp: 0, fn: 0, tn: 0 }, destructive: { tp: 0, fp: 0, fn: 0, tn: 0 }, readOnlyPrecision: undefined, readOnlyRecall: undefined, destructiveRecall: undefined, nonDestructiveRate: undefined },
    intervals: { destructiveRecall: none, nonDestructiveRate: none, readOnlyPrecision: none, readOnlyRecall: none },
    groups: [],
    removed: [],
    disagreements: [],
  };
}
