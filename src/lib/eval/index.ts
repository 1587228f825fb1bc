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
export { TARGETS, GROUPED_TARGETS, GROUPED_FLOORS, CATEGORY_TARGETS, CATEGORY_FLOORS, checkTargets, type Target, type TargetResult } from './targets.js';
export { heldOutEstimate, ablateRules, entryKeys, type HeldOutReport, type HeldOutServer } from './heldout.js';
export { runEvaluation, rulesSourcesFor, type Evaluation } from './run.js';
export { renderText, renderMarkdown, heldOutLines, safeText, fmt } from './format.js';
export {
  CorpusEntrySchema,
  familyOf,
  npmScope,
  repositoryOwner,
  entryFromServer,
  readCorpus,
  readFamilyOverrides,
  readExclusions,
  sameListing,
  ExclusionsSchema,
  corpusItems,
  snapshotCatalog,
  renderCorpusReadme,
  writeCorpusReadme,
  loadServerTolerant,
  type CorpusEntry,
  type FamilyOverrides,
  type Exclusions,
  type SnapshotSummary,
} from './corpus.js';
export {
  crossValidate,
  groupedMeasures,
  clusterBootstrap,
  assignFolds,
  sumGroups,
  groupKey,
  MEASURE_KEYS,
  type CrossValidation,
  type GroupedMeasures,
  type GroupCounts,
  type Interval,
  type MeasureKey,
} from './grouped.js';
export { categoryAgreement, readCategoryLabels, type CategoryLabel, type CategoryReport, type CategoryScore, type CategoryMiss } from './categories.js';
export { runCorpusEvaluation, loadCorpusItems, rulesFor, type CorpusEvaluation, type CorpusOptions } from './corpus-run.js';
export { renderCorpusText, renderCorpusMarkdown, renderExplain } from './corpus-format.js';
export { replaceMarked, renderDocBlock, renderReadmeBlock, END_MARKER } from './markers.js';
