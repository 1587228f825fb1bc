/**
 * The catalogue writer's hook: from the previous and the next tool lists of a server to the history
 * lines one ingest appends. Verdicts are the effective ones (`classify` + `effectiveVerdict`, a human
 * review applied), computed only for tools that changed.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { classify, defaultRules, effectiveVerdict, loadRules, type RuleSet } from '../classify/index.js';
import type { Review, ToolDefinition } from '../schema/index.js';
import { diffSnapshots, type HistoryVerdict, type SnapshotTool, type ToolChange } from './diff.js';
import { historyLines } from './jsonl.js';

/** A tool as the writer knows it: its definition and, for existing tools, its review. */
export interface RecordTool {
  definition: ToolDefinition;
  review?: Review;
}

/** Input of `snapshotHistory`. */
export interface SnapshotHistoryInput {
  serverId: string;
  /** ISO 8601 time of the ingest (the new server.yaml's `ingestedAt`). */
  at: string;
  /** The previous snapshot's tools in listing order, or undefined when the server is new. */
  before: readonly RecordTool[] | undefined;
  /** The new listing, in order. Reviews carry over from `before` by name and occurrence. */
  after: readonly { definition: ToolDefinition }[];
  /** Classifier rules (default: `rulesForCatalog` of the catalogue being written). */
  rules: RuleSet;
}

/** The changes and their JSONL lines; both empty when nothing changed. */
export interface SnapshotHistory {
  changes: ToolChange[];
  lines: string[];
}

/** The rules a catalogue folder classifies with: its own `rules/` when present, else the shipped rules. */
export function rulesForCatalog(catalogDir: string): RuleSet {
  return existsSync(join(catalogDir, 'rules')) ? loadRules(catalogDir) : defaultRules();
}

type ReviewedTool = SnapshotTool & { review?: Review };

function occurrenceKey(name: string, seen: Map<string, number>): string {
  const k = seen.get(name) ?? 0;
  seen.set(name, k + 1);
  return `${name}\u0000${k}`;
}

/**
 * The changes from `before` to `after` with effective verdicts: a tool's review (from `before`)
 * carries over to the same tool (by name and occurrence) in `after`, as the writer carries it over.
 * Only changed tools are classified.
 */
export function snapshotChanges(before: readonly RecordTool[], after: readonly { definition: ToolDefinition }[], rules: RuleSet): ToolChange[] {
  const reviews = new Map<string, Review>();
  const seenBefore = new Map<string, number>();
  const old: ReviewedTool[] = before.map((t) => {
    const key = occurrenceKey(t.definition.name, seenBefore);
    const tool: ReviewedTool = { name: t.definition.name, definition: t.definition };
    if (t.review) {
      reviews.set(key, t.review);
      tool.review = t.review;
    }
    return tool;
  });
  const seenAfter = new Map<string, number>();
  const next: ReviewedTool[] = after.map((t) => {
    const review = reviews.get(occurrenceKey(t.definition.name, seenAfter));
    const tool: ReviewedTool = { name: t.definition.name, definition: t.definition };
    if (review) tool.review = review;
    return tool;
  });
  const verdictOf = (t: SnapshotTool): HistoryVerdict => {
    const v = effectiveVerdict(classify(t.definition, rules), (t as ReviewedTool).review);
    return { category: v.category, risk: v.risk };
  };
  return diffSnapshots(old, next, { verdictOf, rules });
}

/**
 * The history one ingest adds. A new server (`before` undefined) gets one baseline line per tool
 * (presence, never risky); an existing one gets a line per added, removed or changed tool; an
 * unchanged listing gets nothing.
 */
export function snapshotHistory(input: SnapshotHistoryInput): SnapshotHistory {
  const changes = snapshotChanges(input.before ?? [], input.after, input.rules);
  const lines = historyLines(input.serverId, changes, input.at, { baseline: input.before === undefined });
  return { changes, lines };
}
