import { describe, expect, it } from 'vitest';
import { CHOICE_ACTIONS, choiceFor, type Choice } from '../../../src/lib/builder/actions.js';
import { combinePolicies, tallyPolicies } from '../../../src/lib/builder/combine.js';
import { parseServerFile } from '../../../src/lib/builder/data.js';
import { EMPTY_SELECTION, addTools, setChoice, setDefaultDeny, type Selection } from '../../../src/lib/builder/selection.js';
import { builderServerFile } from '../../../src/lib/builder/site.js';
import { evaluate } from '../../../src/lib/policy/evaluate.js';
import { createRng } from '../../../src/lib/synth/prng.js';
import { getSiteData } from '../../../src/lib/view/site-data.js';
import type { Policy } from '../../../src/lib/schema/index.js';
import { CRYPTO, FILES, HOSTILE, SERVERS, tool } from './fixtures.js';

/** What `evaluate` must say for a tool given its choice: listing, outcome with no calls, outcome at the limit. */
function expected(choice: Choice): { listed: boolean; fresh: string; full: string } {
  switch (choice.action) {
    case 'hide':
      return { listed: false, fresh: 'deny', full: 'deny' };
    case 'deny':
      return { listed: true, fresh: 'deny', full: 'deny' };
    case 'require_approval':
      return { listed: true, fresh: 'require_approval', full: 'require_approval' };
    case 'allow':
      return { listed: true, fresh: 'allow', full: 'allow' };
    case 'rate_limit':
      return { listed: true, fresh: 'allow', full: 'rate_limited' };
  }
}

function observed(policy: Policy, name: string, choice: Choice): { listed: boolean; fresh: string; full: string } {
  const now = 1_000_000_000;
  const calls = choice.action === 'rate_limit' ? Array.from({ length: choice.rate_limit.max }, (_, i) => now - i) : [now - 1];
  const d = evaluate(policy, name, [], now);
  return { listed: d.listed, fresh: d.outcome, full: evaluate(policy, name, calls, now).outcome };
}

/** A random selection over the fixture servers with random choices and defaults. */
function randomSelection(seed: string): Selection {
  const rng = createRng(seed);
  let sel = EMPTY_SELECTION;
  for (const server of [CRYPTO, HOSTILE, FILES]) {
    if (!rng.chance(0.8)) continue;
    const picked = rng.sample(server.tools, rng.int(1, server.tools.length));
    sel = addTools(sel, server, picked);
    for (const t of picked) if (rng.chance(0.6)) sel = setChoice(sel, server.id, t.slug, choiceFor(rng.pick(CHOICE_ACTIONS), t));
    sel = setDefaultDeny(sel, server.id, rng.chance(0.5));
  }
  return sel;
}

describe('combinePolicies agrees with evaluate(), tool by tool', () => {
  it('gives every selected tool the outcome of its choice, and every other tool the server default', () => {
    for (let i = 0; i < 60; i += 1) {
      const sel = randomSelection(`combine-${i}`);
      const combined = combinePolicies(sel, SERVERS);
      expect(combined.map((c) => c.server.id)).toEqual(sel.servers.map((s) => s.id));
      for (const s of sel.servers) {
        const server = SERVERS.get(s.id)!;
        const { policy } = combined.find((c) => c.server.id === s.id)!;
        expect(policy.default).toBe(s.defaultDeny ? 'deny' : 'allow');
        const chosen = new Map(s.tools.map((t) => [server.bySlug.get(t.slug)!.name, t.choice]));
        for (const t of server.tools) {
          const choice = chosen.get(t.name);
          if (choice && t.name !== 'GetGasPrice') expect(observed(policy, t.name, choice), `${s.id}/${t.name}`).toEqual(expected(choice));
          else if (!choice) expect(evaluate(policy, t.name)).toMatchObject({ source: 'default', listed: true, outcome: s.defaultDeny ? 'deny' : 'allow' });
        }
      }
    }
  });

  it('gives a name listed twice one entry, the stricter choice', () => {
    const [first, second] = CRYPTO.tools.filter((t) => t.name === 'GetGasPrice');
    let sel = addTools(EMPTY_SELECTION, CRYPTO, [first!, second!]);
    sel = setChoice(sel, 'crypto', first!.slug, { action: 'allow' });
    sel = setChoice(sel, 'crypto', second!.slug, { action: 'require_approval' });
    const policy = combinePolicies(sel, SERVERS)[0]!.policy;
    expect(policy.rules.filter((r) => r.tool === 'GetGasPrice')).toHaveLength(1);
    expect(evaluate(policy, 'GetGasPrice').outcome).toBe('require_approval');
    sel = setChoice(sel, 'crypto', first!.slug, { action: 'hide' });
    expect((combinePolicies(sel, SERVERS)[0] as { policy: Policy }).policy).toMatchObject({ hide: ['GetGasPrice'], rules: [] });
  });

  it('explains a changed action in the rule reason', () => {
    const sel = setChoice(addTools(EMPTY_SELECTION, FILES, [tool(FILES, 'write_file')]), 'files', 'write_file', { action: 'deny' });
    expect(combinePolicies(sel, SERVERS)[0]?.policy.rules[0]?.reason).toBe('Medium risk (Write); set to deny (listed, refused) in the policy builder (recommended: rate limit (10 per 60 s))');
  });

  it('skips servers and tools it does not know', () => {
    const sel: Selection = { servers: [{ id: 'nope', defaultDeny: false, tools: [{ slug: 'x', choice: { action: 'hide' } }] }, { id: 'files', defaultDeny: false, tools: [{ slug: 'gone', choice: { action: 'hide' } }] }] };
    expect(combinePolicies(sel, SERVERS)).toEqual([]);
  });

  it('tallies outcomes with evaluate', () => {
    let sel = addTools(EMPTY_SELECTION, FILES, FILES.tools);
    sel = setChoice(sel, 'files', 'read_file', { action: 'deny' });
    sel = setDefaultDeny(sel, 'files', true);
    expect(tallyPolicies(combinePolicies(sel, SERVERS))).toEqual({ servers: 1, tools: 4, hidden: 1, denied: 1, approval: 1, rateLimited: 1, allowed: 0, defaultDeny: 1 });
  });
});

describe('on the real catalogue', () => {
  const data = getSiteData();
  const servers = new Map(data.servers.map((s) => [s.id, parseServerFile(JSON.parse(JSON.stringify(builderServerFile(s))), s.id)]));

  it('selecting every tool with the recommended actions and refusing the rest gives exactly the site\'s whole-server policy', () => {
    expect(servers.size).toBe(data.servers.length);
    for (const s of data.servers) {
      const server = servers.get(s.id)!;
      const sel = setDefaultDeny(addTools(EMPTY_SELECTION, server, server.tools), s.id, true);
      expect(combinePolicies(sel, servers)[0]?.policy ?? { version: '1', default: 'deny', hide: [], rules: [] }, s.id).toEqual(s.policy);
    }
  });

  it('selecting one tool with the default allow gives exactly its tool page snippet', () => {
    let checked = 0;
    for (const t of data.tools) {
      if (!t.name) continue;
      const server = servers.get(t.serverId)!;
      const sel = addTools(EMPTY_SELECTION, server, [server.bySlug.get(t.slug)!]);
      const [one] = combinePolicies(sel, servers);
      if (server.tools.filter((x) => x.name === t.name).length > 1) continue;
      expect(one?.policy, `${t.serverId}/${t.name}`).toEqual(t.policy);
      checked += 1;
    }
    expect(checked).toBeGreaterThan(2000);
  });

  it('the model tool comes out hidden', () => {
    const sperax = servers.get('sperax-crypto-mcp')!;
    const t = sperax.tools.find((x) => x.name === 'BinanceOptionsDeleteListenKey')!;
    expect(t).toMatchObject({ category: 'Destructive', risk: 'Critical' });
    const [p] = combinePolicies(addTools(EMPTY_SELECTION, sperax, [t]), servers);
    expect(p?.policy).toEqual({ version: '1', default: 'allow', hide: ['BinanceOptionsDeleteListenKey'], rules: [] });
  });
});
