/** The generated blocks of README.md and docs/eval.md (`npm run eval -- --write`). */
import { describe, expect, test } from 'vitest';
import { END_MARKER, replaceMarked } from '../../../src/lib/eval/index.js';

describe('replaceMarked', () => {
  const doc = ['# Title', 'prose before', '<!-- eval:corpus -->', 'old figures', 'more old', END_MARKER, 'prose after', '<!-- eval:unseen -->', 'kept', END_MARKER, ''].join('\n');

  test('replaces only the text between the start marker and the next end marker', () => {
    const out = replaceMarked(doc, '<!-- eval:corpus -->', 'new figures');
    expect(out).toBe(['# Title', 'prose before', '<!-- eval:corpus -->', 'new figures', END_MARKER, 'prose after', '<!-- eval:unseen -->', 'kept', END_MARKER, ''].join('\n'));
    // idempotent
    expect(replaceMarked(out, '<!-- eval:corpus -->', 'new figures\n')).toBe(out);
  });

  test('a missing marker is an error, not a silent append', () => {
    expect(() => replaceMarked(doc, '<!-- eval:readme -->', 'x')).toThrow(/eval:readme/);
    expect(() => replaceMarked('<!-- eval:readme -->\nno end', '<!-- eval:readme -->', 'x')).toThrow(/eval:end/);
  });
});
