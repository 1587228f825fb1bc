/** Measuring the classifier against maintainers' own annotations (`npm run eval`, docs/eval.md). */
export { maintainerLabels, isLabelled, destructiveLabelCounts, stripAnnotations, type MaintainerLabels } from './labels.js';
export {
  evaluateItems,
  evaluateCatalog,
  catalogItems,
  measuresOf,
  emptyConfusion,
  tally,
  ratio,
  type Confusion,
  type Measures,
  type EvalItem,
  type Disagreement,
  type ServerMeasures,
  type EvalReport,
} from './measure.js';
export { TARGETS, checkTargets, type Target, type TargetResult } from './targets.js';
export { heldOutEstimate, ablateRules, entryKeys, type HeldOutReport, type HeldOutServer } from './heldout.js';
export { runEvaluation, rulesSourcesFor, type Evaluation } from './run.js';
export { renderText, renderMarkdown, heldOutLines, safeText, fmt } from './format.js';
