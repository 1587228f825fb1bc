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
});
