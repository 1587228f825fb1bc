/**
 * The measurement: classify every tool whose maintainers set `readOnlyHint` or `destructiveHint`
 * explicitly, with its annotations removed, and compare the predicted hints with theirs. Overall and
 * per server, with every disagreement and its evidence. Definitions are in docs/eval.md.
 */
import { classify } from '../classify/index.js';
import type { RuleSet } from '../classify/index.js';
import type { Catalog } from '../catalog/index.js';
import type { Category, Evidence, Risk, ToolDefinition } from '../schema/index.js';
import { destructiveLabelCounts, isLabelled, maintainerLabels, stripAnnotations } from './labels.js';

/** A 2x2 confusion matrix; "positive" means the hint is true. */
export interface Confusion {
  /** Maintainer true, predicted true. */
  tp: number;
  /** Maintainer false, predicted true. */
  fp: number;
  /** Maintainer true, predicted false. */
  fn: number;
  /** Maintainer false, predicted false. */
  tn: number;
}

/** The figures over one set of labelled tools. A ratio is undefined when its denominator is 0. */
export interface Measures {
  /** Tools with at least one explicit label. */
  readonly labelled: number;
  /** Over tools with an explicit readOnlyHint. */
  readonly readOnly: Confusion;
  /** Over tools with an explicit destructiveHint and readOnlyHint not true. */
  readonly destructive: Confusion;
  /** Predicted read-only among maintainer read-only / all predicted read-only. */
  readonly readOnlyPrecision: number | undefined;
  /** Predicted read-only among maintainer read-only. */
  readonly readOnlyRecall: number | undefined;
  /** Predicted destructive among maintainer `destructiveHint: true` (not read-only). */
  readonly destructiveRecall: number | undefined;
  /** Predicted non-destructive among maintainer `destructiveHint: false` (not read-only). */
  readonly nonDestructiveRate: number | undefined;
}

/** One tool to measure. */
export interface EvalItem {
  readonly server: string;
  /** The server's family (corpus items); grouped evaluation keeps a family's tools together. */
  readonly family?: string;
  /** True for a corpus server that entered after the rules were written. */
  readonly unseen?: boolean;
  readonly tool: string;
  readonly definition: ToolDefinition;
}

/** A hint on which the classifier and the maintainers disagree. */
export interface Disagreement {
  readonly server: string;
  readonly tool: string;
  readonly hint: 'readOnlyHint' | 'destructiveHint';
  readonly maintainer: boolean;
  readonly predicted: boolean;
  readonly category: Category;
  readonly risk: Risk;
  readonly evidence: readonly Evidence[];
  /** True when classifying the tool with its annotations raises `annotation-conflict` (the site shows it). */
  readonly conflict: boolean;
}

/** One server's figures. */
export interface ServerMeasures {
  readonly server: string;
  readonly measures: Measures;
}

/** The whole evaluation. */
export interface EvalReport {
  /** Tools looked at (labelled or not). */
  readonly tools: number;
  /** Servers of the tools looked at. */
  readonly servers: number;
  readonly overall: Measures;
  /** Servers with at least one labelled tool, in the order first seen. */
  readonly perServer: readonly ServerMeasures[];
  readonly disagreements: readonly Disagreement[];
}

/** A confusion matrix with all counts 0. */
export function emptyConfusion(): Confusion {
  return { tp: 0, fp: 0, fn: 0, tn: 0 };
}

/** Adds one (maintainer, predicted) pair to a matrix. */
export function tally(c: Confusion, maintainer: boolean, predicted: boolean): void {
  if (maintainer) predicted ? c.tp++ : c.fn++;
  else predicted ? c.fp++ : c.tn++;
}

/** `num / den`, undefined when `den` is 0. */
export function ratio(num: number, den: number): number | undefined {
  return den === 0 ? undefined : num / den;
}

/** The ratios of two matrices. */
export function measuresOf(labelled: number, readOnly: Confusion, destructive: Confusion): Measures {
  return {
    labelled,
    readOnly,
    destructive,
    readOnlyPrecision: ratio(readOnly.tp, readOnly.tp + readOnly.fp),
    readOnlyRecall: ratio(readOnly.tp, readOnly.tp + readOnly.fn),
    destructiveRecall: ratio(destructive.tp, destructive.tp + destructive.fn),
    nonDestructiveRate: ratio(destructive.tn, destructive.tn + destructive.fp),
  };
}

interface Acc {
  labelled: number;
  readOnly: Confusion;
  destructive: Confusion;
}

function newAcc(): Acc {
  return { labelled: 0, readOnly: emptyConfusion(), destructive: emptyConfusion() };
}

/**
 * Measures the classifier on `items`. Unlabelled items are counted in `tools` only.
 * @param rules the rules to classify with (the same rules classify with and without annotations)
 */
export function evaluateItems(items: Iterable<EvalItem>, rules: RuleSet): EvalReport {
  const overall = newAcc();
  const byServer = new Map<string, Acc>();
  const disagreements: Disagreement[] = [];
  const servers = new Set<string>();
  let tools = 0;
  for (const item of items) {
    tools++;
    servers.add(item.server);
    const labels = maintainerLabels(item.definition);
    if (!isLabelled(labels)) continue;
    const c = classify(stripAnnotations(item.definition), rules);
    let acc = byServer.get(item.server);
    if (!acc) byServer.set(item.server, (acc = newAcc()));
    const misses: Array<Pick<Disagreement, 'hint' | 'maintainer' | 'predicted'>> = [];
    for (const a of [overall, acc]) a.labelled++;
    if (labels.readOnly !== undefined) {
      for (const a of [overall, acc]) tally(a.readOnly, labels.readOnly, c.annotations.readOnlyHint);
      if (labels.readOnly !== c.annotations.readOnlyHint) {
        misses.push({ hint: 'readOnlyHint', maintainer: labels.readOnly, predicted: c.annotations.readOnlyHint });
      }
    }
    if (destructiveLabelCounts(labels)) {
      const d = labels.destructive!;
      for (const a of [overall, acc]) tally(a.destructive, d, c.annotations.destructiveHint);
      if (d !== c.annotations.destructiveHint) {
        misses.push({ hint: 'destructiveHint', maintainer: d, predicted: c.annotations.destructiveHint });
      }
    }
    if (misses.length === 0) continue;
    const conflict = classify(item.definition, rules).flags.some((f) => f.id === 'annotation-conflict');
    for (const m of misses) {
      disagreements.push({ server: item.server, tool: item.tool, ...m, category: c.category, risk: c.risk, evidence: c.evidence, conflict });
    }
  }
  return {
    tools,
    servers: servers.size,
    overall: measuresOf(overall.labelled, overall.readOnly, overall.destructive),
    perServer: [...byServer].map(([server, a]) => ({ server, measures: measuresOf(a.labelled, a.readOnly, a.destructive) })),
    disagreements,
  };
}

/** Every tool of a catalogue as an evaluation item (server id, tool name, definition as listed). */
export function catalogItems(catalog: Catalog): EvalItem[] {
  const out: EvalItem[] = [];
  for (const s of catalog.servers) {
    for (const t of s.tools) out.push({ server: s.id, tool: t.definition.name, definition: t.definition });
  }
  return out;
}

/** Measures the classifier on a loaded catalogue. */
export function evaluateCatalog(catalog: Catalog, rules: RuleSet): EvalReport {
  return evaluateItems(catalogItems(catalog), rules);
}
