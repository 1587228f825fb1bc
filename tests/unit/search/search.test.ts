/** Search documents (documents.ts): short fields for listings and the JSON API. Ranking lives in engine.test.ts. */
import { describe, expect, it } from 'vitest';
import { buildSearchDocument, MAX_DESCRIPTION, shorten, type SearchSource } from '../../../src/lib/search/documents.js';
import { tokenize } from '../../../src/lib/classify/tokenize.js';

function source(name: string, extra: Partial<SearchSource> = {}): SearchSource {
  return {
    name,
    description: '',
    serverId: 's',
    serverName: 'Server',
    category: 'Other',
    risk: 'Low',
    url: `/servers/s/tools/${name}/`,
    tokens: tokenize(name),
    ...extra,
  };
}

describe('search documents', () => {
  it('keeps short fields and lowercase name tokens', () => {
    const d = buildSearchDocument(source('BinanceOptionsDeleteListenKey', { description: 'x '.repeat(500) }));
    expect(d.k).toBe('binance options delete listen key');
    expect(d.d.length).toBeLessThanOrEqual(MAX_DESCRIPTION);
    expect(d.d.endsWith('…')).toBe(true);
    expect(shorten('  a\n\n b  ')).toBe('a b');
  });

  it('shortens from a prefix exactly as from the whole text (long whitespace runs, long texts)', () => {
    const whole = (text: string, max: number): string => {
      const flat = text.replace(/\s+/g, ' ').trim();
      return flat.length > max ? `${flat.slice(0, max - 1).trimEnd()}…` : flat;
    };
    let seed = 7;
    const rnd = (n: number): number => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % n);
    const pieces = ['a', 'word', ' ', '\n\n', '\t ', ' '.repeat(300), 'é', 'x'.repeat(50)];
    for (let i = 0; i < 500; i += 1) {
      const text = Array.from({ length: rnd(80) }, () => pieces[rnd(pieces.length)]).join('');
      for (const max of [1, 10, 100, 160]) expect(shorten(text, max), JSON.stringify(text)).toBe(whole(text, max));
    }
    expect(shorten(`${' '.repeat(1_000_000)}tail`, 10)).toBe('tail');
    expect(shorten('y'.repeat(1_000_000), 10)).toBe(`${'y'.repeat(9)}…`);
  });
});
