import { describe, expect, it } from 'vitest';
import { toolFaq, withHidden, withRateLimit, type FaqItem } from '../../../src/lib/view/faq.js';
import { evaluate } from '../../../src/lib/policy/evaluate.js';
import { explainDecision } from '../../../src/lib/policy/explain.js';
import { generateToolPolicy } from '../../../src/lib/policy/generate.js';
import type { Category, Policy, Risk } from '../../../src/lib/schema/index.js';

const NAME = 'BinanceOptionsDeleteListenKey';

function faqFor(risk: Risk, category: Category, policy: Policy = generateToolPolicy(NAME, { risk, category })): Map<string, FaqItem> {
  const items = toolFaq({
    name: NAME,
    serverName: 'Sperax',
    description: 'Close/delete an options listen key.',
    category,
    risk,
    rationale: 'Because.',
    policy,
  });
  return new Map(items.map((i) => [i.id, i]));
}

describe('toolFaq agrees with the policy evaluator', () => {
  const cases: [Risk, Category][] = [
    ['Critical', 'Destructive'],
    ['High', 'Write'],
    ['Medium', 'Write'],
    ['Low', 'Read'],
  ];

  it.each(cases)('%s %s: "enforce" states exactly what evaluate/explainDecision say', (risk, category) => {
    const policy = generateToolPolicy(NAME, { risk, category });
    const enforce = faqFor(risk, category, policy).get('enforce')!;
    expect(enforce.decision).toEqual(evaluate(policy, NAME));
    expect(enforce.answer).toContain(explainDecision(policy, NAME));
  });

  it('hidden tool: block says it is already blocked, and it is', () => {
    const policy = generateToolPolicy(NAME, { risk: 'Critical', category: 'Destructive' });
    const d = evaluate(policy, NAME);
    expect(d.listed).toBe(false);
    const block = faqFor('Critical', 'Destructive', policy).get('block')!;
    expect(block.answer).toMatch(/already/);
    expect(block.decision).toEqual(d);
  });

  it.each([['High', 'Write'], ['Medium', 'Write'], ['Low', 'Read']] as [Risk, Category][])(
    '%s tool: the proposed hide really removes it',
    (risk, category) => {
      const policy = generateToolPolicy(NAME, { risk, category });
      expect(evaluate(policy, NAME).listed).toBe(true);
      const block = faqFor(risk, category, policy).get('block')!;
      expect(block.answer).not.toMatch(/already/);
      expect(block.policy).toEqual(withHidden(policy, NAME));
      expect(block.decision).toEqual({ ...evaluate(withHidden(policy, NAME), NAME) });
      expect(block.decision?.listed).toBe(false);
      expect(block.decision?.outcome).toBe('deny');
      expect(block.answer).toContain(explainDecision(withHidden(policy, NAME), NAME));
    },
  );

  it('rate-limited tool: says the recommended policy already limits it, with its own numbers', () => {
    const policy = generateToolPolicy(NAME, { risk: 'Medium', category: 'Write' });
    const rule = policy.rules.find((r) => r.tool === NAME);
    expect(rule?.action).toBe('rate_limit');
    const item = faqFor('Medium', 'Write', policy).get('rate-limit')!;
    expect(item.answer).toMatch(/already/);
    expect(item.policy).toBe(policy);
    // the decision shown is the one at the limit: refused
    expect(item.decision?.outcome).toBe('rate_limited');
    expect(item.answer).toContain(explainDecision(policy, NAME));
    expect(item.answer).toContain(`${rule!.rate_limit!.max} time`);
  });

  it.each([['Critical', 'Destructive'], ['High', 'Write'], ['Low', 'Read']] as [Risk, Category][])(
    '%s tool: the proposed rate limit is enforced by the evaluator as the answer says',
    (risk, category) => {
      const policy = generateToolPolicy(NAME, { risk, category });
      const item = faqFor(risk, category, policy).get('rate-limit')!;
      const proposed = item.policy!;
      const rule = proposed.rules[0]!;
      expect(rule).toMatchObject({ tool: NAME, action: 'rate_limit' });
      const { max, window } = rule.rate_limit!;
      expect(item.answer).toContain(`allows ${max} calls in any ${window} seconds and refuses call ${max + 1}`);
      const now = 1_000_000;
      expect(evaluate(proposed, NAME, Array(max - 1).fill(now), now).outcome).toBe('allow');
      expect(evaluate(proposed, NAME, Array(max).fill(now), now).outcome).toBe('rate_limited');
      // and the answer still reports what the recommended policy itself does
      expect(item.answer).toContain(explainDecision(policy, NAME));
    },
  );

  it('withRateLimit un-hides the tool (hide would otherwise win over rules)', () => {
    const hidden = generateToolPolicy(NAME, { risk: 'Critical', category: 'Destructive' });
    const limited = withRateLimit(hidden, NAME, { max: 3, window: 10 });
    expect(limited.hide).not.toContain(NAME);
    expect(evaluate(limited, NAME).listed).toBe(true);
  });

  it('mentions a human review and the classifier verdict it replaced', () => {
    const items = toolFaq({
      name: NAME,
      serverName: 'S',
      description: '',
      category: 'Read',
      risk: 'Low',
      rationale: 'R.',
      policy: generateToolPolicy(NAME, { risk: 'Low', category: 'Read' }),
      override: { category: 'Destructive', risk: 'Critical', reason: 'It only closes a stream we reopen.' },
    });
    const risk = items.find((i) => i.id === 'risk')!;
    expect(risk.answer).toContain('Critical / Destructive');
    expect(risk.answer).toContain('It only closes a stream we reopen.');
    expect(items.find((i) => i.id === 'what')!.answer).toMatch(/no description/);
  });
});
