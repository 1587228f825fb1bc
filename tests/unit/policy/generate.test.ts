import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import {
  PolicyError,
  SHIPPED_POLICY_MAPPING,
  defaultPolicyMapping,
  evaluate,
  generateServerPolicy,
  generateToolPolicy,
  loadPolicyMapping,
  mappingEntryFor,
  parsePolicyMapping,
  type PolicyMapping,
} from '../../../src/lib/policy/index.js';
import { RISK_LEVELS } from '../../../src/lib/schema/classification.js';
import { CRYPTO_TOOLS } from './fixtures.js';

const scratch = mkdtempSync(join(tmpdir(), 'policy-mapping-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function writeMapping(text: string): string {
  const dir = mkdtempSync(join(scratch, 'c-'));
  writeFileSync(join(dir, 'policy-mapping.yaml'), text);
  return dir;
}

describe('policy mapping', () => {
  test('the shipped YAML equals the embedded constant', () => {
    expect(loadPolicyMapping('catalog')).toEqual(SHIPPED_POLICY_MAPPING);
  });

  test('defaultPolicyMapping is a copy', () => {
    const m = defaultPolicyMapping();
    m.risk.Low = { action: 'deny' };
    expect(SHIPPED_POLICY_MAPPING.risk.Low.action).toBe('allow');
  });

  test('overrides win over the risk level, first match first', () => {
    const m: PolicyMapping = {
      ...SHIPPED_POLICY_MAPPING,
      overrides: [
        { category: 'Financial', risk: 'Low', action: 'deny' },
        { category: 'Financial', action: 'require_approval' },
        { category: 'Financial', risk: 'Low', action: 'allow' },
      ],
    };
    expect(mappingEntryFor({ category: 'Financial', risk: 'Low' }, m).action).toBe('deny');
    expect(mappingEntryFor({ category: 'Financial', risk: 'Critical' }, m).action).toBe('require_approval');
    expect(mappingEntryFor({ category: 'Read', risk: 'Low' }, m).action).toBe('allow');
    expect(mappingEntryFor({ category: 'Financial', risk: 'Low' }, m)).not.toHaveProperty('category');
  });

  test('a missing file names the file', () => {
    expect(() => loadPolicyMapping(join(scratch, 'nowhere'))).toThrow(/policy-mapping\.yaml: file not found/);
  });

  test.each([
    ['bad action', 'version: 1\nrisk:\n  Low: {action: maybe}\n  Medium: {action: allow}\n  High: {action: allow}\n  Critical: {action: hide}\n', 'risk.Low.action'],
    ['rate_limit without limit', 'version: 1\nrisk:\n  Low: {action: allow}\n  Medium: {action: rate_limit}\n  High: {action: allow}\n  Critical: {action: hide}\n', 'risk.Medium.rate_limit'],
    ['missing level', 'version: 1\nrisk:\n  Low: {action: allow}\n  Medium: {action: allow}\n  High: {action: allow}\n', 'risk.Critical'],
    ['bad override category', 'version: 1\nrisk:\n  Low: {action: allow}\n  Medium: {action: allow}\n  High: {action: allow}\n  Critical: {action: hide}\noverrides:\n  - {category: Money, action: deny}\n', 'overrides[0].category'],
  ])('%s is rejected naming the field', (_name, text, field) => {
    const dir = writeMapping(text);
    try {
      loadPolicyMapping(dir);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(PolicyError);
      expect((e as PolicyError).field).toBe(field);
      expect((e as PolicyError).message).toContain('policy-mapping.yaml');
    }
  });

  test('bad YAML is one line naming the file', () => {
    expect(() => loadPolicyMapping(writeMapping('risk: [unclosed\n'))).toThrow(/policy-mapping\.yaml: invalid YAML/);
  });

  test('parsePolicyMapping fills overrides', () => {
    const { overrides: _o, ...noOverrides } = SHIPPED_POLICY_MAPPING;
    expect(parsePolicyMapping(noOverrides).overrides).toEqual([]);
  });
});

describe('generateToolPolicy', () => {
  test('Critical -> hidden, default allow (the model tool)', () => {
    const p = generateToolPolicy('BinanceOptionsDeleteListenKey', { category: 'Destructive', risk: 'Critical' });
    expect(p).toEqual({ version: '1', default: 'allow', hide: ['BinanceOptionsDeleteListenKey'], rules: [] });
    expect(evaluate(p, 'BinanceOptionsDeleteListenKey').listed).toBe(false);
    expect(evaluate(p, 'BinanceGetTickerPrice').outcome).toBe('allow');
  });

  test.each(RISK_LEVELS.map((r) => [r] as const))('%s follows the mapping for a Write tool', (risk) => {
    const p = generateToolPolicy('t', { category: 'Write', risk });
    const entry = SHIPPED_POLICY_MAPPING.risk[risk];
    const d = evaluate(p, 't');
    if (entry.action === 'hide') {
      expect(d.source).toBe('hide');
    } else {
      expect(p.rules).toHaveLength(1);
      expect(p.rules[0]?.action).toBe(entry.action);
      expect(p.rules[0]?.reason).toContain(`${risk} risk (Write)`);
      if (entry.action === 'rate_limit') expect(p.rules[0]?.rate_limit).toEqual(entry.rate_limit);
    }
  });

  test('uses a custom mapping', () => {
    const m = defaultPolicyMapping();
    m.risk.Low = { action: 'deny', reason: 'paranoid' };
    expect(generateToolPolicy('t', { category: 'Read', risk: 'Low' }, m).rules[0]).toEqual({ tool: 't', action: 'deny', reason: 'Low risk (Read): paranoid' });
  });

  test('an empty tool name is refused', () => {
    expect(() => generateToolPolicy('', { category: 'Read', risk: 'Low' })).toThrow(PolicyError);
  });
});

describe('generateServerPolicy', () => {
  const p = generateServerPolicy(CRYPTO_TOOLS);

  test('default deny, one entry per distinct name, in listing order', () => {
    expect(p.default).toBe('deny');
    const named = [...p.hide, ...p.rules.map((r) => r.tool)];
    expect(new Set(named).size).toBe(named.length);
    expect(new Set(named)).toEqual(new Set(CRYPTO_TOOLS.map((t) => t.name)));
    const order = CRYPTO_TOOLS.map((t) => t.name).filter((n, i, all) => all.indexOf(n) === i);
    expect(p.rules.map((r) => r.tool)).toEqual(order.filter((n) => !p.hide.includes(n)));
    expect(p.hide).toEqual(order.filter((n) => CRYPTO_TOOLS.some((t) => t.name === n && t.verdict.risk === 'Critical')));
  });

  test('every known tool gets what the mapping says; unknown tools are refused but listed', () => {
    for (const { name, verdict } of CRYPTO_TOOLS) {
      if (name === 'GetGasPrice') continue; // listed twice, checked below
      const d = evaluate(p, name, [], 0);
      const entry = mappingEntryFor(verdict, SHIPPED_POLICY_MAPPING);
      if (entry.action === 'hide') expect(d.listed).toBe(false);
      else expect(p.rules[d.ruleIndex ?? -1]?.action).toBe(entry.action);
    }
    expect(evaluate(p, 'NewToolAddedLater')).toMatchObject({ listed: true, outcome: 'deny', source: 'default' });
  });

  test('the Financial/Medium override asks a human instead of rate limiting', () => {
    expect(p.rules.find((r) => r.tool === 'SperaxStakeUSDs')?.action).toBe('require_approval');
  });

  test('a name listed twice gets the stricter action', () => {
    expect(p.rules.filter((r) => r.tool === 'GetGasPrice')).toEqual([expect.objectContaining({ action: 'rate_limit' })]);
    const twice = generateServerPolicy([
      { name: 'x', verdict: { category: 'Write', risk: 'Medium' } },
      { name: 'x', verdict: { category: 'Read', risk: 'Low' } },
      { name: 'y', verdict: { category: 'Read', risk: 'Low' } },
      { name: 'y', verdict: { category: 'Destructive', risk: 'Critical' } },
    ]);
    expect(twice.rules).toEqual([expect.objectContaining({ tool: 'x', action: 'rate_limit' })]);
    expect(twice.hide).toEqual(['y']);
  });

  test('is deterministic and skips empty names', () => {
    const withEmpty = [...CRYPTO_TOOLS, { name: '', verdict: { category: 'Read' as const, risk: 'Low' as const } }];
    expect(generateServerPolicy(withEmpty)).toEqual(p);
    expect(generateServerPolicy([])).toEqual({ version: '1', default: 'deny', hide: [], rules: [] });
  });
});
