import { describe, expect, it } from 'vitest';
import { PARAM_LIMITS, paramTable, typeOf } from '../../../src/lib/view/params.js';

describe('paramTable', () => {
  it('lists properties with type, required and description', () => {
    const t = paramTable({
      type: 'object',
      properties: {
        listenKey: { type: 'string', description: 'Listen key to delete.' },
        limit: { type: ['integer', 'null'] },
      },
      required: ['listenKey'],
    });
    expect(t.rows).toEqual([
      { name: 'listenKey', type: 'string', required: true, description: 'Listen key to delete.', depth: 0 },
      { name: 'limit', type: 'integer | null', required: false, description: '', depth: 0 },
    ]);
    expect(t.note).toBeUndefined();
  });

  it('explains a missing or non-object schema instead of failing', () => {
    expect(paramTable(undefined).note).toMatch(/no inputSchema/);
    for (const s of ['string', 7, null, [1, 2]]) {
      const t = paramTable(s);
      expect(t.rows).toEqual([]);
      expect(t.note).toMatch(/not a JSON object/);
    }
    expect(paramTable({ type: 'object' }).note).toMatch(/no parameters/);
  });

  it('walks nested objects and array items to a bounded depth', () => {
    let deep: Record<string, unknown> = { type: 'string' };
    for (let i = 0; i < 30; i += 1) deep = { type: 'object', properties: { a: deep } };
    const t = paramTable(deep);
    expect(t.rows.length).toBe(PARAM_LIMITS.maxDepth);
    expect(Math.max(...t.rows.map((r) => r.depth))).toBe(PARAM_LIMITS.maxDepth - 1);
    expect(t.note).toMatch(/levels/);
    const arr = paramTable({ type: 'object', properties: { xs: { type: 'array', items: { type: 'object', properties: { id: { type: 'number' } } } } } });
    expect(arr.rows.map((r) => [r.name, r.type])).toEqual([
      ['xs', 'array of object'],
      ['xs[].id', 'number'],
    ]);
  });

  it('caps the number of rows', () => {
    const properties = Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`p${i}`, { type: 'string' }]));
    const t = paramTable({ type: 'object', properties });
    expect(t.rows).toHaveLength(PARAM_LIMITS.maxRows);
    expect(t.note).toMatch(/at most/);
  });
});

describe('typeOf', () => {
  it('describes enums, unions and odd nodes', () => {
    expect(typeOf({ type: 'string', enum: ['a', 'b'] })).toBe('string (one of "a", "b")');
    expect(typeOf({ anyOf: [{ type: 'string' }, { type: 'number' }] })).toBe('string | number');
    expect(typeOf(true)).toBe('any');
    expect(typeOf('x')).toBe('unknown');
  });
});
