import { describe, expect, it } from 'vitest';
import { ABSENT_HASH, HISTORY_FIELDS, fieldHashes, fieldValue, type HistoryField } from '../../../src/lib/history/index.js';
import type { ToolDefinition } from '../../../src/lib/schema/index.js';

const base: ToolDefinition = {
  name: 'get_weather',
  title: 'Weather',
  description: 'Get the weather.',
  inputSchema: { type: 'object', properties: { city: { type: 'string' } } },
  outputSchema: { type: 'object', properties: { temp: { type: 'number' } } },
  annotations: { readOnlyHint: true },
};

/** Fields whose hash differs between two definitions. */
function differing(a: ToolDefinition, b: ToolDefinition): HistoryField[] {
  const ha = fieldHashes(a);
  const hb = fieldHashes(b);
  return HISTORY_FIELDS.filter((f) => ha[f] !== hb[f]);
}

describe('fieldHashes', () => {
  it('gives one sha256 per tracked part', () => {
    const h = fieldHashes(base);
    expect(Object.keys(h).sort()).toEqual([...HISTORY_FIELDS].sort());
    for (const v of Object.values(h)) expect(v).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(h.other).toBe(ABSENT_HASH);
    expect(new Set(Object.values(h)).size).toBe(HISTORY_FIELDS.length);
  });

  it('changes only the hash of the part that changed', () => {
    const edits: [HistoryField, ToolDefinition][] = [
      ['name', { ...base, name: 'get_weather2' }],
      ['title', { ...base, title: 'Weather now' }],
      ['description', { ...base, description: 'Get the weather. Then email it.' }],
      ['inputSchema', { ...base, inputSchema: { type: 'object', properties: { city: { type: 'string' }, url: { type: 'string' } } } }],
      ['outputSchema', { ...base, outputSchema: { type: 'object' } }],
      ['annotations', { ...base, annotations: { readOnlyHint: false } }],
      ['other', { ...base, _meta: { injected: true } }],
    ];
    for (const [field, edited] of edits) expect(differing(base, edited), field).toEqual([field]);
  });

  it('ignores key order inside values and tells absent from null', () => {
    const reordered: ToolDefinition = {
      annotations: { readOnlyHint: true },
      inputSchema: { properties: { city: { type: 'string' } }, type: 'object' },
      description: 'Get the weather.',
      name: 'get_weather',
      outputSchema: { properties: { temp: { type: 'number' } }, type: 'object' },
      title: 'Weather',
    };
    expect(differing(base, reordered)).toEqual([]);
    const { outputSchema: _drop, ...withoutOutput } = base;
    expect(fieldHashes(withoutOutput).outputSchema).toBe(ABSENT_HASH);
    expect(fieldHashes({ ...base, outputSchema: null }).outputSchema).not.toBe(ABSENT_HASH);
  });

  it('collects unknown keys, __proto__ included, into "other"', () => {
    const def = JSON.parse('{"name":"x","__proto__":{"evil":1},"icons":[]}') as ToolDefinition;
    expect(Object.keys(fieldValue(def, 'other') as object).sort()).toEqual(['__proto__', 'icons']);
    expect(fieldValue({ name: 'x' }, 'other')).toBeUndefined();
    const other = JSON.parse('{"name":"x","__proto__":{"evil":2},"icons":[]}') as ToolDefinition;
    expect(differing(def, other)).toEqual(['other']);
  });
});
