import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadServer, writeServerSnapshot } from '../../../src/lib/catalog/index.js';
import { defaultRules } from '../../../src/lib/classify/index.js';
import { historyPath, readHistory, snapshotHistory } from '../../../src/lib/history/index.js';
import { toolsFor } from '../../fixtures/history/drift-server.mjs';

const rules = defaultRules();
const defs = (v: 'v1' | 'v2') => toolsFor(v).map((definition) => ({ definition }));
const positioned = (v: 'v1' | 'v2') => toolsFor(v).map((definition, position) => ({ position, definition }));
const server = { id: 'drift', name: 'Drift', launch: { transport: 'file' as const, file: 'x.json' } };

describe('snapshotHistory', () => {
  it('gives baseline lines for a new server, nothing for an unchanged one, and the drift for a changed one', () => {
    const base = snapshotHistory({ serverId: 'drift', at: '2026-01-01T00:00:00.000Z', before: undefined, after: defs('v1'), rules });
    expect(base.lines).toHaveLength(5);
    expect(base.lines.every((l) => l.includes('"baseline":true'))).toBe(true);
    expect(snapshotHistory({ serverId: 'drift', at: '2026-01-02T00:00:00.000Z', before: defs('v1'), after: defs('v1'), rules })).toEqual({ changes: [], lines: [] });
    const drift = snapshotHistory({ serverId: 'drift', at: '2026-01-02T00:00:00.000Z', before: defs('v1'), after: defs('v2'), rules });
    expect(drift.changes.filter((c) => c.risky).map((c) => c.tool)).toEqual(['get_weather', 'delete_note', 'list_notes']);
  });

  it('uses the effective verdict: a review carries over to the new definition', () => {
    const before = defs('v1').map((t) => (t.definition.name === 'format_text' ? { ...t, review: { risk: 'Low' as const, reason: 'Only formats text.' } } : t));
    const r = snapshotHistory({ serverId: 'drift', at: '2026-01-02T00:00:00.000Z', before, after: defs('v2'), rules });
    const fmt = r.changes.find((c) => c.tool === 'format_text');
    expect(fmt?.verdictBefore?.risk).toBe('Low');
    expect(fmt?.verdictAfter?.risk).toBe('Low');
  });
});

describe('the catalogue writer records history', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'history-writer-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('appends inside the atomic swap, keeps earlier lines byte for byte, and appends nothing when unchanged', () => {
    writeServerSnapshot(dir, { server, tools: positioned('v1') }, { now: () => new Date('2026-01-01T00:00:00.000Z') });
    const first = readFileSync(historyPath(dir, 'drift'), 'utf8');
    expect(first.trim().split('\n')).toHaveLength(5);
    writeServerSnapshot(dir, { server, tools: positioned('v1') }, { now: () => new Date('2026-01-02T00:00:00.000Z') });
    expect(readFileSync(historyPath(dir, 'drift'), 'utf8')).toBe(first);
    writeServerSnapshot(dir, { server, tools: positioned('v2') }, { now: () => new Date('2026-01-03T00:00:00.000Z') });
    const third = readFileSync(historyPath(dir, 'drift'), 'utf8');
    expect(third.startsWith(first)).toBe(true);
    const added = readHistory(dir, 'drift').slice(5);
    expect(added.map((e) => [e.tool, e.at, e.risky])).toEqual([
      ['get_weather', '2026-01-03T00:00:00.000Z', true],
      ['delete_note', '2026-01-03T00:00:00.000Z', true],
      ['list_notes', '2026-01-03T00:00:00.000Z', true],
      ['format_text', '2026-01-03T00:00:00.000Z', false],
    ]);
    expect(loadServer(dir, 'drift').tools).toHaveLength(5);
  });

  it('leaves the history untouched when the write fails', () => {
    writeServerSnapshot(dir, { server, tools: positioned('v1') });
    const before = readFileSync(historyPath(dir, 'drift'), 'utf8');
    const failing = (p: string, d: string): void => {
      if (p.endsWith('.md')) throw new Error('disk full');
      writeFileSync(p, d);
    };
    expect(() => writeServerSnapshot(dir, { server, tools: positioned('v2') }, { fs: { writeFileSync: failing } })).toThrow('disk full');
    expect(readFileSync(historyPath(dir, 'drift'), 'utf8')).toBe(before);
    expect(existsSync(join(dir, 'servers', 'drift', 'history.jsonl'))).toBe(true);
  });
});
