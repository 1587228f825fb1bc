/**
 * The classifier's vocabulary and result shape. `category` and `risk` are closed sets, capitalised
 * exactly as here: they appear in URLs, JSON exports and the CLI's `--json` contract.
 */
import { z } from 'zod';

export const CATEGORIES = ['Read', 'Write', 'Execute', 'Destructive', 'Financial', 'Other'] as const;
export const CategorySchema = z.enum(CATEGORIES);
export type Category = z.infer<typeof CategorySchema>;

/** Ordered from least to most dangerous; index order is used for comparisons. */
export const RISK_LEVELS = ['Low', 'Medium', 'High', 'Critical'] as const;
export const RiskSchema = z.enum(RISK_LEVELS);
export type Risk = z.infer<typeof RiskSchema>;

/** Numeric rank of a risk level (Low 0 .. Critical 3). */
export function riskRank(risk: Risk): number {
  return RISK_LEVELS.indexOf(risk);
}

/** The higher of two risk levels. */
export function maxRisk(a: Risk, b: Risk): Risk {
  return riskRank(a) >= riskRank(b) ? a : b;
}

/** One rule that fired: which rule, which part of the tool it read, and the words that matched. */
export const EvidenceSchema = z.object({
  /** Stable rule id from the rules data, e.g. `verb-destructive`. */
  rule: z.string(),
  /** Where the match was found: `name`, `description`, `title`, `inputSchema.properties.<p>`, `annotations.<hint>`. */
  field: z.string(),
  /** The matched word(s) or value, short. */
  match: z.string(),
});
export type Evidence = z.infer<typeof EvidenceSchema>;

/** Something worth a human's attention that is not a category signal (hidden instructions, odd schema...). */
export const FlagSchema = z.object({
  id: z.string(),
  message: z.string(),
});
export type Flag = z.infer<typeof FlagSchema>;

/** The classifier's own prediction of the four MCP hints: always all four, always booleans. */
export const PredictedAnnotationsSchema = z.object({
  readOnlyHint: z.boolean(),
  destructiveHint: z.boolean(),
  idempotentHint: z.boolean(),
  openWorldHint: z.boolean(),
});
export type PredictedAnnotations = z.infer<typeof PredictedAnnotationsSchema>;

/** How firmly the evidence supports the verdict (additive field of `classify --json`). */
export const CONFIDENCE_LEVELS = ['high', 'medium', 'low'] as const;
export const ConfidenceSchema = z.object({
  level: z.enum(CONFIDENCE_LEVELS),
  /** One clause: why this level ("the name's verb and the description agree"). */
  reason: z.string(),
});
export type Confidence = z.infer<typeof ConfidenceSchema>;

/** `classify(tool)`'s result. The CLI's `classify --json` prints `{ name, ...Classification }` per tool. */
export const ClassificationSchema = z.object({
  category: CategorySchema,
  risk: RiskSchema,
  annotations: PredictedAnnotationsSchema,
  evidence: z.array(EvidenceSchema),
  flags: z.array(FlagSchema),
  /** One sentence, e.g. "This maps to Destructive rather than Write because it deletes, removes, cancels, closes or shuts down something." */
  rationale: z.string(),
  confidence: ConfidenceSchema,
});
export type Classification = z.infer<typeof ClassificationSchema>;
