/**
 * The tool page's FAQ. Every statement about what a policy does comes from the policy evaluator
 * (`evaluate`, `explainDecision`), run on the recommended policy or on the small variant the answer
 * proposes (rate-limited, hidden), so the page cannot claim something the evaluator would not do.
 */
import type { Category, Policy, PolicyRule, Risk } from '../schema/index.js';
import { evaluate, type Decision } from '../policy/evaluate.js';
import { explainDecision } from '../policy/explain.js';
import { CATEGORY_MEANING } from './labels.js';

/** One question with its plain-text answer and, where the answer is about a policy, the decision behind it. */
export interface FaqItem {
  id: 'what' | 'risk' | 'enforce' | 'rate-limit' | 'block';
  question: string;
  answer: string;
  /** The evaluator's decision the answer describes (for tests and JSON). */
  decision?: Decision;
  /** The policy that decision was computed on (the recommended one or the proposed variant). */
  policy?: Policy;
}

/** What the FAQ needs about a tool. */
export interface FaqInput {
  name: string;
  serverName: string;
  description: string;
  category: Category;
  risk: Risk;
  rationale: string;
  /** The recommended policy for the tool (one-tool policy). */
  policy: Policy;
  /** Present when a human review overrides the classifier. */
  override?: { category: Category; risk: Risk; reason: string };
}

/** Limit proposed when the recommended policy has no rate limit of its own for the tool. */
export const DEFAULT_RATE_LIMIT = { max: 10, window: 60 } as const;

/** `policy` with every mention of `tool` removed (hide entry and rules). */
export function withoutTool(policy: Policy, tool: string): Policy {
  return { ...policy, hide: policy.hide.filter((h) => h !== tool), rules: policy.rules.filter((r) => r.tool !== tool) };
}

/** `policy` with `tool` rate-limited by a first rule (and no longer hidden). */
export function withRateLimit(policy: Policy, tool: string, limit: { max: number; window: number }): Policy {
  const base = withoutTool(policy, tool);
  const rule: PolicyRule = { tool, action: 'rate_limit', rate_limit: { max: limit.max, window: limit.window } };
  return { ...base, rules: [rule, ...base.rules] };
}

/** `policy` with `tool` in `hide`. */
export function withHidden(policy: Policy, tool: string): Policy {
  const base = withoutTool(policy, tool);
  return { ...base, hide: [...base.hide, tool] };
}

function rateLimitAnswer(input: FaqInput): Pick<FaqItem, 'answer' | 'decision' | 'policy'> {
  const { name, policy } = input;
  const current = evaluate(policy, name);
  const rule = current.source === 'rule' && current.ruleIndex !== undefined ? policy.rules[current.ruleIndex] : undefined;
  const limit = rule?.action === 'rate_limit' && rule.rate_limit ? rule.rate_limit : DEFAULT_RATE_LIMIT;
  const proposed = rule?.action === 'rate_limit' ? policy : withRateLimit(policy, name, limit);
  const now = 0;
  const burst = Array.from({ length: limit.max }, () => now);
  const atLimit = evaluate(proposed, name, burst, now);
  const underLimit = evaluate(proposed, name, burst.slice(1), now);
  const enforced = atLimit.outcome === 'rate_limited' && underLimit.outcome === 'allow';
  const snippet = JSON.stringify({ tool: name, action: 'rate_limit', rate_limit: { max: limit.max, window: limit.window } });
  let answer: string;
  if (!enforced) {
    answer = `Not with this policy: the evaluator does not apply a rate limit to ${name} (${atLimit.reason}).`;
  } else if (proposed === policy) {
    answer = `Yes, and the recommended policy already does: ${explainDecision(policy, name)}`;
  } else {
    answer =
      `Yes. Make ${snippet} the first rule for ${name} (and remove it from "hide" if it is there): the policy evaluator then allows ` +
      `${limit.max} calls in any ${limit.window} seconds and refuses call ${limit.max + 1}. ` +
      `A rate limit still lets every allowed call through unreviewed; the recommended policy for this ${input.risk} tool says: ` +
      explainDecision(policy, name);
  }
  return { answer, decision: atLimit, policy: proposed };
}

function blockAnswer(input: FaqInput): Pick<FaqItem, 'answer' | 'decision' | 'policy'> {
  const { name, policy } = input;
  const current = evaluate(policy, name);
  if (!current.listed) {
    return { answer: `The recommended policy already does: ${explainDecision(policy, name)}`, decision: current, policy };
  }
  const hidden = withHidden(policy, name);
  const d = evaluate(hidden, name);
  return {
    answer: `Add "${name}" to the policy's "hide" list (and drop any rule for it). Then: ${explainDecision(hidden, name)}`,
    decision: d,
    policy: hidden,
  };
}

/** The five FAQ items for a tool, in page order. */
export function toolFaq(input: FaqInput): FaqItem[] {
  const { name, serverName, description, category, risk, policy } = input;
  const desc = description.trim()
    ? `Its definition says: “${description.trim()}”`
    : 'Its definition gives no description.';
  const review = input.override
    ? ` A human review set this verdict (the classifier alone said ${input.override.risk} / ${input.override.category}): ${input.override.reason}`
    : '';
  const current = evaluate(policy, name);
  return [
    {
      id: 'what',
      question: `What does ${name} do?`,
      answer: `${name} is a tool of the MCP server ${serverName}. ${desc} The catalogue classifies it as ${category}: a tool that ${CATEGORY_MEANING[category]}.`,
    },
    {
      id: 'risk',
      question: `What risk level is ${name}?`,
      answer: `${risk}. ${input.rationale}${review}`,
    },
    {
      id: 'enforce',
      question: `How do I enforce a policy for ${name}?`,
      answer:
        `Put an MCP gateway or proxy that reads policy.json between your agent and ${serverName}, and give it the recommended policy from this page. ` +
        `With that policy: ${explainDecision(policy, name)}`,
      decision: current,
      policy,
    },
    { id: 'rate-limit', question: `Can I rate-limit ${name}?`, ...rateLimitAnswer(input) },
    { id: 'block', question: `How do I block ${name} completely?`, ...blockAnswer(input) },
  ];
}
