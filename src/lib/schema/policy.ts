/**
 * `policy.json`: the recommended policy format the catalogue publishes. Semantics are written down in
 * the README ("Policy semantics") and implemented by `src/lib/policy/evaluate.ts`; pages only claim
 * what the evaluator computes.
 */
import { z } from 'zod';

export const POLICY_ACTIONS = ['allow', 'deny', 'require_approval', 'rate_limit'] as const;
export const PolicyActionSchema = z.enum(POLICY_ACTIONS);
export type PolicyAction = z.infer<typeof PolicyActionSchema>;

/** `{ max: 10, window: 60 }` is ten calls in any 60-second window. */
export const RateLimitSchema = z
  .object({
    /** Calls allowed inside one window. */
    max: z.number().int().positive(),
    /** Window length in seconds. */
    window: z.number().int().positive(),
  })
  .strict();
export type RateLimit = z.infer<typeof RateLimitSchema>;

export const PolicyRuleSchema = z
  .object({
    /** Exact tool name as the server lists it. */
    tool: z.string().min(1),
    action: PolicyActionSchema,
    /** Required when, and only when, action is `rate_limit`. */
    rate_limit: RateLimitSchema.optional(),
    /** Why, for the humans reviewing the policy. */
    reason: z.string().optional(),
  })
  .strict()
  .superRefine((rule, ctx) => {
    if (rule.action === 'rate_limit' && !rule.rate_limit) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['rate_limit'], message: 'required when action is "rate_limit"' });
    }
    if (rule.action !== 'rate_limit' && rule.rate_limit) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['rate_limit'], message: 'only allowed when action is "rate_limit"' });
    }
  });
export type PolicyRule = z.infer<typeof PolicyRuleSchema>;

export const PolicySchema = z
  .object({
    version: z.literal('1'),
    /** What happens to a tool that is neither hidden nor named by a rule. */
    default: z.enum(['allow', 'deny']),
    /** Tools removed from the agent's tool list; any call to them is denied. */
    hide: z.array(z.string().min(1)).default([]),
    /** Per-tool rules; the first rule naming a tool decides. */
    rules: z.array(PolicyRuleSchema).default([]),
  })
  .strict();
export type Policy = z.infer<typeof PolicySchema>;
export type PolicyInput = z.input<typeof PolicySchema>;
