/**
 * The iterative canonical JSON writer gives the text the recursive form gave (so existing hashes
 * stay valid), at any depth; `jsonShape` measures depth and bytes without recursion.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson, toolsHash } from '../../../src/lib/catalog/index.js';
import { canonicalJsonText, jsonShape } from '../../../src/lib/catalog/json-text.js';

/** The recursive form the catalogue used before (JSON.stringify of a key-sorted copy). */
function recursiveCanonical(value: unknown, indent?: number): string | undefined {
  const sortKeys = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sortKeys);
    if (v !== null && typeof v === 'object') {
      const out = Object.create(null) as Record<string, unknown>;
      for (const k of Object.keys(v).sort()) out[k] = sortKeys((v as Record<string, unknown>)[k]);
      return out;
    }
    return v;
  };
  return JSON.stringify(sortKeys(value), null, indent);
}

/** JSON text nesting `levels` `properties.a` steps, keys already in sorted order. */
function deepText(levels: number): string {
  return `${'{"properties":{"a":'.repeat(levels)}{"type":"string"}${'},"type":"object"}'.repeat(levels)}`;
}

const SAMPLES: unknown[] = [
  null,
  true,
  0,
  -0,
  1e21,
  0.1,
  'plain',
  'é 😀 \u0000 \u2028 "quoted" \\ \ud800',
  [],
  {},
  [[]],
  [undefined, null, () => 1, Symbol('s')],
  { b: 1, a: 2, c: undefined, d: () => 1 },
  { '10': 1, '9': 2, '01': 3, '4294967294': 4, '4294967295': 5, z: 6, A: 7, '': 8 },
  JSON.parse('{"__proto__": {"x": 1}, "constructor": "c"}'),
  { type: 'object', properties: { q: { type: 'string', enum: ['a', 'b'] }, n: { anyOf: [{ type: 'null' }, { type: 'integer' }] } }, required: ['q'] },
  [{ z: [1, { y: [] }], a: {} }, 'x', [[[{}]]]],
  new Date(0),
];

describe('canonicalJsonText', () => {
  it.each(SAMPLES.map((v, i) => [i, v] as const))('sample %i: the same text as the recursive form, compact and indented', (_i, v) => {
    expect(canonicalJsonText(v)).toBe(recursiveCanonical(v));
    expect(canonicalJsonText(v, 2)).toBe(recursiveCanonical(v, 2));
    expect(canonicalJson(v)).toBe(recursiveCanonical(v));
  });

  it('gives undefined for a top-level undefined, function or symbol, like JSON.stringify', () => {
    expect(canonicalJsonText(undefined)).toBeUndefined();
    expect(canonicalJsonText(() => 1)).toBeUndefined();
    expect(canonicalJsonText(Symbol('x'))).toBeUndefined();
  });

  it('throws a TypeError on a cycle or a BigInt', () => {
    const a: Record<string, unknown> = { x: 1 };
    a.self = { back: a };
    expect(() => canonicalJsonText(a)).toThrow(TypeError);
    expect(() => canonicalJsonText({ n: 1n })).toThrow(TypeError);
    // a shared (not cyclic) object is written twice, as JSON.stringify does
    const shared = { s: 1 };
    expect(canonicalJsonText([shared, { shared }])).toBe('[{"s":1},{"shared":{"s":1}}]');
  });

  it('writes 100,000 levels (where JSON.stringify overflows the stack) and the text parses back', () => {
    const text = deepText(50_000);
    const value = JSON.parse(text) as unknown;
    expect(() => JSON.stringify(value)).toThrow(RangeError);
    expect(canonicalJsonText(value)).toBe(text);
    expect(toolsHash([value])).toBe(`sha256:${createHash('sha256').update(`[${text}]`).digest('hex')}`);
    const pretty = canonicalJsonText(JSON.parse(deepText(3)), 2) as string;
    expect(pretty).toBe(JSON.stringify(JSON.parse(deepText(3)), null, 2));
  });
});

describe('jsonShape', () => {
  it.each(SAMPLES.filter((v) => !(v instanceof Date)).map((v, i) => [i, v] as const))('sample %i: bytes are those of JSON.stringify in UTF-8', (_i, v) => {
    expect(jsonShape(v).bytes).toBe(Buffer.byteLength(JSON.stringify(v) ?? ''));
  });

  it('counts depth in levels of arrays and objects', () => {
    expect(jsonShape('x').depth).toBe(0);
    expect(jsonShape({}).depth).toBe(1);
    expect(jsonShape([1, [2, [3]]]).depth).toBe(3);
    expect(jsonShape({ a: {}, b: { c: { d: [] } } }).depth).toBe(4);
    expect(jsonShape(JSON.parse(deepText(10)))).toEqual({ depth: 21, bytes: deepText(10).length, cyclic: false });
  });

  it('measures 100,000 levels without recursion, and reports a cycle instead of following it', () => {
    const text = deepText(50_000);
    expect(jsonShape(JSON.parse(text))).toEqual({ depth: 100_001, bytes: text.length, cyclic: false });
    const a: Record<string, unknown> = {};
    a.a = [a];
    expect(jsonShape(a).cyclic).toBe(true);
  });
});
