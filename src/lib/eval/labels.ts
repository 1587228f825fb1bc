/**
 * Maintainers' labels: the `readOnlyHint` and `destructiveHint` a server sets explicitly. Only real
 * booleans count; a hint left out is not a label (the spec's defaults say nothing about the tool).
 */
import type { ToolDefinition } from '../schema/index.js';

/** The hints a maintainer set explicitly on one tool (each undefined when not set). */
export interface MaintainerLabels {
  readonly readOnly: boolean | undefined;
  readonly destructive: boolean | undefined;
}

/**
 * The explicit `readOnlyHint` / `destructiveHint` of a definition. Each hint counts on its own when it
 * is a real boolean (a malformed sibling field does not void it); anything else is no label.
 */
export function maintainerLabels(def: ToolDefinition): MaintainerLabels {
  const raw = (def as { annotations?: unknown }).annotations;
  const a = typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>) : undefined;
  const pick = (k: string): boolean | undefined => (a !== undefined && typeof a[k] === 'boolean' ? (a[k] as boolean) : undefined);
  return { readOnly: pick('readOnlyHint'), destructive: pick('destructiveHint') };
}

/** True when the maintainer set at least one of the two measured hints. */
export function isLabelled(labels: MaintainerLabels): boolean {
  return labels.readOnly !== undefined || labels.destructive !== undefined;
}

/**
 * True when the destructive label counts: `destructiveHint` is set and the tool is not declared
 * read-only (the spec: destructiveHint only matters when readOnlyHint is false).
 */
export function destructiveLabelCounts(labels: MaintainerLabels): boolean {
  return labels.destructive !== undefined && labels.readOnly !== true;
}

/** The definition with its `annotations` removed: what the classifier sees when it is measured. */
export function stripAnnotations(def: ToolDefinition): ToolDefinition {
  const { annotations: _removed, ...rest } = def;
  return rest;
}
