/**
 * Change history of tool definitions: per-field hashes, snapshot diffs with risky-change detection,
 * the append-only `history.jsonl` per server, readable diffs, the change list and its feeds.
 */
export { ABSENT_HASH, HISTORY_FIELDS, fieldHashes, fieldValue, hashValue, type FieldHashes, type HistoryField } from './fields.js';
export {
  INSTRUCTION_FLAG_IDS,
  URL_FLAG_IDS,
  SCAN_MAX_CHARS,
  agentTexts,
  matchesIn,
  parameterPaths,
  textPatterns,
  type TextPatterns,
} from './risky.js';
export { changeCounts, diffSnapshots, type DiffOptions, type FieldChange, type HistoryVerdict, type SnapshotTool, type ToolChange } from './diff.js';
export {
  HISTORY_FILE,
  HISTORY_FORMAT,
  HISTORY_MAX_BYTES,
  HistoryEntrySchema,
  HistoryError,
  appendHistory,
  appendHistoryFile,
  appendText,
  historyLines,
  historyPath,
  parseHistory,
  readHistory,
  type HistoryEntry,
  type LineOptions,
} from './jsonl.js';
export { rulesForCatalog, snapshotChanges, snapshotHistory, type RecordTool, type SnapshotHistory, type SnapshotHistoryInput } from './record.js';
export { diffLines, diffTokens, diffWords, LCS_MAX_CELLS, type DiffPart } from './text-diff.js';
export {
  changeRisk,
  fieldDiff,
  prettyValue,
  recentChanges,
  toolTimeline,
  verdictChange,
  verdictText,
  type ChangeItem,
  type FieldDiffView,
  type ToolTimeline,
} from './view.js';
export { changeId, changeLines, changeTitle, changesAtom, changesJson, xmlText, type ChangeJson, type FeedOptions } from './feed.js';
