import { describe, expect, test } from 'vitest';
import { EXPORT_FORMATS, PolicyError, evaluate, exportPolicy, exportPolicyFormats, generateServerPolicy, generateToolPolicy, parsePolicy } from '../../../src/lib/policy/index.js';
import { calendarLimit } from '../../../src/lib/policy/export/common.js';
import type { Policy } from '../../../src/lib/schema/policy.js';
import { CRYPTO_TOOLS, HOSTILE_NAMES } from './fixtures.js';
import { cedarDecision, claudeDecision, codexDecision, cursorDecision, interceptDecision, policyLayerDecision, runDockerScript } from './interpreters.js';

const SERVER = 'sperax-crypto-mcp';

/** How evaluate() treats a tool, in the vocabulary the exports are compared against. */
type Treatment = 'hide' | 'deny' | 'approval' | 'rate' | 'allow' | 'default-allow' | 'default-deny';

function treatment(policy: Policy, tool: string): { t: Treatment; limit?: { max: number; window: number } } {
  const d = evaluate(policy, tool, [], 0);
  if (!d.listed) return { t: 'hide' };
  if (d.source === 'default') return { t: d.outcome === 'allow' ? 'default-allow' : 'default-deny' };
  const rule = policy.rules[d.ruleIndex ?? -1];
  if (rule?.action === 'rate_limit' && rule.rate_limit) return { t: 'rate', limit: rule.rate_limit };
  return { t: rule?.action === 'require_approval' ? 'approval' : d.outcome === 'allow' ? 'allow' : 'deny' };
}

const allowAllPolicy: Policy = {
  version: '1',
  default: 'allow',
  hide: ['WithdrawToAddress', 'BothHiddenAndRuled'],
  rules: [
    { tool: 'BothHiddenAndRuled', action: 'allow' },
    { tool: 'BinanceGetTickerPrice', action: 'allow' },
    { tool: 'BinanceSpotCancelAllOrders', action: 'deny', reason: 'cannot be undone' },
    { tool: 'BinanceSpotPlaceOrder', action: 'require_approval' },
    { tool: 'UpdateWatchlist', action: 'rate_limit', rate_limit: { max: 10, window: 60 } },
    { tool: 'CreateListenKey', action: 'rate_limit', rate_limit: { max: 5, window: 90 } },
    { tool: 'WeeklyReport', action: 'rate_limit', rate_limit: { max: 14, window: 604800 } },
    { tool: 'YearlyThing', action: 'rate_limit', rate_limit: { max: 1, window: 31536000 } },
    { tool: 'FirstRuleWins', action: 'deny' },
    { tool: 'FirstRuleWins', action: 'allow' },
  ],
};

const POLICIES: [string, Policy][] = [
  ['generated server policy (default deny)', generateServerPolicy(CRYPTO_TOOLS)],
  ['hand-written default-allow policy', allowAllPolicy],
  ['one-tool snippet of the model tool', generateToolPolicy('BinanceOptionsDeleteListenKey', { category: 'Destructive', risk: 'Critical' })],
];

/** Every name the policy mentions, the fixture's tools, and two it does not know. */
function toolsOf(policy: Policy): string[] {
  return [...new Set([...policy.hide, ...policy.rules.map((r) => r.tool), ...CRYPTO_TOOLS.map((t) => t.name), 'NewToolAddedLater', 'another-tool'])];
}

describe('exportPolicy', () => {
  test('lists every format with a label, and every format exports the model snippet', () => {
    expect(EXPORT_FORMATS.map((f) => f.id)).toEqual(['policy', 'claude-code', 'policylayer', 'intercept', 'cedar', 'docker', 'codex', 'cursor']);
    for (const f of EXPORT_FORMATS) {
      const r = exportPolicy(f.id, POLICIES[2]![1], { server: SERVER });
      expect(f.label.length).toBeGreaterThan(0);
      expect(r.text.endsWith('\n')).toBe(true);
      expect(r.filename.startsWith(SERVER)).toBe(true);
      expect(r.mediaType).toMatch(/^(application|text)\//);
    }
  });

  test('a one-tool snippet downloads as <server>.<tool>.<suffix>, the whole server as <server>.<suffix>', () => {
    for (const f of EXPORT_FORMATS) {
      const whole = exportPolicy(f.id, POLICIES[0]![1], { server: SERVER }).filename;
      const snippet = exportPolicy(f.id, POLICIES[2]![1], { server: SERVER, toolSlug: 'BinanceOptionsDeleteListenKey' }).filename;
      expect(whole.startsWith(`${SERVER}.`)).toBe(true);
      expect(snippet).toBe(`${SERVER}.BinanceOptionsDeleteListenKey.${whole.slice(SERVER.length + 1)}`);
    }
    expect(exportPolicy('policy', POLICIES[2]![1], { server: SERVER, toolSlug: 'X' }).filename).toBe(`${SERVER}.X.policy.json`);
    expect(exportPolicy('docker', POLICIES[2]![1], { server: SERVER, toolSlug: 'X' }).text).toContain(`sh ${SERVER}.X.docker-mcp.sh`);
    expect(() => exportPolicy('policy', POLICIES[2]![1], { server: SERVER, toolSlug: 'a/b' })).toThrow(/toolSlug/);
  });

  test.each([
    ['unknown format', 'yaml', SERVER, 'format'],
    ['server with a space', 'codex', 'my server', 'server'],
    ['server with a dot', 'docker', 'a.b', 'server'],
    ['empty server', 'claude-code', '', 'server'],
  ])('%s is refused naming the field', (_n, format, server, field) => {
    try {
      exportPolicy(format, POLICIES[0]![1], { server });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(PolicyError);
      expect((e as PolicyError).field).toBe(field);
    }
  });

  test('an invalid policy is refused naming the field', () => {
    const bad = { version: '1', default: 'deny', hide: [], rules: [{ tool: 'x', action: 'rate_limit' }] } as unknown as Policy;
    expect(() => exportPolicy('cedar', bad, { server: SERVER })).toThrow(/rules\[0\]\.rate_limit/);
  });
  test('exportPolicyFormats gives exactly what exportPolicy gives per format, and refuses the same inputs', () => {
    for (const [, policy] of POLICIES) {
      expect(exportPolicyFormats(policy, { server: SERVER })).toEqual(EXPORT_FORMATS.map((f) => exportPolicy(f.id, policy, { server: SERVER })));
      expect(exportPolicyFormats(policy, { server: SERVER }, ['codex', 'policy'])).toEqual([exportPolicy('codex', policy, { server: SERVER }), exportPolicy('policy', policy, { server: SERVER })]);
    }
    const bad = { version: '1', default: 'deny', hide: [], rules: [{ tool: 'x', action: 'rate_limit' }] } as unknown as Policy;
    expect(() => exportPolicyFormats(bad, { server: SERVER })).toThrow(/rules\[0\]\.rate_limit/);
    expect(() => exportPolicyFormats(POLICIES[0]![1], { server: 'a.b' })).toThrow(PolicyError);
  });
});

describe.each(POLICIES)('exports of the %s agree with evaluate()', (_name, policy) => {
  const tools = toolsOf(policy);
  const run = (format: string) => exportPolicy(format, policy, { server: SERVER });

  test('policy: parses back to the same policy', () => {
    expect(parsePolicy(run('policy').text)).toEqual(policy);
  });

  test('claude-code: deny / ask / allow per tool; unnamed tools follow the permission mode', () => {
    const { text } = run('claude-code');
    const expected: Record<Treatment, string> = { hide: 'deny', deny: 'deny', approval: 'ask', rate: 'ask', allow: 'allow', 'default-allow': 'mode', 'default-deny': 'mode' };
    for (const tool of tools) expect([tool, claudeDecision(text, SERVER, tool)]).toEqual([tool, expected[treatment(policy, tool).t]]);
  });

  test('policylayer: hide / tools / limits per tool', () => {
    const { text } = run('policylayer');
    for (const tool of tools) {
      const { t, limit } = treatment(policy, tool);
      const got = policyLayerDecision(text, tool);
      if (t === 'rate') {
        const cal = limit ? calendarLimit(limit) : null;
        expect([tool, got]).toEqual([tool, cal ? { kind: 'limited', window: cal.unit, max: cal.count } : { kind: policy.default === 'allow' ? 'hidden' : 'blocked' }]);
      } else {
        const blocked = policy.default === 'allow' ? 'hidden' : 'blocked';
        const expected = { hide: 'hidden', deny: blocked, approval: blocked, allow: 'allowed', 'default-allow': 'allowed', 'default-deny': 'blocked' }[t];
        expect([tool, got]).toEqual([tool, { kind: expected }]);
      }
    }
  });

  test('intercept: hide / deny rule / rate_limit per tool', () => {
    const { text } = run('intercept');
    for (const tool of tools) {
      const { t, limit } = treatment(policy, tool);
      const got = interceptDecision(text, tool);
      if (t === 'rate') {
        const cal = limit ? calendarLimit(limit) : null;
        expect([tool, got]).toEqual([tool, cal ? { kind: 'limited', rate: `${cal.count}/${cal.unit}` } : { kind: 'deny' }]);
      } else {
        const expected = { hide: 'hidden', deny: 'deny', approval: 'deny', allow: 'allow', 'default-allow': 'allow', 'default-deny': 'deny' }[t];
        expect([tool, got]).toEqual([tool, { kind: expected }]);
      }
    }
  });

  test('cedar: cedar-wasm parses the set and isAuthorized matches for every tool', () => {
    const { text } = run('cedar');
    for (const tool of tools) {
      const { t } = treatment(policy, tool);
      expect([tool, cedarDecision(text, tool)]).toEqual([tool, t === 'allow' || t === 'default-allow' ? 'allow' : 'deny']);
    }
  });

  test('docker: running the script leaves exactly the allowed tools enabled, unnamed ones as they were under default allow', () => {
    const { enabled } = runDockerScript(run('docker').text, SERVER);
    for (const tool of tools) {
      const { t } = treatment(policy, tool);
      for (const before of [false, true]) expect([tool, before, enabled(tool, before)]).toEqual([tool, before, t === 'allow' || (t === 'default-allow' && before)]);
    }
  });

  test('cursor: exactly the tools allowed by name are on the allowlist; every other tool asks', () => {
    const { text } = run('cursor');
    for (const tool of tools) {
      const { t } = treatment(policy, tool);
      expect([tool, cursorDecision(text, SERVER, tool)]).toEqual([tool, t === 'allow' ? 'allow' : 'ask']);
    }
  });

  test('codex: enabled/disabled filter and approval_mode per tool', () => {
    const { text } = run('codex');
    for (const tool of tools) {
      const { t } = treatment(policy, tool);
      const expected = {
        hide: { visible: false, prompt: false, mode: 'auto' },
        deny: { visible: false, prompt: false, mode: 'auto' },
        'default-deny': { visible: false, prompt: false, mode: 'auto' },
        approval: { visible: true, prompt: true, mode: 'prompt' },
        rate: { visible: true, prompt: true, mode: 'prompt' },
        allow: { visible: true, prompt: false, mode: 'auto' },
        'default-allow': { visible: true, prompt: false, mode: 'auto' },
      }[t];
      expect([tool, codexDecision(text, SERVER, tool)]).toEqual([tool, expected]);
    }
  });

  test('every loss is stated in the notes', () => {
    const kinds = new Set(tools.map((tool) => treatment(policy, tool).t));
    const notes = (f: string): string => run(f).notes.join(' ');
    expect(run('policy').notes).toEqual([]);
    if (kinds.has('rate')) {
      for (const f of ['claude-code', 'cedar', 'docker', 'codex', 'cursor']) expect(notes(f)).toMatch(/rate limit/i);
      for (const f of ['policylayer', 'intercept']) expect(notes(f)).toMatch(/twice the limit/);
    }
    if (kinds.has('approval')) for (const f of ['policylayer', 'intercept', 'cedar', 'docker']) expect(notes(f)).toMatch(/approval/);
    if (policy.default === 'deny') for (const f of ['claude-code', 'cedar', 'docker', 'codex', 'cursor']) expect(notes(f)).toMatch(/does not name|not name/);
    if (kinds.has('hide') || kinds.has('deny')) expect(notes('cursor')).toMatch(/only pre-approve/);
  });
});

describe('exports with hostile tool names', () => {
  const treatments = ['hide', 'deny', 'require_approval', 'rate_limit', 'allow'] as const;
  const build = (def: Policy['default'], shift: number): Policy => {
    const p: Policy = { version: '1', default: def, hide: [], rules: [] };
    HOSTILE_NAMES.forEach((name, i) => {
      const kind = treatments[(i + shift) % treatments.length];
      if (kind === 'hide') p.hide.push(name);
      else if (kind === 'rate_limit') p.rules.push({ tool: name, action: kind, rate_limit: { max: 3, window: 60 }, reason: `quote " and newline \n in a reason` });
      else if (kind) p.rules.push({ tool: name, action: kind });
    });
    return p;
  };
  const cases = [0, 1, 2, 3, 4].flatMap((shift) => (['allow', 'deny'] as const).map((def) => [def, shift, build(def, shift)] as const));

  test.each(cases)('default %s, shift %i: every format parses and never lets through what evaluate refuses', (_def, _shift, policy) => {
    const out = Object.fromEntries(EXPORT_FORMATS.map((f) => [f.id, exportPolicy(f.id, policy, { server: SERVER }).text]));
    expect(parsePolicy(out.policy)).toEqual(policy);
    const docker = runDockerScript(out.docker!, SERVER);
    expect(docker.files.sort()).toEqual(['calls.log', 'docker', 'export.sh']);
    for (const tool of HOSTILE_NAMES) {
      const d = evaluate(policy, tool, [], 0);
      const refused = !d.listed || d.outcome === 'deny';
      const free = d.outcome === 'allow' && policy.rules[d.ruleIndex ?? -1]?.action !== 'rate_limit';
      const views = {
        claude: claudeDecision(out['claude-code']!, SERVER, tool),
        policylayer: policyLayerDecision(out.policylayer!, tool).kind,
        intercept: interceptDecision(out.intercept!, tool).kind,
        cedar: cedarDecision(out.cedar!, tool),
        docker: docker.enabled(tool),
        codex: codexDecision(out.codex!, SERVER, tool),
        cursor: cursorDecision(out.cursor!, SERVER, tool),
      };
      if (!free) {
        expect([tool, views.claude]).not.toEqual([tool, 'allow']);
        expect([tool, views.policylayer]).not.toEqual([tool, 'allowed']);
        expect([tool, views.intercept]).not.toEqual([tool, 'allow']);
        expect([tool, views.cedar]).toEqual([tool, 'deny']);
        expect([tool, views.docker]).toEqual([tool, false]);
        expect([tool, views.codex.visible && !views.codex.prompt]).toEqual([tool, false]);
        expect([tool, views.cursor]).toEqual([tool, 'ask']);
      }
      if (refused && d.source !== 'default') {
        expect([tool, views.claude]).toEqual([tool, 'deny']);
        expect(['hidden', 'blocked'], tool).toContain(views.policylayer);
        expect(['hidden', 'deny'], tool).toContain(views.intercept);
        expect([tool, views.codex.visible]).toEqual([tool, false]);
      }
    }
  });
});
