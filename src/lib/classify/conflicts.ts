/**
 * Declared MCP annotations checked against the verdict. A hint that contradicts strong evidence (a
 * tool that deletes declaring readOnlyHint: true) is a conflict: `classify` flags it and
 * `checkTool` reports it as an error.
 */
import type { Category, Evidence, PredictedAnnotations } from '../schema/classification.js';
import type { HintKey } from '../schema/tool-definition.js';

/** One declared hint that the evidence contradicts. */
export interface AnnotationConflict {
  readonly hint: HintKey;
  readonly declared: boolean;
  /** Why it is wrong, e.g. `declares readOnlyHint: true, but it deletes or ends something ("delete" in the name)`. */
  readonly reason: string;
  /** What to declare instead, e.g. `set readOnlyHint: false and destructiveHint: true`. */
  readonly fix: string;
}

/** What each category's tools do, for messages. */
export const CATEGORY_ACTS: Readonly<Record<Category, string>> = {
  Read: 'only reads',
  Write: 'changes state',
  Execute: 'runs code, commands or jobs',
  Destructive: 'deletes or ends something',
  Financial: 'moves money or assets',
  Other: 'is an auxiliary call',
};

/** `"delete" in the name`, `"will terminate" in the description`, `the "command" parameter`. */
export function cue(e: Evidence): string {
  if (e.field === 'name') return `"${e.match}" in the name`;
  if (e.field === 'description') return `"${e.match}" in the description`;
  if (e.field.startsWith('inputSchema')) return `the "${e.match}" parameter`;
  return `${e.field} ${e.match}`;
}

const MUTATING: ReadonlySet<Category> = new Set(['Write', 'Execute', 'Destructive', 'Financial']);

/**
 * Conflicts between declared hints and the verdict. Only strong evidence counts: a category decided
 * by a rule (never the no-signal fallback) that modifies state.
 */
export function annotationConflicts(
  declared: Partial<Record<HintKey, boolean>>,
  category: Category,
  predicted: PredictedAnnotations,
  deciderEvidence: Evidence | undefined,
): AnnotationConflict[] {
  if (!deciderEvidence || (declared.readOnlyHint !== true && declared.destructiveHint !== false)) return [];
  const why = `it ${CATEGORY_ACTS[category]} (${cue(deciderEvidence)})`;
  const out: AnnotationConflict[] = [];
  if (declared.readOnlyHint === true && MUTATING.has(category) && !predicted.readOnlyHint) {
    out.push({
      hint: 'readOnlyHint',
      declared: true,
      reason: `declares readOnlyHint: true, but ${why}`,
      fix: predicted.destructiveHint ? 'set readOnlyHint: false and destructiveHint: true' : 'set readOnlyHint: false',
    });
  } else if (declared.destructiveHint === false && category === 'Destructive' && declared.readOnlyHint !== true) {
    out.push({
      hint: 'destructiveHint',
      declared: false,
      reason: `declares destructiveHint: false, but ${why}`,
      fix: 'set destructiveHint: true',
    });
  }
  return out;
}
