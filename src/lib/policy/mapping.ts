/**
 * The risk -> action mapping as data (`catalog/policy-mapping.yaml`): which policy action the
 * generator recommends for a tool with a given verdict. One entry per risk level, plus optional
 * per-category overrides; the first override matching the verdict wins.
 */
import { z } from 'zod';
import { CategorySchema, RiskSchema, type Category, type Risk } from '../schema/classification.js';
import { RateLimitSchema } from '../schema/policy.js';
import { PolicyError, describeIssue } from './errors.js';

const reason = z.string().min(1).optional();
const hideEntry = z.object({ action: z.literal('hide'), reason });
const denyEntry = z.object({ action: z.literal('deny'), reason });
const approvalEntry = z.object({ action: z.literal('require_approval'), reason });
const allowEntry = z.object({ action: z.literal('allow'), reason });
const rateEntry = z.object({ action: z.literal('rate_limit'), rate_limit: RateLimitSchema, reason });

/** One recommended action: `hide` puts the tool in `hide`, the others become a rule. */
export const MappingEntrySchema = z.discriminatedUnion('action', [
  hideEntry.strict(),
  denyEntry.strict(),
  approvalEntry.strict(),
  allowEntry.strict(),
  rateEntry.strict(),
]);
export type MappingEntry = z.infer<typeof MappingEntrySchema>;

const where = { category: CategorySchema, risk: RiskSchema.optional() };

/** A per-category exception: `risk` absent means every risk level of that category. */
export const MappingOverrideSchema = z.discriminatedUnion('action', [
  hideEntry.extend(where).strict(),
  denyEntry.extend(where).strict(),
  approvalEntry.extend(where).strict(),
  allowEntry.extend(where).strict(),
  rateEntry.extend(where).strict(),
]);
export type MappingOverride = z.infer<typeof MappingOverrideSchema>;

/** `catalog/policy-mapping.yaml`. */
export const PolicyMappingSchema = z
  .object({
    version: z.literal(1),
    risk: z.object({ Low: MappingEntrySchema, Medium: MappingEntrySchema, High: MappingEntrySchema, Critical: MappingEntrySchema }).strict(),
    overrides: z.array(MappingOverrideSchema).default([]),
  })
  .strict();
export type PolicyMapping = z.infer<typeof PolicyMappingSchema>;

/** A tool's effective verdict, as the generator needs it. */
export interface Verdict {
  category: Category;
  risk: Risk;
}

/** Validate a mapping value; errors name `file` and the field path. */
export function parsePolicyMapping(value: unknown, file = 'policy-mapping.yaml'): PolicyMapping {
  const result = PolicyMappingSchema.safeParse(value);
  if (result.success) return result.data;
  const first = result.error.issues[0];
  if (!first) throw new PolicyError(file, '', 'invalid mapping');
  const { field, problem } = describeIssue(first);
  throw new PolicyError(file, field, problem);
}

/** The entry that applies to `verdict`: the first matching override, else the risk level's entry. */
export function mappingEntryFor(verdict: Verdict, mapping: PolicyMapping): MappingEntry {
  const override = mapping.overrides.find((o) => o.category === verdict.category && (o.risk === undefined || o.risk === verdict.risk));
  if (override) {
    const { category: _c, risk: _r, ...entry } = override;
    return entry as MappingEntry;
  }
  return mapping.risk[verdict.risk];
}
