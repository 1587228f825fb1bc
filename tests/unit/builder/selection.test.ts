import { describe, expect, it } from 'vitest';
import { recommendedChoice } from '../../../src/lib/builder/actions.js';
import {
  EMPTY_SELECTION,
  addTools,
  mergeSelections,
  removeServer,
  removeTool,
  resolveSelection,
  selectionSize,
  setChoice,
  setDefaultDeny,
  toolsAtOrAbove,
} from '../../../src/lib/builder/selection.js';
import { CRYPTO, FILES, HOSTILE, SERVERS, makeServer, tool } from './fixtures.js';

describe('selection operations', () => {
  it('adds tools with their recommended choices, in listing order whatever the click order', () => {
    const a = addTools(addTools(EMPTY_SELECTION, FILES, [tool(FILES, 'delete_file')]), FILES, [tool(FILES, 'read_file')]);
    const b = addTools(EMPTY_SELECTION, FILES, [tool(FILES, 'read_file'), tool(FILES, 'delete_file')]);
    expect(a).toEqual(b);
    expect(a.servers[0]?.tools).toEqual([
      { slug: 'read_file', choice: { action: 'allow' } },
      { slug: 'delete_file', choice: { action: 'hide' } },
    ]);
  });

  it('keeps servers sorted by id and a changed choice when the tool is added again', () => {
    let sel = addTools(EMPTY_SELECTION, FILES, [tool(FILES, 'write_file')]);
    sel = addTools(sel, CRYPTO, [tool(CRYPTO, 'WithdrawToAddress')]);
    sel = setChoice(sel, 'files', 'write_file', { action: 'deny' });
    sel = addTools(sel, FILES, FILES.tools);
    expect(sel.servers.map((s) => s.id)).toEqual(['crypto', 'files']);
    expect(sel.servers[1]?.tools.find((t) => t.slug === 'write_file')?.choice).toEqual({ action: 'deny' });
    expect(selectionSize(sel)).toBe(5);
  });

  it('adds every tool at or above a level, skipping tools with an empty name', () => {
    expect(toolsAtOrAbove(CRYPTO, 'High').map((t) => t.name)).toEqual(['BinanceOptionsDeleteListenKey', 'BinanceSpotPlaceOrder', 'BinanceSpotCancelAllOrders', 'ExecuteSwapScript', 'WithdrawToAddress']);
    expect(toolsAtOrAbove(CRYPTO, 'Low')).toHaveLength(CRYPTO.tools.length);
    const blank = makeServer('blank', [{ name: '', category: 'Destructive', risk: 'Critical' }, { name: 'ok', category: 'Read', risk: 'Critical' }]);
    expect(toolsAtOrAbove(blank, 'Critical').map((t) => t.name)).toEqual(['ok']);
    expect(addTools(EMPTY_SELECTION, blank, blank.tools).servers[0]?.tools.map((t) => t.slug)).toEqual(['ok']);
  });

  it('removes tools, servers (with their last tool) and sets the default', () => {
    let sel = addTools(addTools(EMPTY_SELECTION, FILES, FILES.tools.slice(0, 2)), CRYPTO, CRYPTO.tools.slice(0, 1));
    sel = setDefaultDeny(sel, 'files', true);
    expect(sel.servers.find((s) => s.id === 'files')?.defaultDeny).toBe(true);
    sel = removeTool(sel, 'files', 'read_file');
    expect(sel.servers.find((s) => s.id === 'files')?.tools.map((t) => t.slug)).toEqual(['write_file']);
    sel = removeTool(sel, 'files', 'write_file');
    expect(sel.servers.map((s) => s.id)).toEqual(['crypto']);
    expect(removeServer(sel, 'crypto')).toEqual(EMPTY_SELECTION);
  });

  it('merges selections, the base winning where both have a tool', () => {
    const base = setChoice(addTools(EMPTY_SELECTION, FILES, [tool(FILES, 'write_file')]), 'files', 'write_file', { action: 'allow' });
    const extra = addTools(addTools(EMPTY_SELECTION, FILES, FILES.tools), HOSTILE, HOSTILE.tools.slice(0, 2));
    const merged = mergeSelections(base, extra);
    expect(merged.servers.map((s) => s.id)).toEqual(['files', 'hostile']);
    expect(merged.servers[0]?.tools.find((t) => t.slug === 'write_file')?.choice).toEqual({ action: 'allow' });
    expect(merged.servers[0]?.tools).toHaveLength(4);
  });
});

describe('resolveSelection', () => {
  it('drops unknown servers and tools with notices naming them, and orders the rest canonically', () => {
    const sel = {
      servers: [
        { id: 'files', defaultDeny: true, tools: [{ slug: 'run_script', choice: { action: 'allow' as const } }, { slug: 'gone', choice: { action: 'hide' as const } }, { slug: 'read_file', choice: { action: 'deny' as const } }, { slug: 'read_file', choice: { action: 'allow' as const } }] },
        { id: '<img src=x>', defaultDeny: false, tools: [{ slug: 'x', choice: { action: 'hide' as const } }] },
      ],
    };
    const r = resolveSelection(sel, SERVERS);
    expect(r.selection).toEqual({
      servers: [{ id: 'files', defaultDeny: true, tools: [{ slug: 'read_file', choice: { action: 'deny' } }, { slug: 'run_script', choice: { action: 'allow' } }] }],
    });
    expect(r.notices).toEqual([
      'A server in the selection is not in the catalogue and was left out: "<img src=x>".',
      'A tool in the selection is not in the catalogue (any more) and was left out: "files:gone".',
    ]);
  });

  it('names at most five missing tools per notice', () => {
    const sel = { servers: [{ id: 'files', defaultDeny: false, tools: Array.from({ length: 8 }, (_, i) => ({ slug: `gone${i}`, choice: { action: 'hide' as const } })) }] };
    const r = resolveSelection(sel, SERVERS);
    expect(r.selection).toEqual(EMPTY_SELECTION);
    expect(r.notices[0]).toMatch(/^8 tools .* "files:gone4" and 3 more\.$/);
  });

  it('keeps a valid selection unchanged', () => {
    const sel = addTools(addTools(EMPTY_SELECTION, HOSTILE, HOSTILE.tools), CRYPTO, CRYPTO.tools);
    expect(resolveSelection(sel, SERVERS)).toEqual({ selection: sel, notices: [] });
    expect(sel.servers[1]?.tools.every((t) => recommendedChoice(HOSTILE.bySlug.get(t.slug)!).action === t.choice.action)).toBe(true);
  });
});
