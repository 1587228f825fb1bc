import { describe, expect, it } from 'vitest';
import { tokenize } from '../../../src/lib/classify/index.js';
import { createFuzzyFilter } from '../../../src/lib/search/fuzzy-filter.js';

const tools = [
  { name: 'BinanceOptionsDeleteListenKey', description: 'Close/delete an options listen key.' },
  { name: 'BinanceOptionsCreateListenKey', description: 'Create a listen key for options user data stream.' },
  { name: 'BinanceOptionsRenewListenKey', description: 'Extend the validity of an options listen key.' },
  { name: 'read_file', description: 'Read the complete contents of a file from the file system.' },
  { name: 'write_file', description: 'Create a new file or completely overwrite an existing file.' },
];
const items = tools.map((t) => ({ words: tokenize(t.name).join(' '), description: t.description }));
const names = (set: Set<number> | null): string[] | null => (set ? [...set].sort((a, b) => a - b).map((i) => tools[i]!.name) : null);

describe('createFuzzyFilter', () => {
  const filter = createFuzzyFilter(items);

  it('matches every query word against name words or the description', () => {
    expect(names(filter('delete listen'))).toEqual(['BinanceOptionsDeleteListenKey']);
    expect(names(filter('listen key'))).toEqual(['BinanceOptionsDeleteListenKey', 'BinanceOptionsCreateListenKey', 'BinanceOptionsRenewListenKey']);
  });

  it('forgives typos', () => {
    expect(names(filter('delte listen'))).toEqual(['BinanceOptionsDeleteListenKey']);
    expect(names(filter('overwrte'))).toEqual(['write_file']);
  });

  it('returns null for a query without words, and nothing for a word that matches nothing', () => {
    expect(filter('  ;; ')).toBeNull();
    expect(names(filter('kubernetes'))).toEqual([]);
  });
});
