import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  HistoryError,
  appendHistory,
  diffSnapshots,
  historyLines,
  historyPath,
  parseHistory,
  readHistory,
  type SnapshotTool,
} from '../../../src/lib/history/index.js';
import { toolsFor } from '../../fixtures/history/drift-server.mjs';

const AT = '2026-03-01T12:00:00.000Z';
const v = { category: 'Read' as const, risk: 'Low' as const };
const snap = (version: 'v1' | 'v2'): SnapshotTool[] => toolsFor(version).map((d) => ({ name: d.name, definition: d, verdict: v }));
const changes = diffSnapshots(snap('v1'), snap('v2'));

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'history-jsonl-'));
  mkdirSync(join(dir, 'servers', 'drift'), { recursive: true });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** The same definitions with every object's keys in reverse order. */
function reversedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversedKeys);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).reverse().map(([k, x]) => [k, reversedKeys(x)]));
  return value;
}

describe('historyLines', () => {
  it('is deterministic: same changes, same bytes, whatever the key order of the definitions', () => {
    const reversed = diffSnapshots(
      snap('v1').map((t) => ({ ...t, definition: reversedKeys(t.definition) as typeof t.definition })),
      snap('v2').map((t) => ({ ...t, definition: reversedKeys(t.definition) as typeof t.definition })),
    );
    const lines = historyLines('drift', changes, AT);
    expect(lines).toHaveLength(4);
    expect(historyLines('drift', reversed, AT)).toEqual(lines);
    expect(lines[0]?.startsWith(`{"v":1,"at":"${AT}","server":"drift","tool":"get_weather","kind":"changed","risky":true,`)).toBe(true);
    for (const l of lines) expect(l).not.toContain('\n');
  });

  it('gives no lines for no changes, and presence-only lines for a baseline', () => {
    expect(historyLines('drift', diffSnapshots(snap('v1'), snap('v1')), AT)).toEqual([]);
    const base = historyLines('drift', diffSnapshots([], snap('v1')), AT, { baseline: true }).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(base).toHaveLength(5);
    for (const e of base) expect(e).toMatchObject({ kind: 'added', baseline: true, risky: false, riskyReasons: [], fields: [] });
  });

  it('refuses a time that is not ISO 8601', () => {
    expect(() => historyLines('drift', changes, 'yesterday')).toThrow(HistoryError);
  });
});

describe('appendHistory / readHistory', () => {
  it('appends without rewriting, reads back what was written, and appends nothing when unchanged', () => {
    expect(readHistory(dir, 'drift')).toEqual([]);
    expect(appendHistory(dir, 'drift', diffSnapshots([], snap('v1')), AT, { baseline: true })).toBe(5);
    const first = readFileSync(historyPath(dir, 'drift'), 'utf8');
    expect(appendHistory(dir, 'drift', changes, '2026-03-02T00:00:00.000Z')).toBe(4);
    const second = readFileSync(historyPath(dir, 'drift'), 'utf8');
    expect(second.startsWith(first)).toBe(true);
    expect(appendHistory(dir, 'drift', [], '2026-03-03T00:00:00.000Z')).toBe(0);
    expect(readFileSync(historyPath(dir, 'drift'), 'utf8')).toBe(second);
    const entries = readHistory(dir, 'drift');
    expect(entries).toHaveLength(9);
    expect(entries.filter((e) => e.baseline)).toHaveLength(5);
    expect(entries[5]).toMatchObject({ tool: 'get_weather', kind: 'changed', risky: true, fields: [{ field: 'inputSchema' }] });
    const weatherAfter = toolsFor('v2')[0]?.inputSchema as { properties: Record<string, unknown> };
    expect((entries[5]?.fields[0]?.after as { properties: Record<string, unknown> }).properties).toEqual(weatherAfter.properties);
  });

  it('starts appended lines on a new line when the file lacks a final newline', () => {
    const file = historyPath(dir, 'drift');
    writeFileSync(file, historyLines('drift', changes.slice(0, 1), AT)[0] ?? '');
    appendHistory(dir, 'drift', changes.slice(1, 2), AT);
    expect(readHistory(dir, 'drift').map((e) => e.tool)).toEqual(['get_weather', 'delete_note']);
  });

  it('names file:line and the field of a malformed line', () => {
    const file = historyPath(dir, 'drift');
    const good = historyLines('drift', changes, AT);
    writeFileSync(file, `${good[0]}\n\n${good[1]?.replace('"risky":true', '"risky":"yes"')}\n`);
    expect(() => readHistory(dir, 'drift')).toThrow(/servers\/drift\/history\.jsonl:3: risky: expected a boolean, got a string$/);
    writeFileSync(file, `${good[0]}\n{not json\n`);
    expect(() => readHistory(dir, 'drift')).toThrow(/history\.jsonl:2: invalid JSON/);
    expect(() => parseHistory(good[0]!.replace('"kind":"changed"', '"kind":"renamed"'), 'h.jsonl')).toThrow(/^h\.jsonl:1: kind: expected one of added, removed, changed/);
    expect(() => parseHistory(good[0]!.replace('"v":1', '"v":1,"extra":1'), 'h.jsonl')).toThrow(/^h\.jsonl:1: extra: unknown field/);
  });

  it('refuses to append to a server folder that does not exist', () => {
    expect(() => appendHistory(dir, 'nope', changes, AT)).toThrow(/server folder does not exist/);
  });
});
