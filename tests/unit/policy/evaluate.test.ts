import { describe, expect, test } from 'vitest';
import { callsInWindow, evaluate, type Outcome } from '../../../src/lib/policy/index.js';
import type { Policy } from '../../../src/lib/schema/policy.js';

const NOW = 1_700_000_000_000;
const s = (seconds: number): number => NOW - seconds * 1000;

const policy: Policy = {
  version: '1',
  default: 'allow',
  hide: ['hidden', 'hiddenAndRuled'],
  rules: [
    { tool: 'allowed', action: 'allow' },
    { tool: 'denied', action: 'deny' },
    { tool: 'approval', action: 'require_approval' },
    { tool: 'limited', action: 'rate_limit', rate_limit: { max: 3, window: 60 } },
    { tool: 'hiddenAndRuled', action: 'allow' },
    { tool: 'twice', action: 'deny' },
    { tool: 'twice', action: 'allow' },
    { tool: 'Allowed', action: 'deny' },
  ],
};
const denyDefault: Policy = { ...policy, default: 'deny' };

type Row = [string, Policy, string, number[], boolean, Outcome, 'hide' | 'rule' | 'default', number | undefined];

const rows: Row[] = [
  ['hidden tool', policy, 'hidden', [], false, 'deny', 'hide', undefined],
  ['rule allow', policy, 'allowed', [], true, 'allow', 'rule', 0],
  ['rule deny keeps the tool listed', policy, 'denied', [], true, 'deny', 'rule', 1],
  ['rule require_approval', policy, 'approval', [], true, 'require_approval', 'rule', 2],
  ['rate limit, no earlier calls', policy, 'limited', [], true, 'allow', 'rule', 3],
  ['rate limit, under max inside the window', policy, 'limited', [s(1), s(59)], true, 'allow', 'rule', 3],
  ['rate limit, at max inside the window', policy, 'limited', [s(1), s(30), s(59)], true, 'rate_limited', 'rule', 3],
  ['rate limit, over max inside the window', policy, 'limited', [s(1), s(2), s(3), s(4)], true, 'rate_limited', 'rule', 3],
  ['rate limit, old calls outside the window do not count', policy, 'limited', [s(60), s(61), s(3600), s(5)], true, 'allow', 'rule', 3],
  ['rate limit, a call exactly at now counts', policy, 'limited', [NOW, NOW, NOW], true, 'rate_limited', 'rule', 3],
  ['rate limit, future and non-finite times are ignored', policy, 'limited', [NOW + 1000, NOW + 5, Number.NaN, s(1)], true, 'allow', 'rule', 3],
  ['default allow', policy, 'unknown', [], true, 'allow', 'default', undefined],
  ['default deny keeps the tool listed', denyDefault, 'unknown', [], true, 'deny', 'default', undefined],
  ['hide beats a rule naming the tool', policy, 'hiddenAndRuled', [], false, 'deny', 'hide', undefined],
  ['first rule wins', policy, 'twice', [], true, 'deny', 'rule', 5],
  ['names are case-sensitive', policy, 'Allowed', [], true, 'deny', 'rule', 7],
  ['names are exact (no trimming)', denyDefault, 'allowed ', [], true, 'deny', 'default', undefined],
];

describe('evaluate', () => {
  test.each(rows)('%s', (_name, p, tool, calls, listed, outcome, source, ruleIndex) => {
    const d = evaluate(p, tool, calls, NOW);
    expect(d.listed).toBe(listed);
    expect(d.outcome).toBe(outcome);
    expect(d.source).toBe(source);
    expect(d.ruleIndex).toBe(ruleIndex);
    expect(d.reason.length).toBeGreaterThan(0);
  });

  test('rate limit frees up once the oldest call leaves the window', () => {
    const calls = [s(59.5), s(20), s(10)];
    expect(evaluate(policy, 'limited', calls, NOW).outcome).toBe('rate_limited');
    expect(evaluate(policy, 'limited', calls, NOW + 500).outcome).toBe('allow');
  });

  test('recentCalls and now default to none and the clock', () => {
    expect(evaluate(policy, 'limited').outcome).toBe('allow');
    expect(evaluate(policy, 'limited', [Date.now(), Date.now(), Date.now()]).outcome).toBe('rate_limited');
  });

  test('callsInWindow counts the half-open window (now - w, now]', () => {
    expect(callsInWindow([s(10), s(10.001), s(9.999), NOW, NOW + 1], 10, NOW)).toBe(2);
  });
});
