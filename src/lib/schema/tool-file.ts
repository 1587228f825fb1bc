/**
 * Front matter of `catalog/servers/<id>/tools/<slug>.md`. `definition` (and `position`) are
 * machine-owned: ingestion rewrites them. `review` and the Markdown body are human-owned: ingestion
 * never touches them.
 */
import { z } from 'zod';
import { ToolDefinitionSchema } from './tool-definition.js';
import { CategorySchema, RiskSchema } from './classification.js';

/** A human override of the classifier's verdict. Overriding needs a reason. */
export const ReviewSchema = z
  .object({
    category: CategorySchema.optional(),
    risk: RiskSchema.optional(),
    reason: z.string().min(1),
    reviewer: z.string().optional(),
    /** ISO date of the review. */
    date: z.string().optional(),
  })
  .strict();
export type Review = z.infer<typeof ReviewSchema>;

export const ToolFrontMatterSchema = z
  .object({
    /** The tool exactly as `tools/list` returned it. Machine-owned: do not edit. */
    definition: ToolDefinitionSchema,
    /** Index of the tool in the server's listing (keeps the server's order). Machine-owned. */
    position: z.number().int().nonnegative(),
    review: ReviewSchema.optional(),
  })
  .strict();
export type ToolFrontMatter = z.infer<typeof ToolFrontMatterSchema>;
