import Ajv from 'ajv';
import { describe, expect, test } from 'vitest';
import { PolicyError, canonicalPolicy, generateServerPolicy, parsePolicy, policyJsonSchema, serializePolicy } from '../../../src/lib/policy/index.js';
import type { Policy } from '../../../src/lib/schema/policy.js';
import { CRYPTO_TOOLS, HOSTILE_NAMES } from './fixtures.js';

const samples: Policy[] = [
  { version: '1', default: 'allow', hide: ['BinanceOptionsDeleteListenKey'], rules: [] },
  generateServerPolicy(CRYPTO_TOOLS),
  {
    version: '1',
    default: 'deny',
    hide: HOSTILE_NAMES.slice(0, 3),
    rules: HOSTILE_NAMES.slice(3).map((tool, i) =>
      i % 2 === 0 ? { tool, action: 'rate_limit', rate_limit: { max: i + 1, window: 30 * (i + 1) }, reason: `r${i}` } : { tool, action: 'deny' },
    ),
  },
];

/** Invalid policies and the field path the error must name. */
const invalid: [string, unknown, string][] = [
  ['rate_limit missing', { version: '1', default: 'deny', rules: [{ tool: 't', action: 'rate_limit' }] }, 'rules[0].rate_limit'],
  ['bad action', { version: '1', default: 'deny', rules: [{ tool: 't', action: 'block' }] }, 'rules[0].action'],
  ['window 0', { version: '1', default: 'deny', rules: [{ tool: 't', action: 'rate_limit', rate_limit: { max: 1, window: 0 } }] }, 'rules[0].rate_limit.window'],
  ['rate_limit on allow', { version: '1', default: 'deny', rules: [{ tool: 't', action: 'allow', rate_limit: { max: 1, window: 1 } }] }, 'rules[0].rate_limit'],
  ['bad default', { version: '1', default: 'maybe' }, 'default'],
  ['bad version', { version: 1, default: 'deny' }, 'version'],
  ['empty hide entry', { version: '1', default: 'deny', hide: [''] }, 'hide[0]'],
  ['unknown field', { version: '1', default: 'deny', extra: true }, 'extra'],
  ['fractional max', { version: '1', default: 'deny', rules: [{ tool: 't', action: 'rate_limit', rate_limit: { max: 1.5, window: 60 } }] }, 'rules[0].rate_limit.max'],
];

describe('parsePolicy / serializePolicy', () => {
  test.each(samples.map((p, i) => [i, p] as const))('sample %i round-trips through serialize and parse', (_i, policy) => {
    const text = serializePolicy(policy);
    expect(text.endsWith('}\n')).toBe(true);
    expect(parsePolicy(text)).toEqual(canonicalPolicy(policy));
    expect(serializePolicy(parsePolicy(JSON.parse(text)))).toBe(text);
  });

  test('serialized keys come in the order version, default, hide, rules, two-space indent', () => {
    const text = serializePolicy({ rules: [], hide: ['x'], default: 'allow', version: '1' } as unknown as Policy);
    expect(Object.keys(JSON.parse(text))).toEqual(['version', 'default', 'hide', 'rules']);
    expect(text.split('\n')[1]).toBe('  "version": "1",');
  });

  test.each(invalid)('%s fails naming the field', (_name, value, field) => {
    const run = (): Policy => parsePolicy(value, 'servers/x/policy.json');
    expect(run).toThrow(PolicyError);
    try {
      run();
    } catch (e) {
      expect((e as PolicyError).field).toBe(field);
      expect((e as PolicyError).message.startsWith(`servers/x/policy.json: ${field}: `)).toBe(true);
      expect((e as PolicyError).message).not.toContain('\n');
    }
  });

  test('bad JSON text is one line naming the file', () => {
    expect(() => parsePolicy('{"version": "1",', 'p.json')).toThrow(/^p\.json: invalid JSON/);
  });
});

describe('policyJsonSchema', () => {
  const schema = policyJsonSchema({ id: 'https://example.org/policy.schema.json' });
  const ajv = new Ajv({ strict: false, allErrors: true });
  const validate = ajv.compile(schema);

  test('has $id, title and description', () => {
    expect(schema.$id).toBe('https://example.org/policy.schema.json');
    expect(typeof schema.title).toBe('string');
    expect(String(schema.description)).toContain('ONE MCP server');
    expect(policyJsonSchema().$id).toMatch(/^urn:/);
  });

  test.each(samples.map((p, i) => [i, p] as const))('sample %i is valid', (_i, policy) => {
    expect(validate(JSON.parse(serializePolicy(policy)))).toBe(true);
  });

  test.each(invalid)('%s is invalid for the JSON Schema too', (_name, value) => {
    expect(validate(value)).toBe(false);
  });
});
