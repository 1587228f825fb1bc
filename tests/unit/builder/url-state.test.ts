import { describe, expect, it } from 'vitest';
import { choiceCode, parseChoiceCode, type Choice } from '../../../src/lib/builder/actions.js';
import { STATE_LIMITS, decodeState, encodeState, type BuilderState } from '../../../src/lib/builder/url-state.js';
import { builderAddHref, builderServerHref, parseEntryQuery } from '../../../src/lib/builder/links.js';
import type { Selection } from '../../../src/lib/builder/selection.js';
import { createRng } from '../../../src/lib/synth/prng.js';

const CHOICES: Choice[] = [
  { action: 'hide' },
  { action: 'deny' },
  { action: 'require_approval' },
  { action: 'allow' },
  { action: 'rate_limit', rate_limit: { max: 10, window: 60 } },
  { action: 'rate_limit', rate_limit: { max: 3, window: 86_400 } },
];

const HOSTILE_IDS = ['<script>alert(1)</script>', 'a;b', 'a:b', 'a,b', 'a.b', 'a.d', 'a&s=x', 'x#y', '%41', '~7E', 'ünï', '🔥', '..', 'a b'];

function randomSelection(seed: string, servers: number, tools: number): Selection {
  const rng = createRng(seed);
  const ids = rng.sample([...HOSTILE_IDS, 'github', 'filesystem', 'sperax-crypto-mcp', 'x_y-z'], servers).sort();
  return {
    servers: ids.map((id) => ({
      id,
      defaultDeny: rng.chance(0.5),
      tools: rng.sample([...HOSTILE_IDS, 'push_files', 'BinanceOptionsDeleteListenKey', 'etc-passwd-a1b2c3', 'write_file'], tools).map((slug) => ({ slug, choice: rng.pick(CHOICES) })),
    })),
  };
}

/** The fragment as the browser would show and hand it back after a round trip through a URL. */
function throughUrl(fragment: string): string {
  return new URL(`https://example.org/builder/#${fragment}`).hash;
}

describe('encodeState / decodeState', () => {
  it('round-trips selections with hostile ids and slugs, overrides, rate limits and the format', () => {
    for (let i = 0; i < 50; i += 1) {
      const state: BuilderState = { selection: randomSelection(`state-${i}`, 1 + (i % 5), 1 + (i % 7)), format: i % 2 ? 'claude-code' : undefined };
      const fragment = encodeState(state);
      expect(fragment).toMatch(/^v=1&s=[A-Za-z0-9_~\-.:,;]*(&f=[a-z-]+)?$/);
      const decoded = decodeState(throughUrl(fragment));
      expect(decoded.notices).toEqual([]);
      expect(decoded.state).toEqual(state.format ? state : { selection: state.selection });
      // A messenger that percent-encodes the separators changes nothing either.
      expect(decodeState(`#${encodeURIComponent(fragment).replace(/%26/g, '&').replace(/%3D/g, '=')}`).state).toEqual(decoded.state);
    }
  });

  it('writes a readable, short link: slug plus action code per tool', () => {
    const sel: Selection = {
      servers: [
        { id: 'filesystem', defaultDeny: false, tools: [{ slug: 'write_file', choice: { action: 'require_approval' } }, { slug: 'move_file', choice: { action: 'allow' } }] },
        { id: 'github', defaultDeny: true, tools: [{ slug: 'push_files', choice: { action: 'hide' } }] },
      ],
    };
    expect(encodeState({ selection: sel })).toBe('v=1&s=filesystem:write_file.p,move_file.a;github.d:push_files.h');
    // Length grows by the slug plus a few characters per tool.
    const big = { servers: [{ id: 'srv', defaultDeny: false, tools: Array.from({ length: 500 }, (_, i) => ({ slug: `tool_number_${i}`, choice: { action: 'hide' as const } })) }] };
    const slugChars = big.servers[0]!.tools.reduce((n, t) => n + t.slug.length, 0);
    expect(encodeState({ selection: big }).length).toBeLessThanOrEqual(slugChars + 3 * 500 + 20);
  });

  it('returns no state for a fragment without a selection', () => {
    expect(decodeState('')).toEqual({ notices: [] });
    expect(decodeState('#top')).toEqual({ notices: [] });
  });

  it('ignores another version with a notice', () => {
    const d = decodeState('#v=2&s=github:push_files.h');
    expect(d.state?.selection.servers).toEqual([]);
    expect(d.notices[0]).toContain('v=2');
    expect(decodeState('#s=github:push_files.h').notices[0]).toContain('v=none');
  });

  it('skips malformed parts with one notice and keeps the rest', () => {
    const d = decodeState('#v=1&s=github:push_files.h,bad.zz,no-code,a.b.c;<b>:x.h;nocolon;github.q:y.h;files:ok.r0-60,ok2.r5-99999999999,ok3.r5-60');
    expect(d.state?.selection.servers).toEqual([
      { id: 'files', defaultDeny: false, tools: [{ slug: 'ok3', choice: { action: 'rate_limit', rate_limit: { max: 5, window: 60 } } }] },
      { id: 'github', defaultDeny: false, tools: [{ slug: 'push_files', choice: { action: 'hide' } }] },
    ]);
    expect(d.notices).toHaveLength(1);
    expect(d.notices[0]).toMatch(/^8 parts of the link's selection could not be read/);
  });

  it('merges a server listed twice and keeps the first choice of a repeated tool', () => {
    const d = decodeState('#v=1&s=g:a.h,a.a;g:b.d,a.p');
    expect(d.state?.selection.servers[0]?.tools).toEqual([
      { slug: 'a', choice: { action: 'hide' } },
      { slug: 'b', choice: { action: 'deny' } },
    ]);
  });

  it('bounds what it reads', () => {
    const many = Array.from({ length: STATE_LIMITS.tools + 5 }, (_, i) => `t${i}.h`).join(',');
    const d = decodeState(`v=1&s=g:${many}`);
    expect(d.state?.selection.servers[0]?.tools).toHaveLength(STATE_LIMITS.tools);
    expect(d.notices[0]).toContain('5 beyond that were skipped');
    expect(decodeState(`v=1&s=${'x'.repeat(STATE_LIMITS.chars)}`).notices[0]).toContain('longer than');
  });

  it('drops a format id that is not plain', () => {
    expect(decodeState('#v=1&s=g:a.h&f=<x>').state?.format).toBeUndefined();
  });
});

describe('action codes', () => {
  it('round-trip every choice and reject the rest', () => {
    for (const c of CHOICES) expect(parseChoiceCode(choiceCode(c))).toEqual(c);
    for (const bad of ['', 'x', 'H', 'r', 'r10', 'r-1-60', 'r01-60', 'r10-0', 'r10-31536001', 'r1000001-60', 'hh']) expect(parseChoiceCode(bad), bad).toBeUndefined();
  });
});

describe('entry links', () => {
  it('builderAddHref and builderServerHref are read back by parseEntryQuery, hostile ids included', () => {
    for (const id of [...HOSTILE_IDS, 'sperax-crypto-mcp']) {
      for (const slug of [...HOSTILE_IDS, 'BinanceOptionsDeleteListenKey']) {
        const href = builderAddHref(id, slug);
        expect(href.startsWith('/builder/?add=')).toBe(true);
        expect(href).toMatch(/^[\x21-\x7e]+$/);
        expect(parseEntryQuery(new URL(href, 'https://x.org').search)).toEqual({ adds: [{ server: id, slugs: [slug] }], notices: [] });
      }
      expect(parseEntryQuery(new URL(builderServerHref(id, 'Critical'), 'https://x.org').search)).toEqual({ adds: [], atOrAbove: { server: id, min: 'Critical' }, notices: [] });
    }
    expect(builderAddHref('sperax-crypto-mcp', 'BinanceOptionsDeleteListenKey')).toBe('/builder/?add=sperax-crypto-mcp:BinanceOptionsDeleteListenKey');
  });

  it('reads several tools and servers, a lowercase level, and reports bad parts', () => {
    const q = parseEntryQuery('?add=a:x,y;b:z;:q;c:bad.slug&server=g&min=high');
    expect(q.adds).toEqual([{ server: 'a', slugs: ['x', 'y'] }, { server: 'b', slugs: ['z'] }]);
    expect(q.atOrAbove).toEqual({ server: 'g', min: 'High' });
    expect(q.notices).toEqual(['2 parts of the link could not be read and were skipped.']);
    expect(parseEntryQuery('?server=g&min=Severe').notices[0]).toContain('Unknown risk level "Severe"');
    expect(parseEntryQuery('?server=g').atOrAbove).toEqual({ server: 'g', min: 'High' });
    expect(parseEntryQuery('')).toEqual({ adds: [], notices: [] });
  });
});
