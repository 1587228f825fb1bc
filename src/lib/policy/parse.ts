/**
 * Reading and writing `policy.json`. `parsePolicy` accepts JSON text or an already-parsed value
 * and throws a `PolicyError` naming the field; `serializePolicy` writes the canonical form
 * (2-space JSON, keys in the order version, default, hide, rules, newline at the end).
 */
import { PolicySchema, type Policy, type PolicyRule } from '../schema/policy.js';
import { PolicyError, describeIssue } from './errors.js';

/**
 * Validate a policy. `json` is JSON text or a parsed value; `file` labels error messages
 * (default `policy.json`). Unknown fields, a missing `rate_limit` on a `rate_limit` rule, a bad
 * action or a window of 0 are all rejected with the offending field path.
 */
export function parsePolicy(json: unknown, file = 'policy.json'): Policy {
  let value = json;
  if (typeof json === 'string') {
    try {
      value = JSON.parse(json) as unknown;
    } catch (e) {
      throw new PolicyError(file, '', `invalid JSON (${(e as Error).message.split('\n')[0] ?? 'parse error'})`);
    }
  }
  const result = PolicySchema.safeParse(value);
  if (result.success) return result.data;
  const first = result.error.issues[0];
  if (!first) throw new PolicyError(file, '', 'invalid policy');
  const { field, problem } = describeIssue(first);
  throw new PolicyError(file, field, problem);
}

function canonicalRule(rule: PolicyRule): PolicyRule {
  const out: PolicyRule = { tool: rule.tool, action: rule.action };
  if (rule.rate_limit) out.rate_limit = { max: rule.rate_limit.max, window: rule.rate_limit.window };
  if (rule.reason !== undefined) out.reason = rule.reason;
  return out;
}

/** The policy as a plain object with canonical key order (what `serializePolicy` prints). */
export function canonicalPolicy(policy: Policy): Policy {
  return {
    version: policy.version,
    default: policy.default,
    hide: [...policy.hide],
    rules: policy.rules.map(canonicalRule),
  };
}

/** Canonical `policy.json` text: pretty JSON (2 spaces), canonical key order, trailing newline. */
export function serializePolicy(policy: Policy): string {
  return `${JSON.stringify(canonicalPolicy(policy), null, 2)}\n`;
}
