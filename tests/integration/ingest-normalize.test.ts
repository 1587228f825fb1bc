/** normalizeListedTools: strange-but-usable definitions are kept and flagged, nameless ones skipped. */
import { describe, expect, it } from 'vitest';
import { LONG_DESCRIPTION_CHARS, normalizeListedTools } from '../../src/lib/ingest/index.js';

const ids = (flags: { id: string }[]) => flags.map((f) => f.id);

describe('normalizeListedTools', () => {
  it('keeps a clean tool unflagged, at its listing position', () => {
    const raw = [{ name: 'read_file', description: 'Read a file.', inputSchema: { type: 'object' }, extra: { kept: true } }];
    const { tools, skipped } = normalizeListedTools(raw);
    expect(skipped).toEqual([]);
    expect(tools).toHaveLength(1);
    expect(tools[0]!.position).toBe(0);
    expect(tools[0]!.flags).toEqual([]);
    expect(tools[0]!.definition).toEqual(raw[0]); // unknown keys kept
  });

  it('skips entries without a usable name, naming each position', () => {
    const raw = [null, 'a string', { description: 'no name' }, { name: '   ' }, { name: 7 }, { name: 'ok' }];
    const { tools, skipped } = normalizeListedTools(raw);
    expect(skipped.map((s) => s.position)).toEqual([0, 1, 2, 3, 4]);
    for (const s of skipped) expect(s.reason).toContain(`position ${s.position}`);
    expect(skipped[2]!.reason).toContain('missing');
    expect(tools.map((t) => [t.position, t.definition.name])).toEqual([[5, 'ok']]);
  });

  it('flags empty descriptions, non-object or non-"object" schemas and odd annotations', () => {
    const { tools } = normalizeListedTools([
      { name: 'a', description: '', inputSchema: { type: 'object' } },
      { name: 'b', description: 'x', inputSchema: [1, 2] },
      { name: 'c', description: 'x', inputSchema: { type: 'string' } },
      { name: 'd', description: 'x' },
      { name: 'e', description: 'x', inputSchema: { type: 'object' }, annotations: 'readOnly' },
    ]);
    expect(ids(tools[0]!.flags)).toEqual(['empty-description']);
    expect(ids(tools[1]!.flags)).toEqual(['input-schema-not-object']);
    expect(tools[1]!.flags[0]!.message).toContain('array');
    expect(tools[2]!.flags[0]!.message).toContain('"string"');
    expect(tools[3]!.flags[0]!.message).toContain('missing');
    expect(ids(tools[4]!.flags)).toEqual(['annotations-not-object']);
  });

  it('flags every occurrence of a duplicate name with the other positions', () => {
    const { tools } = normalizeListedTools([
      { name: 'x', description: 'one', inputSchema: { type: 'object' } },
      { name: 'y', description: 'other', inputSchema: { type: 'object' } },
      { name: 'x', description: 'two', inputSchema: { type: 'object' } },
    ]);
    expect(ids(tools[0]!.flags)).toEqual(['duplicate-name']);
    expect(tools[0]!.flags[0]!.message).toContain('position 2');
    expect(tools[1]!.flags).toEqual([]);
    expect(tools[2]!.flags[0]!.message).toContain('position 0');
  });

  it('keeps huge text whole but flags it', () => {
    const description = 'z'.repeat(LONG_DESCRIPTION_CHARS + 1);
    const { tools } = normalizeListedTools([{ name: 'big', description, inputSchema: { type: 'object' } }]);
    expect(tools[0]!.definition.description).toBe(description);
    expect(ids(tools[0]!.flags)).toContain('long-description');
    expect(ids(tools[0]!.flags)).not.toContain('large-definition');
    const bigger = normalizeListedTools([{ name: 'big', description: 'z'.repeat(70_000), inputSchema: { type: 'object' } }]);
    expect(ids(bigger.tools[0]!.flags)).toContain('large-definition');
  });

  it('drops a non-string description or title (flagged) instead of the tool, without mutating the input', () => {
    const raw = [{ name: 'n', description: 12, title: { t: 1 }, inputSchema: { type: 'object' } }];
    const { tools } = normalizeListedTools(raw);
    expect(tools[0]!.definition).toEqual({ name: 'n', inputSchema: { type: 'object' } });
    expect(ids(tools[0]!.flags)).toEqual(['invalid-field', 'invalid-field', 'empty-description']);
    expect(raw[0]!.description).toBe(12);
  });
});
