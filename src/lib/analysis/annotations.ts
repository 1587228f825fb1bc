/**
 * Annotation coverage of a server (how many tools declare each MCP hint) and a tool's annotation
 * status for browse and search filters. A tool that declares nothing is "not declared", and the
 * spec's defaults for that case are the cautious ones: it may modify, may destroy, and is open world.
 */
import { HINT_KEYS, readAnnotations, type Classification, type HintKey, type ToolDefinition } from '../schema/index.js';

/** How to show a tool that declares no hint: never as safe. */
export const NOT_DECLARED_TEXT = "not declared (the spec's defaults: may modify, may destroy, open world)";

/** Counts for one hint across a server's tools. */
export interface HintCoverage {
  declaredTrue: number;
  declaredFalse: number;
  /** Absent, or present but not a boolean. */
  missing: number;
}

/** Coverage of the four hints across a list of tools. */
export type AnnotationCoverage = Record<HintKey, HintCoverage> & {
  /** Tools declaring none of the four hints. */
  noneDeclared: number;
  total: number;
};

/** The hints a tool declares as real booleans (anything else counts as not declared). */
export function declaredHints(def: ToolDefinition): Partial<Record<HintKey, boolean>> {
  const a = readAnnotations(def);
  const out: Partial<Record<HintKey, boolean>> = {};
  if (!a) return out;
  for (const k of HINT_KEYS) {
    const v = (a as Record<string, unknown>)[k];
    if (typeof v === 'boolean') out[k] = v;
  }
  return out;
}

/** How many of `tools` declare each hint true, false, or not at all, and how many declare none. */
export function annotationCoverage(tools: readonly ToolDefinition[]): AnnotationCoverage {
  const out = { noneDeclared: 0, total: tools.length } as AnnotationCoverage;
  for (const k of HINT_KEYS) out[k] = { declaredTrue: 0, declaredFalse: 0, missing: 0 };
  for (const t of tools) {
    const d = declaredHints(t);
    let any = false;
    for (const k of HINT_KEYS) {
      const v = d[k];
      if (v === true) out[k].declaredTrue += 1;
      else if (v === false) out[k].declaredFalse += 1;
      else out[k].missing += 1;
      any ||= v !== undefined;
    }
    if (!any) out.noneDeclared += 1;
  }
  return out;
}

/** A tool's annotations for filters: none declared, declared, or contradicting the classifier. */
export type AnnotationStatus = 'declared' | 'missing' | 'conflict';

/**
 * `conflict` when the classifier found the declared hints contradict what the tool does (its
 * `annotation-conflict` flag: e.g. readOnlyHint true on a tool that deletes); else `missing` when
 * the tool declares none of the four hints; else `declared`. The classifier's own judgement is used
 * so that pages, filters and `mcp-risk check` agree on what a conflict is.
 */
export function annotationStatus(tool: ToolDefinition, classification: Classification): AnnotationStatus {
  if (classification.flags.some((f) => f.id === 'annotation-conflict')) return 'conflict';
  const d = declaredHints(tool);
  return HINT_KEYS.some((k) => d[k] !== undefined) ? 'declared' : 'missing';
}
