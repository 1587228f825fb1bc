import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { CHOICE_ACTIONS, choiceFor } from '../../../src/lib/builder/actions.js';
import { combinePolicies, type ServerPolicy } from '../../../src/lib/builder/combine.js';
import { exportCombined } from '../../../src/lib/builder/export.js';
import { EMPTY_SELECTION, addTools, setChoice, setDefaultDeny, type Selection } from '../../../src/lib/builder/selection.js';
import { evaluate } from '../../../src/lib/policy/evaluate.js';
import { EXPORT_FORMATS, exportPolicy } from '../../../src/lib/policy/export/index.js';
import { parsePolicy } from '../../../src/lib/policy/parse.js';
import { createRng } from '../../../src/lib/synth/prng.js';
import { cedarDecision, claudeDecision, codexDecision, cursorDecision, interceptDecision, policyLayerDecision, runDockerScript } from '../policy/interpreters.js';
import { CRYPTO, FILES, HOSTILE, SERVERS } from './fixtures.js';

/** Three servers, every action on some tool, one server refusing unselected tools. */
function selection(seed: string): Selection {
  const rng = createRng(seed);
  let sel = EMPTY_SELECTION;
  for (const server of [CRYPTO, HOSTILE, FILES]) {
    // "*" is a wildcard in PolicyLayer and Intercept (a documented loss tested with the exporters).
    const picked = server.tools.filter((t) => t.name !== 'GetGasPrice' && t.name !== '*' && rng.chance(0.7));
    sel = addTools(sel, server, picked);
    picked.forEach((t, i) => (sel = setChoice(sel, server.id, t.slug, choiceFor(CHOICE_ACTIONS[i % CHOICE_ACTIONS.length]!, t))));
  }
  return setDefaultDeny(sel, 'files', true);
}

const policies = combinePolicies(selection('export'), SERVERS);

/** Run a script with a fake `docker` that records its arguments; the list of calls. */
function recordDockerCalls(script: string): string[][] {
  const dir = mkdtempSync(join(tmpdir(), 'builder-docker-'));
  try {
    const log = join(dir, 'calls.log');
    writeFileSync(join(dir, 'docker'), `#!/bin/sh\nprintf '%s\\037' "$@" >> '${log}'\nprintf '\\036' >> '${log}'\n`);
    chmodSync(join(dir, 'docker'), 0o755);
    writeFileSync(join(dir, 'all.sh'), script);
    const run = spawnSync('sh', ['all.sh'], { cwd: dir, env: { PATH: `${dir}:/usr/bin:/bin`, PROFILE: 'my-profile' }, encoding: 'utf8', timeout: 10_000 });
    if (run.status !== 0) throw new Error(`script failed: ${run.stderr}`);
    return readFileSync(log, 'utf8').split('\x1e').filter(Boolean).map((rec) => rec.split('\x1f').slice(0, -1));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

type Treatment = 'hide' | 'deny' | 'require_approval' | 'rate_limit' | 'allow' | 'default-allow' | 'default-deny';

/** Every tool of every combined server (except "*"), with its treatment as `evaluate` decides it. */
function eachTool(fn: (p: ServerPolicy, name: string, treatment: Treatment) => void): number {
  let n = 0;
  for (const p of policies) {
    for (const t of p.server.tools) {
      if (t.name === '*') continue;
      const d = evaluate(p.policy, t.name);
      const treatment: Treatment =
        d.source === 'hide' ? 'hide' : d.source === 'default' ? (d.outcome === 'allow' ? 'default-allow' : 'default-deny') : (p.policy.rules[d.ruleIndex ?? -1]?.action ?? 'deny');
      fn(p, t.name, treatment);
      n += 1;
    }
  }
  return n;
}

describe('exportCombined', () => {
  it('covers three servers and every action', () => {
    expect(policies.map((p) => p.server.id)).toEqual(['crypto', 'files', 'hostile']);
    const actions = new Set(policies.flatMap((p) => [...(p.policy.hide.length ? ['hide'] : []), ...p.policy.rules.map((r) => r.action)]));
    expect([...actions].sort()).toEqual(['allow', 'deny', 'hide', 'rate_limit', 'require_approval']);
  });

  it('policy: one valid policy.json per server id, exactly the combined policies', () => {
    const ex = exportCombined('policy', policies);
    const doc = JSON.parse(ex.text) as Record<string, unknown>;
    expect(Object.keys(doc)).toEqual(['crypto', 'files', 'hostile']);
    for (const p of policies) expect(parsePolicy(doc[p.server.id], p.server.id)).toEqual(p.policy);
    expect(ex.filename).toBe('mcp-policy.json');
    expect(ex.notes[0]).toContain('keyed by server id');
  });

  it('claude-code: one permissions object that decides every tool as evaluate does', () => {
    const text = exportCombined('claude-code', policies).text;
    const claude: Record<Treatment, string[]> = {
      hide: ['deny'],
      deny: ['deny'],
      require_approval: ['ask'],
      rate_limit: ['ask'],
      // Names Claude Code rewrites get no allow rule (documented): they fall to the permission mode.
      allow: ['allow', 'mode'],
      // Unselected tools get no rule (never a server-wide allow): the permission mode, as with no settings.
      'default-allow': ['mode'],
      'default-deny': ['mode'],
    };
    const n = eachTool((p, name, treatment) => {
      expect(claude[treatment], `${p.server.id}/${name}`).toContain(claudeDecision(text, p.server.exportName, name));
    });
    expect(n).toBeGreaterThan(20);
  });

  it('codex: every server table parses and filters as evaluate decides', () => {
    const text = exportCombined('codex', policies).text;
    eachTool((p, name, treatment) => {
      const got = codexDecision(text, p.server.exportName, name);
      expect(got.visible, `${p.server.id}/${name}`).toBe(!['hide', 'deny', 'default-deny'].includes(treatment));
      expect(got.prompt, name).toBe(treatment === 'require_approval' || treatment === 'rate_limit');
    });
  });

  it('cursor: one allowlist naming exactly the tools allowed by name; every other tool asks', () => {
    const text = exportCombined('cursor', policies).text;
    eachTool((p, name, treatment) => {
      // A "*" in a name is never listed (documented); the fixture selection leaves "*" out.
      expect(cursorDecision(text, p.server.exportName, name), `${p.server.id}/${name}`).toBe(treatment === 'allow' && !name.includes('*') ? 'allow' : 'ask');
    });
    for (const p of policies) expect(text).not.toContain(`"${p.server.exportName}:*"`);
  });

  it('unselected tools are never less safe than no config (no server-wide allow, no --enable-all)', () => {
    const claude = JSON.parse(exportCombined('claude-code', policies).text) as { permissions: { allow: string[] } };
    const docker = exportCombined('docker', policies).text;
    expect(docker).not.toContain('--enable-all');
    for (const p of policies) {
      expect(claude.permissions.allow).not.toContain(`mcp__${p.server.exportName}`);
      const { enabled } = runDockerScript(exportPolicy('docker', p.policy, { server: p.server.exportName }).text, p.server.exportName);
      expect(enabled('UnselectedToolTheUserTurnedOff', false)).toBe(false);
    }
    let unselected = 0;
    eachTool((p, name, treatment) => {
      if (treatment !== 'default-allow') return;
      unselected += 1;
      expect(claudeDecision(JSON.stringify(claude), p.server.exportName, name), name).toBe('mode');
    });
    expect(unselected).toBeGreaterThan(0);
  });

  it('docker: one script whose run makes exactly the calls of the per-server scripts, in order', () => {
    const text = exportCombined('docker', policies).text;
    expect(text.match(/^#!\/bin\/sh$/gm)).toHaveLength(1);
    const perServer = policies.flatMap((p) => runDockerScript(exportPolicy('docker', p.policy, { server: p.server.exportName }).text, p.server.exportName).argv);
    expect(recordDockerCalls(text)).toEqual(perServer);
    expect(perServer.length).toBeGreaterThanOrEqual(3);
  });

  it('intercept: one YAML document per server, each deciding as evaluate does', () => {
    const text = exportCombined('intercept', policies).text;
    const docs = parseAllDocuments(text);
    expect(docs).toHaveLength(3);
    docs.forEach((doc, i) => {
      const p = policies[i]!;
      const one = doc.toString();
      expect(one).toContain(`MCP server ${p.server.exportName}`);
    });
    const intercept: Record<Treatment, string> = { hide: 'hidden', deny: 'deny', require_approval: 'deny', rate_limit: 'limited', allow: 'allow', 'default-allow': 'allow', 'default-deny': 'deny' };
    eachTool((p, name, treatment) => {
      const one = docs[policies.indexOf(p)]!.toString();
      expect(interceptDecision(one, name).kind, `${p.server.id}/${name}`).toBe(intercept[treatment]);
    });
  });

  it('policylayer and cedar: keyed by server id, each value the single-server export', () => {
    for (const format of ['policylayer', 'cedar'] as const) {
      const doc = JSON.parse(exportCombined(format, policies).text) as Record<string, unknown>;
      expect(Object.keys(doc)).toEqual(['crypto', 'files', 'hostile']);
      for (const p of policies) expect(doc[p.server.id]).toEqual(JSON.parse(exportPolicy(format, p.policy, { server: p.server.exportName }).text));
    }
    const cedar = JSON.parse(exportCombined('cedar', policies).text) as Record<string, unknown>;
    eachTool((p, name, treatment) => {
      const allowed = treatment === 'allow' || treatment === 'default-allow';
      expect(cedarDecision(JSON.stringify(cedar[p.server.id]), name), `${p.server.id}/${name}`).toBe(allowed ? 'allow' : 'deny');
    });
    const layer = JSON.parse(exportCombined('policylayer', policies).text) as Record<string, unknown>;
    const policylayer: Record<Treatment, string> = { hide: 'hidden', deny: 'hidden', require_approval: 'hidden', rate_limit: 'limited', allow: 'allowed', 'default-allow': 'allowed', 'default-deny': 'blocked' };
    eachTool((p, name, treatment) => {
      const want = p.policy.default === 'deny' && ['deny', 'require_approval'].includes(treatment) ? 'blocked' : policylayer[treatment];
      expect(policyLayerDecision(JSON.stringify(layer[p.server.id]), name).kind, `${p.server.id}/${name}`).toBe(want);
    });
  });

  it('carries every server\'s notes once, and gives empty text for an empty selection', () => {
    for (const f of EXPORT_FORMATS) {
      const ex = exportCombined(f.id, policies);
      for (const p of policies) for (const note of exportPolicy(f.id, p.policy, { server: p.server.exportName }).notes) expect(ex.notes).toContain(note);
      expect(new Set(ex.notes).size).toBe(ex.notes.length);
      expect(ex.filename.startsWith('mcp-policy.')).toBe(true);
      expect(exportCombined(f.id, []).text).toBe('');
    }
    expect(() => exportCombined('xml', policies)).toThrow(/unknown format "xml"/);
  });
});
