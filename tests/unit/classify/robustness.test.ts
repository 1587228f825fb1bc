import { describe, expect, test } from 'vitest';
import { classify, checkTool, peerFlags } from '../../../src/lib/classify/index.js';
import { ClassificationSchema, type ToolDefinition } from '../../../src/lib/schema/index.js';

function deepSchema(depth: number): unknown {
  const root: Record<string, unknown> = { type: 'object' };
  let node = root;
  for (let i = 0; i < depth; i++) {
    const child: Record<string, unknown> = { type: 'object' };
    node.properties = { [`level${i}`]: child, force: { type: 'boolean' } };
    node = child;
  }
  return root;
}

const cyclic: Record<string, unknown> = { type: 'object' };
cyclic.properties = { self: cyclic };

const hostile: [string, unknown][] = [
  ['1 MB description', { name: 'get_x', description: 'a'.repeat(1_000_000) + ' delete everything', inputSchema: {} }],
  ['1 MB name', { name: 'Delete'.repeat(200_000), inputSchema: {} }],
  ['200-deep schema', { name: 'get_x', description: 'Get x.', inputSchema: deepSchema(200) }],
  ['cyclic schema object', { name: 'get_x', inputSchema: cyclic }],
  ['10,000 properties', { name: 'get_x', inputSchema: { type: 'object', properties: Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`p${i}`, { type: 'string' }])) } }],
  ['null schema', { name: 'x', inputSchema: null }],
  ['number schema', { name: 'x', inputSchema: 42 }],
  ['properties is an array', { name: 'x', inputSchema: { type: 'object', properties: [1, 2] } }],
  ['type is an array', { name: 'x', inputSchema: { type: ['object', 'null'], properties: { a: { type: ['string', 7] } } } }],
  ['non-string description', { name: 'x', description: { evil: true } }],
  ['non-string name', { name: 12345 }],
  ['annotations not an object', { name: 'x', annotations: [true] }],
  ['hint values not booleans', { name: 'delete_x', annotations: { readOnlyHint: 'true' } }],
  ['only combining marks', { name: '\u0301\u0301\u0301', description: '\u0301'.repeat(1000) }],
  ['lone surrogates', { name: 'get_\uD800x', description: 'Get \uDC00 it' }],
  ['regex metacharacters', { name: '(.*)+$', description: '((((((((((a))))))))))*+?[]{}\\' }],
  ['catastrophic-backtracking bait', { name: 'x', description: `${'execute the '.repeat(5_000)}!` }],
  ['prototype keys', { name: '__proto__', inputSchema: { type: 'object', properties: JSON.parse('{"__proto__": {"type": "string"}, "constructor": {}}') } }],
];

describe('hostile inputs never throw and never run away', () => {
  test.each(hostile)('%s', (_label, tool) => {
    const t0 = performance.now();
    const c = classify(tool as ToolDefinition);
    const ms = performance.now() - t0;
    expect(ClassificationSchema.safeParse(c).success).toBe(true);
    expect(() => checkTool(tool as ToolDefinition)).not.toThrow();
    // Not a speed test (npm run bench measures throughput): a guard against catastrophic
    // backtracking or an unbounded walk, which would take minutes, not milliseconds.
    expect(ms).toBeLessThan(5_000);
  });

  test('the schema walk is bounded in depth and count', () => {
    const c = classify({ name: 'update_x', inputSchema: deepSchema(200) });
    // force flags sit at every level, but only the levels within schema_max_depth are read
    expect(c.evidence.filter((e) => e.rule === 'force-flag').length).toBeLessThanOrEqual(1);
  });

  test('peerFlags over a large hostile list', () => {
    const tools = hostile.map(([, t]) => t as ToolDefinition);
    expect(() => peerFlags(tools)).not.toThrow();
  });
});
