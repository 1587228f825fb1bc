/**
 * Plain-language sentences about a policy, for pages. Every claim is computed from `evaluate()`:
 * the tool's own decision, a simulated burst for rate limits, and the decision for a tool the
 * policy does not name (what the default does).
 */
import type { Policy } from '../schema/policy.js';
import { evaluate, namedTools, unnamedToolName, type Decision } from './evaluate.js';

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** What happens to the tool itself, as one sentence. */
function toolSentence(policy: Policy, toolName: string, d: Decision): string {
  if (!d.listed) return `${toolName} disappears from the agent's tool list entirely, and any attempt to call it is denied.`;
  if (d.source === 'default') {
    return d.outcome === 'allow'
      ? `${toolName} is not named by the policy, so the default applies and every call to it is allowed.`
      : `${toolName} is not named by the policy, so the default applies: it stays in the agent's tool list, but every call to it is refused.`;
  }
  const rule = d.ruleIndex === undefined ? undefined : policy.rules[d.ruleIndex];
  if (d.outcome === 'deny') return `${toolName} stays in the agent's tool list, but every call to it is refused.`;
  if (d.outcome === 'require_approval') return `${toolName} stays in the agent's tool list, and each call waits for a human to approve it.`;
  if (rule?.action === 'rate_limit' && rule.rate_limit) {
    // Confirm the limit by simulation: `max` calls just made, the next one must be refused.
    const now = 0;
    const burst = Array.from({ length: rule.rate_limit.max }, () => now);
    if (evaluate(policy, toolName, burst, now).outcome === 'rate_limited') {
      const { max, window } = rule.rate_limit;
      return `${toolName} can be called at most ${plural(max, 'time', 'times')} in any ${plural(window, 'second', 'seconds')}; further calls are refused until earlier ones age out.`;
    }
  }
  return `${toolName} is allowed: every call to it goes through.`;
}

/** What happens to the rest of the server, as one sentence (empty when the tool itself is unnamed). */
function restSentence(policy: Policy, toolName: string, self: Decision): string {
  if (self.source === 'default') return '';
  const other = evaluate(policy, unnamedToolName(policy));
  if (other.outcome === 'allow') {
    const othersNamed = namedTools(policy).filter((n) => n !== toolName);
    // "Keeps working" only when no other named tool is hidden or refused outright.
    const allFree = othersNamed.every((n) => {
      const d = evaluate(policy, n);
      return d.listed && d.outcome !== 'deny';
    });
    return allFree
      ? 'Every other tool of the server is allowed by default, so the rest of the server keeps working.'
      : 'Tools the policy does not name are allowed by default.';
  }
  return 'Every tool the policy does not name is refused by default (it stays listed), so a tool the server adds later is blocked until someone reviews it.';
}

/**
 * One or two true sentences about `toolName` under `policy`, e.g. for the model tool's snippet:
 * "X disappears from the agent's tool list entirely, and any attempt to call it is denied. Every
 * other tool of the server is allowed by default, so the rest of the server keeps working."
 */
export function explainDecision(policy: Policy, toolName: string): string {
  const self = evaluate(policy, toolName);
  const rest = restSentence(policy, toolName, self);
  const first = toolSentence(policy, toolName, self);
  return rest ? `${first} ${rest}` : first;
}
