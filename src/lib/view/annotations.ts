/**
 * The four MCP hints as the server declares them beside the classifier's prediction. A hint the
 * server leaves out is "not declared" (the spec default is named, never presented as a label).
 */
import {
  HINT_KEYS,
  SPEC_HINT_DEFAULTS,
  readAnnotations,
  type HintKey,
  type PredictedAnnotations,
  type ToolDefinition,
} from '../schema/index.js';

/** One row of the annotations table. */
export interface AnnotationRow {
  hint: HintKey;
  /** What the server declared: true/false, or null when absent (or not a boolean). */
  declared: boolean | null;
  /** Display text for the declared column. */
  declaredText: string;
  predicted: boolean;
  /** True when the server declared a value that differs from the prediction. */
  conflict: boolean;
  /** A warning sentence when `conflict`, else undefined. */
  warning?: string;
}

/** What each hint means, for the table's caption column. */
export const HINT_MEANING: Record<HintKey, string> = {
  readOnlyHint: 'does not modify its environment',
  destructiveHint: 'may perform destructive updates',
  idempotentHint: 'repeating a call has no additional effect',
  openWorldHint: 'interacts with external entities',
};

/**
 * Rows for the four hints. `annotations` in the definition may be missing or malformed (it is
 * untrusted); then every hint is "not declared".
 */
export function annotationRows(def: ToolDefinition, predicted: PredictedAnnotations): AnnotationRow[] {
  const declaredAll = readAnnotations(def);
  return HINT_KEYS.map((hint) => {
    const raw = declaredAll?.[hint];
    const declared = typeof raw === 'boolean' ? raw : null;
    const declaredText =
      declared === null ? `not declared (spec default: ${String(SPEC_HINT_DEFAULTS[hint])})` : String(declared);
    const conflict = declared !== null && declared !== predicted[hint];
    const row: AnnotationRow = { hint, declared, declaredText, predicted: predicted[hint], conflict };
    if (conflict) {
      row.warning = `The server declares ${hint}: ${String(declared)}, but the classifier predicts ${String(
        predicted[hint],
      )}. Hints are not guarantees; treat the tool by the riskier reading.`;
    }
    return row;
  });
}

/** True when the server declared none of the four hints. */
export function declaresNoHints(rows: readonly AnnotationRow[]): boolean {
  return rows.every((r) => r.declared === null);
}
