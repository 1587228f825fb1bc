/**
 * The policy evaluator: the single definition of what a `policy.json` means (see README.md in
 * this folder). Pure and synchronous; pages and exporters derive every claim from it.
 */
import type { Policy, PolicyRule } from '../schema/policy.js';

/** What happens to one call of a tool. */
export type Outcome = 'allow' | 'deny' | 'require_approval' | 'rate_limited';

/** `evaluate`'s answer for one tool name. */
export interface Decision {
  /** Whether the tool stays in the agent's tool list (`false` only for hidden tools). */
  listed: boolean;
  outcome: Outcome;
  /** What decided: the `hide` list, a rule, or the policy's default. */
  source: 'hide' | 'rule' | 'default';
  /** Index into `policy.rules` of the deciding rule (only when `source` is `rule`). */
  ruleIndex?: number;
  /** One sentence for humans and logs. */
  reason: string;
}

/** Index of the first rule naming `toolName` exactly (case-sensitive), or -1. */
export function firstRuleIndex(policy: Policy, toolName: string): number {
  return policy.rules.findIndex((r) => r.tool === toolName);
}

/** Earlier calls that count against a window of `windowSeconds` ending at `now`: `now - w < t <= now`. */
export function callsInWindow(recentCalls: readonly number[], windowSeconds: number, now: number): number {
  const start = now - windowSeconds * 1000;
  let n = 0;
  for (const t of recentCalls) if (Number.isFinite(t) && t > start && t <= now) n += 1;
  return n;
}

function ruleDecision(rule: PolicyRule, index: number, recentCalls: readonly number[], now: number): Decision {
  const base = { listed: true, source: 'rule' as const, ruleIndex: index };
  const which = `rule ${index + 1} (${rule.action})`;
  switch (rule.action) {
    case 'allow':
      return { ...base, outcome: 'allow', reason: `${which} allows every call` };
    case 'deny':
      return { ...base, outcome: 'deny', reason: `${which} refuses every call; the tool stays listed` };
    case 'require_approval':
      return { ...base, outcome: 'require_approval', reason: `${which}: each call waits for a human to approve it` };
    case 'rate_limit': {
      const limit = rule.rate_limit;
      // The schema makes rate_limit required here; a hand-built object without it fails closed.
      if (!limit) return { ...base, outcome: 'deny', reason: `${which} has no rate_limit, so calls are refused` };
      const used = callsInWindow(recentCalls, limit.window, now);
      const counts = `${used} of ${limit.max} calls used in the last ${limit.window} s`;
      return used < limit.max
        ? { ...base, outcome: 'allow', reason: `${which}: ${counts}, so this call is allowed` }
        : { ...base, outcome: 'rate_limited', reason: `${which}: ${counts}, so this call is refused until older calls age out` };
    }
  }
}

/**
 * Decide one call of `toolName` under `policy` (which governs one server). Hide wins over rules;
 * otherwise the first rule naming the tool decides; otherwise the default (`deny` keeps the tool
 * listed but refuses it). `recentCalls` are epoch-ms times of earlier calls of this same tool,
 * used only by `rate_limit` rules; `now` defaults to `Date.now()`.
 */
export function evaluate(policy: Policy, toolName: string, recentCalls: readonly number[] = [], now: number = Date.now()): Decision {
  if (policy.hide.includes(toolName)) {
    return { listed: false, outcome: 'deny', source: 'hide', reason: 'hidden: removed from the tool list, and every call is denied' };
  }
  const index = firstRuleIndex(policy, toolName);
  const rule = index >= 0 ? policy.rules[index] : undefined;
  if (rule) return ruleDecision(rule, index, recentCalls, now);
  return policy.default === 'allow'
    ? { listed: true, outcome: 'allow', source: 'default', reason: 'not named by the policy; the default allows it' }
    : { listed: true, outcome: 'deny', source: 'default', reason: 'not named by the policy; the default refuses it (it stays listed)' };
}

/**
 * Every tool name the policy names (hide entries, then rule tools), each once, in order of first
 * appearance. Exporters walk this list; any other name gets the default.
 */
export function namedTools(policy: Policy): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const name of [...policy.hide, ...policy.rules.map((r) => r.tool)]) {
    if (!seen.has(name)) {
      seen.add(name);
      out.push(name);
    }
  }
  return out;
}

/** A tool name the policy does not name (for asking `evaluate` what the default does). */
export function unnamedToolName(policy: Policy): string {
  const taken = new Set(namedTools(policy));
  let name = 'another-tool';
  for (let i = 2; taken.has(name); i += 1) name = `another-tool-${i}`;
  return name;
}
