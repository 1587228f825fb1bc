import { describe, expect, it } from 'vitest';
import { classify } from '../../../src/lib/classify/index.js';
import { NOT_DECLARED_TEXT, annotationCoverage, annotationStatus, declaredHints } from '../../../src/lib/analysis/index.js';
import type { ToolDefinition } from '../../../src/lib/schema/index.js';

const tools: ToolDefinition[] = [
  { name: 'read_notes', description: 'List the saved notes.', annotations: { readOnlyHint: true, openWorldHint: false } },
  { name: 'delete_note', description: 'Delete a note by its id.', annotations: { readOnlyHint: false, destructiveHint: true } },
  { name: 'wipe_all', description: 'Permanently delete every note.', annotations: { readOnlyHint: true, destructiveHint: false } },
  { name: 'bare', description: 'Does something.' },
  { name: 'junk', description: 'Junk hints.', annotations: { readOnlyHint: 'yes', destructiveHint: null } },
  { name: 'not_object', description: 'Annotations is a string.', annotations: 'readOnly' },
];

describe('annotationCoverage', () => {
  it('counts declared true, declared false and missing per hint, and tools declaring none', () => {
    const c = annotationCoverage(tools);
    expect(c.total).toBe(6);
    expect(c.noneDeclared).toBe(3);
    expect(c.readOnlyHint).toEqual({ declaredTrue: 2, declaredFalse: 1, missing: 3 });
    expect(c.destructiveHint).toEqual({ declaredTrue: 1, declaredFalse: 1, missing: 4 });
    expect(c.idempotentHint).toEqual({ declaredTrue: 0, declaredFalse: 0, missing: 6 });
    expect(c.openWorldHint).toEqual({ declaredTrue: 0, declaredFalse: 1, missing: 5 });
    expect(annotationCoverage([]).noneDeclared).toBe(0);
  });

  it('never treats non-boolean hints as declared', () => {
    expect(declaredHints(tools[4]!)).toEqual({});
    expect(declaredHints(tools[5]!)).toEqual({});
  });

  it('words the undeclared case with the cautious spec defaults', () => {
    expect(NOT_DECLARED_TEXT).toBe("not declared (the spec's defaults: may modify, may destroy, open world)");
  });
});

describe('annotationStatus', () => {
  const status = (t: ToolDefinition) => annotationStatus(t, classify(t));
  it('is declared, missing, or conflict when the hints contradict what the tool does', () => {
    expect(status(tools[0]!)).toBe('declared');
    expect(status(tools[1]!)).toBe('declared');
    expect(status(tools[2]!)).toBe('conflict');
    expect(status(tools[3]!)).toBe('missing');
    expect(status(tools[4]!)).toBe('missing');
  });
});
