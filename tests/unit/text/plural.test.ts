import { describe, expect, it } from 'vitest';
import { count } from '../../../src/lib/plural.js';

describe('count', () => {
  it('uses the singular for exactly one and the plural otherwise', () => {
    expect([0, 1, 2, 11].map((n) => count(n, 'tool'))).toEqual(['0 tools', '1 tool', '2 tools', '11 tools']);
    expect(count(1, 'entry', 'entries')).toBe('1 entry');
    expect(count(3, 'entry', 'entries')).toBe('3 entries');
  });
});
