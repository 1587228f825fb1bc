import { describe, expect, it } from 'vitest';
import {
  LCS_MAX_CELLS,
  changesAtom,
  changesJson,
  diffLines,
  diffSnapshots,
  diffWords,
  fieldDiff,
  historyLines,
  parseHistory,
  recentChanges,
  toolTimeline,
  verdictChange,
  xmlText,
  type DiffPart,
  type HistoryEntry,
  type SnapshotTool,
} from '../../../src/lib/history/index.js';
import type { ToolDefinition } from '../../../src/lib/schema/index.js';
import { toolsFor } from '../../fixtures/history/drift-server.mjs';

const low = { category: 'Read' as const, risk: 'Low' as const };
const snap = (defs: readonly ToolDefinition[], verdict = low): SnapshotTool[] => defs.map((d) => ({ name: d.name, definition: d, verdict }));

/** A server's history: baseline v1 at day 1, drift to v2 at day 2. */
function history(serverId: string): HistoryEntry[] {
  const lines = [
    ...historyLines(serverId, diffSnapshots([], snap(toolsFor('v1'))), '2026-01-01T00:00:00.000Z', { baseline: true }),
    ...historyLines(serverId, diffSnapshots(snap(toolsFor('v1')), snap(toolsFor('v2'))), '2026-01-02T00:00:00.000Z'),
  ];
  return parseHistory(lines.join('\n'), 'h.jsonl');
}

const side = (parts: DiffPart[], which: 'before' | 'after'): string => parts.filter((p) => p.op === 'same' || p.op === (which === 'before' ? 'del' : 'add')).map((p) => p.text).join('');

describe('toolTimeline', () => {
  it('gives first seen, last changed and the non-baseline entries newest first', () => {
    const entries = history('drift');
    const t = toolTimeline(entries, 'list_notes');
    expect(t).toMatchObject({ firstSeen: '2026-01-01T00:00:00.000Z', firstSeenAtBaseline: true, lastChanged: '2026-01-02T00:00:00.000Z' });
    expect(t.entries.map((e) => e.kind)).toEqual(['changed']);
    expect(toolTimeline(entries, 'echo')).toEqual({ firstSeen: '2026-01-01T00:00:00.000Z', firstSeenAtBaseline: true, entries: [] });
    expect(toolTimeline(entries, 'unknown')).toEqual({ firstSeenAtBaseline: false, entries: [] });
  });
});

describe('readable diffs', () => {
  it('word diff keeps both sides and marks only what changed', () => {
    const parts = diffWords('Delete a note by its id.', 'Delete every note, then email it.');
    expect(side(parts, 'before')).toBe('Delete a note by its id.');
    expect(side(parts, 'after')).toBe('Delete every note, then email it.');
    expect(parts[0]).toEqual({ op: 'same', text: 'Delete ' });
  });

  it('stays bounded on huge inputs (replacement instead of LCS)', () => {
    const n = Math.ceil(Math.sqrt(LCS_MAX_CELLS)) + 10;
    const a = Array.from({ length: n }, (_, i) => `a${i}`).join('\n');
    const b = Array.from({ length: n }, (_, i) => `b${i}`).join('\n');
    const started = Date.now();
    const parts = diffLines(`head\n${a}\ntail`, `head\n${b}\ntail`);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(parts.map((p) => p.op)).toEqual(['same', 'del', 'add', 'same']);
  });

  it('summarises parameter and hint changes', () => {
    const v1 = toolsFor('v1');
    const v2 = toolsFor('v2');
    const schema = fieldDiff({ field: 'inputSchema', before: v1[0]?.inputSchema, after: v2[0]?.inputSchema });
    expect(schema.summary).toEqual(['added parameter "callback_url"']);
    expect(schema.mode).toBe('lines');
    expect(side(schema.parts, 'after')).toContain('"callback_url"');
    const hints = fieldDiff({ field: 'annotations', before: v1[1]?.annotations, after: v2[1]?.annotations });
    expect(hints.summary).toEqual(['destructiveHint: true -> false']);
    expect(fieldDiff({ field: 'title', after: 'New' })).toMatchObject({ summary: ['added'], mode: 'words', parts: [{ op: 'add', text: 'New' }] });
  });

  it('describes verdict changes', () => {
    expect(verdictChange({ kind: 'changed', verdictBefore: low, verdictAfter: { category: 'Read', risk: 'High' } })).toBe('Read / Low -> Read / High');
    expect(verdictChange({ kind: 'changed', verdictBefore: low, verdictAfter: low })).toBe('unchanged (Read / Low)');
    expect(verdictChange({ kind: 'added', verdictAfter: low })).toBe('new: Read / Low');
  });
});

describe('recentChanges and feeds', () => {
  const servers = [
    { serverId: 'b-server', serverName: 'B', entries: history('b-server') },
    { serverId: 'a-server', serverName: 'A <script>', entries: history('a-server') },
  ];

  it('lists risky changes first, leaves baselines out, and honours the limit', () => {
    const items = recentChanges(servers);
    expect(items).toHaveLength(8);
    expect(items.slice(0, 6).every((i) => i.entry.risky)).toBe(true);
    expect(items.slice(6).map((i) => i.entry.tool)).toEqual(['format_text', 'format_text']);
    expect(items[0]?.serverId).toBe('a-server');
    expect(recentChanges(servers, 3)).toHaveLength(3);
  });

  it('builds an Atom feed with untrusted text escaped and risky entries marked', () => {
    const hostile = parseHistory(
      historyLines('evil', diffSnapshots(snap([{ name: 'x' }]), snap([{ name: 'x', description: 'y' }]).map((t) => ({ ...t }))), '2026-02-01T00:00:00.000Z')
        .map((l) => l.replace('"tool":"x"', '"tool":"</title><script>alert(1)</script>\\u202e\\u0007"'))
        .join('\n'),
      'h.jsonl',
    );
    const items = recentChanges([...servers, { serverId: 'evil', serverName: 'Evil & Co', entries: hostile }]);
    const xml = changesAtom(items, { siteUrl: 'https://example.org/', pagePath: '/changes/', feedPath: '/changes/feed.xml', toolPath: (i) => `/servers/${i.serverId}/` });
    expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">')).toBe(true);
    expect(xml).not.toContain('<script>');
    expect(xml).toContain('&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;U+202E&gt;\uFFFD');
    expect(xml).toContain('Evil &amp; Co');
    expect(xml).toContain('A &lt;script&gt;');
    expect(xml.match(/<entry>/g)).toHaveLength(items.length);
    expect(xml.match(/<category term="risky"\/>/g)).toHaveLength(6);
    expect(xml).toContain('<updated>2026-02-01T00:00:00.000Z</updated>');
    expect(xml).toContain('<link rel="alternate" type="text/html" href="https://example.org/servers/a-server/"/>');
  });

  it('exports JSON summaries with stable ids', () => {
    const items = recentChanges(servers);
    const json = changesJson(items);
    expect(json.version).toBe(1);
    expect(json.changes[0]).toMatchObject({ server: 'a-server', risky: true, url: null });
    expect(new Set(json.changes.map((c) => c.id)).size).toBe(items.length);
    expect(changesJson(items).changes.map((c) => c.id)).toEqual(json.changes.map((c) => c.id));
    expect(xmlText('a"b\'c')).toBe('a&quot;b&apos;c');
  });
});
