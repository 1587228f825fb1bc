import { describe, expect, test } from 'vitest';
import { evaluate, explainDecision, generateServerPolicy, generateToolPolicy } from '../../../src/lib/policy/index.js';
import type { Policy } from '../../../src/lib/schema/policy.js';
import { CRYPTO_TOOLS } from './fixtures.js';

const base = (def: Policy['default']): Policy => ({
  version: '1',
  default: def,
  hide: ['H'],
  rules: [
    { tool: 'A', action: 'allow' },
    { tool: 'D', action: 'deny' },
    { tool: 'Q', action: 'require_approval' },
    { tool: 'R', action: 'rate_limit', rate_limit: { max: 5, window: 3600 } },
  ],
});

/** What a sentence claims about the tool itself, by keyword, checked against evaluate(). */
function claims(text: string): { listed: boolean; outcome: string } {
  if (text.includes('disappears from the agent\'s tool list')) return { listed: false, outcome: 'deny' };
  if (text.includes('every call to it is refused')) return { listed: true, outcome: 'deny' };
  if (text.includes('waits for a human')) return { listed: true, outcome: 'require_approval' };
  if (text.includes('can be called at most')) return { listed: true, outcome: 'rate_limit' };
  if (text.includes('is allowed') || text.includes('every call to it is allowed')) return { listed: true, outcome: 'allow' };
  throw new Error(`no claim recognised in: ${text}`);
}

describe('explainDecision', () => {
  test('the model tool snippet reads as the page promises', () => {
    const p = generateToolPolicy('BinanceOptionsDeleteListenKey', { category: 'Destructive', risk: 'Critical' });
    expect(explainDecision(p, 'BinanceOptionsDeleteListenKey')).toBe(
      "BinanceOptionsDeleteListenKey disappears from the agent's tool list entirely, and any attempt to call it is denied. Every other tool of the server is allowed by default, so the rest of the server keeps working.",
    );
  });

  for (const def of ['allow', 'deny'] as const) {
    test.each(['H', 'A', 'D', 'Q', 'R', 'unnamed'])(`default ${def}: the sentence for %s agrees with evaluate`, (tool) => {
      const p = base(def);
      const text = explainDecision(p, tool);
      const d = evaluate(p, tool);
      const c = claims(text.split('. ')[0] ?? text);
      expect(c.listed).toBe(d.listed);
      if (c.outcome === 'rate_limit') {
        expect(d.outcome).toBe('allow');
        expect(evaluate(p, tool, [0, 0, 0, 0, 0], 1).outcome).toBe('rate_limited');
        expect(text).toContain('at most 5 times in any 3600 seconds');
      } else {
        expect(c.outcome).toBe(d.outcome);
      }
      const other = evaluate(p, 'some-other-tool');
      if (tool !== 'unnamed') {
        if (other.outcome === 'allow') expect(text).toMatch(/allowed by default/);
        else expect(text).toMatch(/refused by default \(it stays listed\)/);
      } else {
        expect(text).toContain('not named by the policy');
      }
    });
  }

  test('"the rest keeps working" is not claimed when other tools are hidden or denied', () => {
    const text = explainDecision(base('allow'), 'A');
    expect(text).toContain('Tools the policy does not name are allowed by default.');
    expect(text).not.toContain('keeps working');
  });

  test('a server policy says new tools are blocked until reviewed', () => {
    const p = generateServerPolicy(CRYPTO_TOOLS);
    expect(explainDecision(p, 'GetGasPrice')).toContain('a tool the server adds later is blocked until someone reviews it');
  });
});
