import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { buildSearchDocument, buildSearchIndex, MAX_DESCRIPTION, shorten, type SearchSource } from '../../../src/lib/search/documents.js';
import { createSearcher, nameWordHits, queryWords } from '../../../src/lib/search/rank.js';
import { tokenize } from '../../../src/lib/classify/tokenize.js';
import { loadServer } from '../../../src/lib/catalog/index.js';
import { RISK_LEVELS, type Risk } from '../../../src/lib/schema/index.js';

const CATALOG = fileURLToPath(new URL('../../../catalog', import.meta.url));

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

describe('ranking', () => {
  it('splits queries like names', () => {
    expect(queryWords('options DeleteListen  key!')).toEqual(['options', 'delete', 'listen', 'key']);
    expect(queryWords('  ')).toEqual([]);
  });

  it('puts names containing every query word before fuzzier hits', () => {
    const names = [
      'BinanceOptionsListenKey',
      'BinanceDeleteListenKey',
      'BinanceOptionsDeleteOrder',
      'BinanceOptionsDeleteListenKey',
      'DeleteOptions',
    ];
    const index = buildSearchIndex(
      names.map((n) => source(n, { description: 'Options delete listen key listen delete options' })),
      [{ id: 's', name: 'Server' }],
    );
    const search = createSearcher(index);
    const { hits } = search('options delete listen');
    expect(hits[0]?.doc.n).toBe('BinanceOptionsDeleteListenKey');
    expect(hits[0]?.nameMatch).toBe(true);
    expect(hits.filter((h) => h.nameMatch).map((h) => h.doc.n)).toEqual(['BinanceOptionsDeleteListenKey']);
    expect(nameWordHits(hits[0]!.doc, ['options', 'del'])).toBe(2);
  });

  it('on the real Sperax catalogue, "options delete listen" ranks BinanceOptionsDeleteListenKey first', () => {
    const server = loadServer(CATALOG, 'sperax-crypto-mcp');
    const index = buildSearchIndex(
      server.tools.map((t) => source(t.definition.name, { description: String(t.definition.description ?? ''), serverId: server.id })),
      [{ id: server.id, name: server.server.name }],
    );
    expect(index.docs.length).toBe(server.tools.length);
    const search = createSearcher(index);
    expect(search('options delete listen').hits[0]?.doc.n).toBe('BinanceOptionsDeleteListenKey');
    expect(search('BinanceOptionsDeleteListenKey').hits[0]?.doc.n).toBe('BinanceOptionsDeleteListenKey');
    // a typo still finds it among the top results
    const fuzzy = search('optons delete listen').hits.slice(0, 10).map((h) => h.doc.n);
    expect(fuzzy).toContain('BinanceOptionsDeleteListenKey');
  });

  it('filters by risk, category and server; an empty query lists the most dangerous first', () => {
    const risks: Risk[] = ['Low', 'Critical', 'Medium', 'High', 'Critical'];
    const index = buildSearchIndex(
      risks.map((r, i) => source(`Tool${i}`, { risk: r, category: i % 2 ? 'Read' : 'Write', serverId: i < 3 ? 'a' : 'b' })),
      [],
    );
    const search = createSearcher(index);
    const all = search('');
    expect(all.total).toBe(5);
    const ranks = all.hits.map((h) => RISK_LEVELS.indexOf(h.doc.r));
    expect([...ranks].sort((a, b) => b - a)).toEqual(ranks);
    expect(search('', { risk: 'Critical' }).hits.map((h) => h.doc.n)).toEqual(['Tool1', 'Tool4']);
    expect(search('', { server: 'b' }).hits.map((h) => h.doc.n).sort()).toEqual(['Tool3', 'Tool4']);
    expect(search('tool', { category: 'Read', risk: 'High' }).hits.map((h) => h.doc.n)).toEqual(['Tool3']);
    expect(search('', {}, 2).hits).toHaveLength(2);
  });
});
