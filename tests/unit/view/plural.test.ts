import { describe, expect, it } from 'vitest';
import { plural } from '../../../src/lib/view/labels.js';

describe('plural', () => {
  it('uses the singular for exactly one and the plural otherwise', () => {
    expect([0, 1, 2, 1234].map((n) => plural(n, 'tool'))).toEqual(['0 tools', '1 tool', '2 tools', '1,234 tools']);
    expect(plural(1, 'entry', 'entries')).toBe('1 entry');
    expect(plural(3, 'entry', 'entries')).toBe('3 entries');
  });
});
