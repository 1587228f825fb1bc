import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCatalog, writeServerSnapshot } from '../../../src/lib/catalog/index.js';
import { defaultRules } from '../../../src/lib/classify/index.js';
import { historyPath } from '../../../src/lib/history/index.js';
import { buildSiteData, type SiteData, type SiteTool } from '../../../src/lib/view/site-data.js';
import { changesPageView, siteHistory, toolHistoryView } from '../../../src/lib/view/history-view.js';
import { POISON, toolsFor } from '../../fixtures/history/drift-server.mjs';

const launch = { transport: 'file' as const, file: 'x.json' };
const positioned = (v: 'v1' | 'v2') => toolsFor(v).map((definition, position) => ({ position, definition }));
const at = (iso: string) => ({ now: () => new Date(iso) });

let dir: string;
let data: SiteData;
const tool = (server: string, name: string): SiteTool => {
  const t = data.tools.find((x) => x.serverId === server && x.name === name);
  if (!t) throw new Error(`no tool ${server}/${name}`);
  return t;
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'history-view-'));
  // "drift": baseline v1 on day 1, re-ingested unchanged on day 2, drifted to v2 on day 3.
  writeServerSnapshot(dir, { server: { id: 'drift', name: 'Drift', launch }, tools: positioned('v1') }, at('2026-01-01T00:00:00.000Z'));
  writeServerSnapshot(dir, { server: { id: 'drift', name: 'Drift', launch }, tools: positioned('v1') }, at('2026-01-02T00:00:00.000Z'));
  writeServerSnapshot(dir, { server: { id: 'drift', name: 'Drift', launch }, tools: positioned('v2') }, at('2026-01-03T00:00:00.000Z'));
  // "stable": one baseline only; "nohist": its history file removed (as for a server ingested before history existed).
  writeServerSnapshot(dir, { server: { id: 'stable', name: 'Stable', launch }, tools: positioned('v1') }, at('2026-01-05T00:00:00.000Z'));
  writeServerSnapshot(dir, { server: { id: 'nohist', name: 'No history', launch }, tools: positioned('v1') }, at('2026-01-04T00:00:00.000Z'));
  rmSync(historyPath(dir, 'nohist'));
  data = buildSiteData(loadCatalog(dir), defaultRules());
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('toolHistoryView', () => {
  it('gives first seen at the baseline, last changed at the drift, and a risky entry with the poisoned text as an insertion', () => {
    const v = toolHistoryView(data, tool('drift', 'list_notes'));
    expect(v.firstSeenText).toBe('First seen 2026-01-01 00:00 UTC');
    expect(v.firstSeenNote).toMatch(/first listed this server/);
    expect(v.lastChangedText).toBe('Last changed 2026-01-03 00:00 UTC');
    expect(v.entries).toHaveLength(1);
    const e = v.entries[0]!;
    expect(e).toMatchObject({ kind: 'changed', kindText: 'Changed', risky: true });
    expect(e.riskyReasons.join(' ')).toMatch(/instruction-like text to description/);
    const desc = e.fields.find((f) => f.field === 'description')!;
    expect(desc.mode).toBe('words');
    const added = desc.parts.filter((p) => p.op === 'add').map((p) => p.text).join('');
    expect(added).toContain('<IMPORTANT>');
    expect(POISON).toContain(added.trim().slice(0, 30));
    expect(desc.parts.some((p) => p.op === 'del')).toBe(false);
    expect(v.riskyCount).toBe(1);
  });

  it('shows a harmless rewording as not risky with a word-level del/ins', () => {
    const e = toolHistoryView(data, tool('drift', 'format_text')).entries[0]!;
    expect(e.risky).toBe(false);
    expect(e.riskyReasons).toEqual([]);
    const parts = e.fields[0]!.parts;
    expect(parts.filter((p) => p.op === 'del').map((p) => p.text)).toEqual(['Format']);
    expect(parts.filter((p) => p.op === 'add').map((p) => p.text)).toEqual(['Formats']);
  });

  it('diffs a schema by lines with +/- prefixes and names the new parameter', () => {
    const e = toolHistoryView(data, tool('drift', 'get_weather')).entries[0]!;
    const schema = e.fields.find((f) => f.field === 'inputSchema')!;
    expect(schema).toMatchObject({ mode: 'lines', label: 'Input schema' });
    expect(schema.summary).toContain('added parameter "callback_url"');
    const added = schema.parts.filter((p) => p.op === 'add');
    expect(added.length).toBeGreaterThan(0);
    expect(added.every((p) => p.text.split('\n').every((l) => l.startsWith('+ ')))).toBe(true);
    expect(added.map((p) => p.text).join('\n')).toContain('callback_url');
    expect(e.risky).toBe(true);
  });

  it('summarises a flipped annotation', () => {
    const e = toolHistoryView(data, tool('drift', 'delete_note')).entries[0]!;
    expect(e.fields.find((f) => f.field === 'annotations')!.summary).toContain('destructiveHint: true -> false');
    expect(e.riskyReasons).toContain('destructiveHint flipped from true to false');
  });

  it('has no entries for an unchanged tool and says so; a server without history says first seen is not recorded', () => {
    const echo = toolHistoryView(data, tool('drift', 'echo'));
    expect(echo.entries).toEqual([]);
    expect(echo.lastChangedText).toBe('No change recorded since it was first seen');
    expect(echo.firstSeen).toBe('2026-01-01T00:00:00.000Z');
    const none = toolHistoryView(data, tool('nohist', 'echo'));
    expect(none.firstSeen).toBeUndefined();
    expect(none.firstSeenText).toMatch(/not recorded/);
    expect(none.firstSeenNote).toBeUndefined();
    expect(none.entries).toEqual([]);
  });

  it('reads each history file once per site data', () => {
    expect(siteHistory(data)).toBe(siteHistory(data));
    expect(siteHistory(data).entries.get('drift')).toHaveLength(9);
  });
});

describe('changesPageView', () => {
  it('lists the drift riskiest first with tool links, and counts servers without history', () => {
    const v = changesPageView(data);
    expect(v.empty).toBe(false);
    expect(v.total).toBe(4);
    expect(v.riskyCount).toBe(3);
    expect(v.items.map((i) => i.risky)).toEqual([true, true, true, false]);
    expect(v.items[3]!.tool).toBe('format_text');
    for (const i of v.items) expect(i.toolUrl).toBe(tool('drift', i.tool).url);
    expect(new Set(v.items.map((i) => i.anchor)).size).toBe(4);
    expect(v.withoutHistory).toBe(1);
    expect(v.recentServers.map((s) => s.id)).toEqual(['stable', 'drift']);
  });

  it('is empty with only baselines, and still lists recently added servers', () => {
    const only = buildSiteData({ ...loadCatalog(dir), servers: loadCatalog(dir).servers.filter((s) => s.id === 'stable') }, defaultRules());
    const v = changesPageView(only);
    expect(v).toMatchObject({ empty: true, total: 0, items: [], riskyCount: 0 });
    expect(v.recentServers).toMatchObject([{ id: 'stable', tools: 5, firstRecordedText: '2026-01-05 00:00 UTC' }]);
  });

  it('limits the list', () => {
    expect(changesPageView(data, 2).items).toHaveLength(2);
  });
});
