/**
 * The shipped mapping, embedded so bundles (site, CLI) need no file read. It must equal
 * `catalog/policy-mapping.yaml`; `tests/unit/policy/mapping.test.ts` checks that.
 */
import type { PolicyMapping } from './mapping.js';

/** Contents of `catalog/policy-mapping.yaml`, as validated data. */
export const SHIPPED_POLICY_MAPPING: PolicyMapping = {
  version: 1,
  risk: {
    Critical: { action: 'hide', reason: 'removed from the agent until a human decides otherwise' },
    High: { action: 'require_approval', reason: 'each call waits for a human' },
    Medium: { action: 'rate_limit', rate_limit: { max: 10, window: 60 }, reason: 'rate-limited to contain runaway loops' },
    Low: { action: 'allow', reason: 'no extra control needed' },
  },
  overrides: [
    {
      category: 'Financial',
      risk: 'Medium',
      action: 'require_approval',
      reason: 'moves money; a rate limit alone would still let payments through unseen',
    },
  ],
};

/** A deep copy of the shipped mapping (callers may modify it freely). */
export function defaultPolicyMapping(): PolicyMapping {
  return structuredClone(SHIPPED_POLICY_MAPPING);
}
