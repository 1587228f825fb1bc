import { describe, expect, it } from 'vitest';
import { annotationRows, declaresNoHints } from '../../../src/lib/view/annotations.js';
import type { PredictedAnnotations } from '../../../src/lib/schema/index.js';

const predicted: PredictedAnnotations = { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true };

describe('annotationRows', () => {
  it('shows absent hints as not declared with the spec default, never as a value', () => {
    const rows = annotationRows({ name: 't' }, predicted);
    expect(rows).toHaveLength(4);
    expect(declaresNoHints(rows)).toBe(true);
    const ro = rows.find((r) => r.hint === 'readOnlyHint')!;
    expect(ro.declared).toBeNull();
    expect(ro.declaredText).toBe('not declared (spec default: false)');
    expect(rows.find((r) => r.hint === 'destructiveHint')!.declaredText).toBe('not declared (spec default: true)');
    expect(rows.some((r) => r.conflict)).toBe(false);
  });

  it('flags a declared hint that contradicts the prediction', () => {
    const rows = annotationRows({ name: 't', annotations: { readOnlyHint: true, destructiveHint: true } }, predicted);
    const ro = rows.find((r) => r.hint === 'readOnlyHint')!;
    expect(ro.declared).toBe(true);
    expect(ro.conflict).toBe(true);
    expect(ro.warning).toMatch(/readOnlyHint: true.*predicts false/);
    expect(rows.find((r) => r.hint === 'destructiveHint')!.conflict).toBe(false);
    expect(declaresNoHints(rows)).toBe(false);
  });

  it('treats malformed annotations and non-boolean hints as not declared', () => {
    for (const annotations of ['yes', 42, [true], { readOnlyHint: 'true' }]) {
      const rows = annotationRows({ name: 't', annotations }, predicted);
      expect(rows.every((r) => r.declared === null && !r.conflict)).toBe(true);
    }
  });
});
