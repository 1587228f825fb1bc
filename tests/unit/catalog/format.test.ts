import { describe, expect, it } from 'vitest';
import { canonicalJson, parseToolFile, parseYaml, renderToolFile, stringifyYaml, toolsHash } from '../../../src/lib/catalog/index.js';

const TRICKY: Record<string, unknown>[] = [
  { name: '1e3' },
  { name: 'yes', description: 'no' },
  { name: '2024-01-01', description: '2024-01-01T10:00:00Z' },
  { name: 'null', description: '~', title: 'true' },
  { name: '0x1F', description: '0o17' },
  { name: ' leading and trailing ', description: '\n---\nnot front matter\n---\n' },
  { name: 'multi', description: 'line one\nline two\n\n  indented\n' },
  { name: 'crlf', description: 'a\r\nb\rc' },
  { name: 'controls', description: '\u0000\u0007\u001b[31mred\u001b[0m\t\u2028\u2029\ufeff' },
  { name: 'lone surrogate \ud800', description: 'emoji 😀 and \udfff' },
  { name: '#comment', description: '&anchor *alias !tag %directive @at `tick` | > [ ] { } , : -' },
  { name: 'proto', inputSchema: JSON.parse('{"type":"object","properties":{"__proto__":{"type":"string"},"constructor":{"type":"number"}}}') },
  { name: 'numbers', inputSchema: { minimum: -0, maximum: 1e21, multipleOf: 0.1, big: 9007199254740991, neg: -1.5e-7 } },
  { name: 'nested', annotations: { readOnlyHint: false, title: 'x' }, extra: [null, true, 'false', [], {}] },
];

describe('YAML format', () => {
  it.each(TRICKY.map((d) => [d.name, d] as const))('round-trips definition %j exactly', (_n, def) => {
    const text = stringifyYaml({ definition: def, position: 0 });
    const back = parseYaml(text, 'x.md') as { definition: unknown };
    expect(canonicalJson(back.definition)).toBe(canonicalJson(def));
    expect(Object.getPrototypeOf(back.definition)).toBe(Object.prototype);
  });

  it('round-trips a 1 MB description through a tool file', () => {
    const chunk = Array.from({ length: 2000 }, (_, i) => `word${i} "q" 'a': #x é${i % 7 === 0 ? '\n' : ' '}`).join('');
    const description = chunk.repeat(Math.ceil(1_048_576 / chunk.length)).slice(0, 1_048_576);
    expect(description.length).toBe(1_048_576);
    const file = renderToolFile({ definition: { name: 'huge', description }, position: 3 }, '');
    const { data, body } = parseToolFile(file, 'huge.md');
    expect((data as { definition: { description: string } }).definition.description === description).toBe(true);
    expect(body).toBe('');
  });

  it('sorts keys at every level and ends with a newline', () => {
    const text = stringifyYaml({ b: 1, a: { d: 1, c: [{ z: 1, y: 2 }] } });
    expect(text).toBe('a:\n  c:\n    - y: 2\n      z: 1\n  d: 1\nb: 1\n');
  });

  it('does not fold long lines', () => {
    const long = 'word '.repeat(100).trim();
    expect(stringifyYaml({ d: long }).split('\n')).toHaveLength(2);
  });

  it('keeps the body of a tool file byte for byte', () => {
    const body = '\n## Notes\n\n---\nA rule line above.\n';
    const { body: back } = parseToolFile(renderToolFile({ definition: { name: 'a' }, position: 0 }, body), 'a.md');
    expect(back).toBe(body);
  });
});

describe('canonicalJson and toolsHash', () => {
  it('ignores key order but not array order or values', () => {
    expect(canonicalJson({ b: 1, a: [2, 1] })).toBe('{"a":[2,1],"b":1}');
    const a = toolsHash([{ name: 'x', description: 'd' }]);
    expect(a).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(toolsHash([{ description: 'd', name: 'x' }])).toBe(a);
    expect(toolsHash([{ name: 'x', description: 'e' }])).not.toBe(a);
    expect(toolsHash([{ name: 'y' }, { name: 'x' }])).not.toBe(toolsHash([{ name: 'x' }, { name: 'y' }]));
  });

  it('keeps __proto__ keys as data', () => {
    const v = JSON.parse('{"__proto__":{"a":1},"b":2}') as unknown;
    expect(canonicalJson(v)).toBe('{"__proto__":{"a":1},"b":2}');
  });
});
