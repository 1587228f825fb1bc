import { describe, expect, it } from 'vitest';
import { combinePolicies, tallyPolicies } from '../../../src/lib/builder/combine.js';
import { EMPTY_SELECTION, addTools, setChoice, setDefaultDeny } from '../../../src/lib/builder/selection.js';
import { filterTools, summaryText } from '../../../src/lib/builder/view.js';
import { CRYPTO, FILES, HOSTILE, SERVERS, makeServer } from './fixtures.js';

describe('filterTools', () => {
  it('matches every word, case-insensitively, in listing order, and counts beyond the limit', () => {
    expect(filterTools(CRYPTO, 'binance LISTEN', 10).tools.map((t) => t.name)).toEqual(['BinanceOptionsCreateListenKey', 'BinanceOptionsDeleteListenKey']);
    const all = filterTools(CRYPTO, '  ', 3);
    expect(all.tools.map((t) => t.index)).toEqual([0, 1, 2]);
    expect(all.total).toBe(CRYPTO.tools.length);
    expect(filterTools(CRYPTO, 'nothing-like-this', 5)).toEqual({ tools: [], total: 0 });
  });

  it('treats hostile filter text literally and never lists a tool with an empty name', () => {
    expect(filterTools(HOSTILE, '$(touch', 5).tools.map((t) => t.name)).toEqual(['$(touch pwned)']);
    expect(filterTools(HOSTILE, '.*', 5).total).toBe(0);
    const blank = makeServer('blank', [{ name: '', category: 'Read', risk: 'Low' }, { name: 'x', category: 'Read', risk: 'Low' }]);
    expect(filterTools(blank, '', 5).tools.map((t) => t.name)).toEqual(['x']);
  });
});

describe('summaryText', () => {
  it('counts what evaluate decides and says what happens to unselected tools', () => {
    let sel = addTools(addTools(EMPTY_SELECTION, FILES, FILES.tools), CRYPTO, CRYPTO.tools.slice(0, 1));
    sel = setChoice(sel, 'files', 'read_file', { action: 'deny' });
    expect(summaryText(tallyPolicies(combinePolicies(sel, SERVERS)))).toBe(
      '5 tools on 2 servers: 1 tool hidden, 1 tool refused, 1 tool needing approval, 1 tool rate-limited, 1 tool allowed. Tools you did not select are allowed.',
    );
    sel = setDefaultDeny(sel, 'files', true);
    expect(summaryText(tallyPolicies(combinePolicies(sel, SERVERS)))).toMatch(/refused on 1 server and allowed on the others\.$/);
    sel = setDefaultDeny(sel, 'crypto', true);
    expect(summaryText(tallyPolicies(combinePolicies(sel, SERVERS)))).toMatch(/Tools you did not select are refused\.$/);
    expect(summaryText(tallyPolicies([]))).toBe('No tools selected.');
  });
});
