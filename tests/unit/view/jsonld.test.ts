import { describe, expect, it } from 'vitest';
import { faqPageLd, jsonForScript } from '../../../src/lib/view/jsonld.js';

const hostile = [
  '</script><script>alert(1)</script>',
  '</SCRIPT >',
  '<!-- <script>',
  'a & b > c',
  'line\u2028sep\u2029para',
  '<\/script>',
];

describe('jsonForScript', () => {
  it('never lets text close the script element or open a comment', () => {
    for (const text of hostile) {
      const out = jsonForScript({ text, nested: [text] });
      expect(out).not.toMatch(/<\/script/i);
      expect(out).not.toContain('<!--');
      expect(out).not.toContain('<');
      expect(out).not.toContain('>');
      expect(out).not.toMatch(/[\u2028\u2029]/);
    }
  });

  it('still parses back to the same value', () => {
    for (const text of hostile) {
      const value = { text, list: [text, 1, null, true] };
      expect(JSON.parse(jsonForScript(value))).toEqual(value);
    }
  });

  it('serialises undefined as null rather than nothing', () => {
    expect(jsonForScript(undefined)).toBe('null');
  });
});

describe('faqPageLd', () => {
  it('builds a schema.org FAQPage with one Question per entry', () => {
    const ld = faqPageLd([
      { question: 'Q1?', answer: 'A1.' },
      { question: 'Q2?', answer: 'A2.' },
    ]);
    expect(ld['@type']).toBe('FAQPage');
    const main = ld.mainEntity as { '@type': string; name: string; acceptedAnswer: { text: string } }[];
    expect(main.map((q) => q.name)).toEqual(['Q1?', 'Q2?']);
    expect(main[1]?.acceptedAnswer.text).toBe('A2.');
    expect(main.every((q) => q['@type'] === 'Question')).toBe(true);
  });
});
