/**
 * "default allow" means "leave the client's default": for every tool a policy does not name, each
 * export, read back with its own parser, is at least as strict as having no config at all in that
 * client. Only tools the policy names with an allow get one.
 */
import { describe, expect, test } from 'vitest';
import { exportPolicy, generateServerPolicy, generateToolPolicy } from '../../../src/lib/policy/index.js';
import type { Policy } from '../../../src/lib/schema/policy.js';
import { CRYPTO_TOOLS } from './fixtures.js';
import { cedarDecision, claudeDecision, codexDecision, cursorDecision, interceptDecision, policyLayerDecision, runDockerScript } from './interpreters.js';

const SERVER = 'sperax-crypto-mcp';

const POLICIES: [string, Policy][] = [
  ['one-tool snippet of the model tool', generateToolPolicy('BinanceOptionsDeleteListenKey', { category: 'Destructive', risk: 'Critical' })],
  ['one-tool snippet of a Low tool (its own allow)', generateToolPolicy('BinanceGetTickerPrice', { category: 'Read', risk: 'Low' })],
  [
    'hand-written default-allow policy with every action',
    {
      version: '1',
      default: 'allow',
      hide: ['WithdrawToAddress'],
      rules: [
        { tool: 'BinanceGetTickerPrice', action: 'allow' },
        { tool: 'BinanceSpotCancelAllOrders', action: 'deny' },
        { tool: 'BinanceSpotPlaceOrder', action: 'require_approval' },
        { tool: 'UpdateWatchlist', action: 'rate_limit', rate_limit: { max: 10, window: 60 } },
      ],
    },
  ],
  ['generated whole-server policy (default deny)', generateServerPolicy(CRYPTO_TOOLS)],
];

/** Tools none of the policies name (BinanceWalletWithdraw is the one the issue was about). */
const UNNAMED = ['BinanceWalletWithdraw', 'NewToolAddedLater', 'another-tool'];

/** How strict a decision is, per client (higher is stricter); the no-config decision first. */
const STRICTNESS = {
  // Claude Code with no settings: no rule matches, the permission mode decides (it asks by default).
  claude: { none: 'mode', order: ['allow', 'mode', 'ask', 'deny'] },
  // Cursor with no permissions.json: every MCP tool call asks (unless the in-app allowlist says otherwise).
  cursor: { none: 'ask', order: ['allow', 'ask'] },
  // Codex with no keys for the server: the tool is listed and its approval mode is "auto".
  codex: { none: 'auto', order: ['approve', 'auto', 'prompt', 'hidden'] },
  // The gateways with no policy let every call through.
  cedar: { none: 'allow', order: ['allow', 'deny'] },
  policylayer: { none: 'allowed', order: ['allowed', 'limited', 'blocked', 'hidden'] },
  intercept: { none: 'allow', order: ['allow', 'limited', 'deny', 'hidden'] },
} as const;

function atLeastAsStrict(client: keyof typeof STRICTNESS, got: string): boolean {
  const { none, order } = STRICTNESS[client] as { none: string; order: readonly string[] };
  if (!order.includes(got)) throw new Error(`${client}: unknown decision ${got}`);
  return order.indexOf(got) >= order.indexOf(none);
}

describe.each(POLICIES)('%s: unnamed tools are never less safe than no config', (_name, policy) => {
  const out = (format: string): string => exportPolicy(format, policy, { server: SERVER }).text;

  test('claude-code: no allow rule covers an unnamed tool (no mcp__<server> allow)', () => {
    const text = out('claude-code');
    expect(JSON.parse(text).permissions.allow).not.toContain(`mcp__${SERVER}`);
    for (const tool of UNNAMED) expect([tool, atLeastAsStrict('claude', claudeDecision(text, SERVER, tool))]).toEqual([tool, true]);
  });

  test('docker: a tool the user had disabled stays disabled (no --enable-all)', () => {
    const text = out('docker');
    expect(text).not.toContain('--enable-all');
    const { enabled } = runDockerScript(text, SERVER);
    for (const tool of UNNAMED) {
      // No config leaves the user's state; the export may only disable more.
      expect([tool, enabled(tool, false)]).toEqual([tool, false]);
      if (policy.default === 'allow') expect([tool, enabled(tool, true)]).toEqual([tool, true]);
    }
  });

  test('cursor: an unnamed tool is not on the allowlist (no server:*)', () => {
    const text = out('cursor');
    expect(text).not.toContain(`${SERVER}:*`);
    for (const tool of UNNAMED) expect([tool, atLeastAsStrict('cursor', cursorDecision(text, SERVER, tool))]).toEqual([tool, true]);
  });

  test('codex: an unnamed tool is never pre-approved', () => {
    const text = out('codex');
    for (const tool of UNNAMED) {
      const d = codexDecision(text, SERVER, tool);
      expect([tool, atLeastAsStrict('codex', d.visible ? d.mode : 'hidden')]).toEqual([tool, true]);
    }
  });

  test('cedar, policylayer, intercept: an unnamed tool is decided at least as strictly as the gateway without a policy', () => {
    for (const tool of UNNAMED) {
      expect([tool, atLeastAsStrict('cedar', cedarDecision(out('cedar'), tool))]).toEqual([tool, true]);
      expect([tool, atLeastAsStrict('policylayer', policyLayerDecision(out('policylayer'), tool).kind)]).toEqual([tool, true]);
      expect([tool, atLeastAsStrict('intercept', interceptDecision(out('intercept'), tool).kind)]).toEqual([tool, true]);
    }
  });

  test('only tools the policy allows by name get an allow', () => {
    const named = new Set([...policy.hide, ...policy.rules.map((r) => r.tool)]);
    const claudeAllow = JSON.parse(out('claude-code')).permissions.allow as string[];
    const cursorAllow = JSON.parse(out('cursor')).mcpAllowlist as string[];
    for (const rule of claudeAllow) expect(named.has(rule.replace(`mcp__${SERVER}__`, ''))).toBe(true);
    for (const entry of cursorAllow) expect(named.has(entry.replace(`${SERVER}:`, ''))).toBe(true);
    for (const m of out('docker').matchAll(/--enable '([^']*)'/g)) expect(named.has(m[1]!.replace(`${SERVER}.`, ''))).toBe(true);
  });
});
