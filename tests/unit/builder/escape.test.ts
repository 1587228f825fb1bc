import { describe, expect, it } from 'vitest';
import { clip, escapePart, unescapePart } from '../../../src/lib/builder/escape.js';
import { HOSTILE_NAMES } from '../policy/fixtures.js';
import { createRng } from '../../../src/lib/synth/prng.js';

const SAMPLES = [...HOSTILE_NAMES.filter((n) => !/[\uD800-\uDFFF]/.test(n)), 'plain_Name-1', 'a.b:c,d;e&f=g#h%i~j', '<script>alert(1)</script>', '../../etc/passwd', ' ', 'ключ', '工具'];

describe('escapePart / unescapePart', () => {
  it('leaves slug characters alone and escapes everything else to ~XX', () => {
    expect(escapePart('BinanceOptionsDeleteListenKey')).toBe('BinanceOptionsDeleteListenKey');
    expect(escapePart('write_file-2')).toBe('write_file-2');
    expect(escapePart('a.b')).toBe('a~2Eb');
    expect(escapePart('~')).toBe('~7E');
    expect(escapePart('é')).toBe('~C3~A9');
  });

  it('round-trips hostile and random strings, and the escaped form holds no separator', () => {
    const rng = createRng('escape');
    const random = Array.from({ length: 300 }, () => String.fromCodePoint(...Array.from({ length: rng.int(1, 12) }, () => rng.pick([rng.int(0x20, 0x7e), rng.int(0xa0, 0x2fff), rng.int(0x1f300, 0x1f5ff)]))));
    for (const s of [...SAMPLES, ...random]) {
      const e = escapePart(s);
      expect(e).toMatch(/^[A-Za-z0-9_~-]*$/);
      expect(unescapePart(e)).toBe(s);
      // Percent-encoding and decoding by a browser or messenger changes nothing.
      expect(unescapePart(decodeURIComponent(encodeURIComponent(e)))).toBe(s);
    }
  });

  it('rejects text that is not an escaped part', () => {
    for (const bad of ['a.b', 'a b', '~', '~4', '~ZZ', '%41', '~FF', '~C3', 'a:b', '<x>']) expect(unescapePart(bad), bad).toBeUndefined();
    expect(unescapePart('')).toBe('');
  });

  it('clips long untrusted text for notices', () => {
    expect(clip('x'.repeat(100), 10)).toBe(`${'x'.repeat(10)}…`);
    expect(clip('short')).toBe('short');
  });
});
