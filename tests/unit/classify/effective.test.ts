import { describe, expect, test } from 'vitest';
import { classify, effectiveVerdict } from '../../../src/lib/classify/index.js';
import { makeTool } from './helpers.js';

const write = classify(makeTool('update_page', 'Update a page.')); // Write / Medium
const destructive = classify(makeTool('delete_page', 'Delete a page.')); // Destructive / Critical

describe('effectiveVerdict', () => {
  test('without a review it is the classifier verdict', () => {
    expect(effectiveVerdict(write)).toEqual({ category: 'Write', risk: 'Medium', overridden: false });
  });

  test.each([
    ['risk only', write, { risk: 'Low' as const, reason: 'sandbox only' }, { category: 'Write', risk: 'Low', overridden: true }],
    ['both', destructive, { category: 'Write' as const, risk: 'Medium' as const, reason: 'soft delete' }, { category: 'Write', risk: 'Medium', overridden: true }],
    ['category raising the floor', write, { category: 'Financial' as const, reason: 'charges a card' }, { category: 'Financial', risk: 'Critical', overridden: true }],
    ['category alone never lowers risk', destructive, { category: 'Write' as const, reason: 'soft delete' }, { category: 'Write', risk: 'Critical', overridden: true }],
    ['a confirming note', write, { reason: 'checked by hand' }, { category: 'Write', risk: 'Medium', overridden: false }],
    ['restating the verdict', write, { category: 'Write' as const, risk: 'Medium' as const, reason: 'agree' }, { category: 'Write', risk: 'Medium', overridden: false }],
  ])('%s', (_label, c, review, expected) => {
    expect(effectiveVerdict(c, review)).toEqual({ ...expected, reason: review.reason });
  });
});
