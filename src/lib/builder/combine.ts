/**
 * The combined recommendation: one `policy.json` per selected server (our format governs one
 * server). Each server's policy names the selected tools, in listing order, with the chosen
 * action; `default` is `allow` (the server's other tools keep working, like a tool page's
 * snippet) unless the server is set to refuse unselected tools (`deny`, like the server page's
 * whole-server policy). Where every choice is the recommended one, the rules and reasons are
 * exactly what the policy generator writes.
 */
import { choiceLabel, recommendedChoice, sameChoice, stricterChoice, type Choice } from './actions.js';
import type { BuilderServer, BuilderTool } from './data.js';
import type { Selection } from './selection.js';
import { evaluate } from '../policy/evaluate.js';
import { mappingEntryFor, type PolicyMapping } from '../policy/mapping.js';
import { SHIPPED_POLICY_MAPPING } from '../policy/mapping-data.js';
import { PolicySchema, type Policy, type PolicyRule } from '../schema/policy.js';

/** One server's part of the combined recommendation. */
export interface ServerPolicy {
  server: BuilderServer;
  policy: Policy;
  /** The selected tools with their choices, in listing order. */
  tools: { tool: BuilderTool; choice: Choice }[];
}

function reasonFor(tool: BuilderTool, choice: Choice, mapping: PolicyMapping): string {
  const base = `${tool.risk} risk (${tool.category})`;
  const rec = recommendedChoice(tool, mapping);
  if (sameChoice(choice, rec)) {
    const why = mappingEntryFor(tool, mapping).reason;
    return why ? `${base}: ${why}` : base;
  }
  return `${base}; set to ${choiceLabel(choice)} in the policy builder (recommended: ${choiceLabel(rec)})`;
}

function ruleFor(tool: BuilderTool, choice: Exclude<Choice, { action: 'hide' }>, mapping: PolicyMapping): PolicyRule {
  const reason = reasonFor(tool, choice, mapping);
  return choice.action === 'rate_limit'
    ? { tool: tool.name, action: 'rate_limit', rate_limit: { ...choice.rate_limit }, reason }
    : { tool: tool.name, action: choice.action, reason };
}

/**
 * The policy of every server in `sel` found in `servers` (unknown servers and tools are skipped;
 * run `resolveSelection` first to report them). A name listed twice by a server gets one entry,
 * the stricter of its choices, at its first position.
 */
export function combinePolicies(sel: Selection, servers: ReadonlyMap<string, BuilderServer>, mapping: PolicyMapping = SHIPPED_POLICY_MAPPING): ServerPolicy[] {
  const out: ServerPolicy[] = [];
  for (const s of sel.servers) {
    const server = servers.get(s.id);
    if (!server) continue;
    const tools = s.tools
      .map((t) => ({ tool: server.bySlug.get(t.slug), choice: t.choice }))
      .filter((t): t is { tool: BuilderTool; choice: Choice } => t.tool !== undefined && t.tool.name.length > 0)
      .sort((a, b) => a.tool.index - b.tool.index);
    if (tools.length === 0) continue;
    const byName = new Map<string, { tool: BuilderTool; choice: Choice }>();
    for (const t of tools) {
      const seen = byName.get(t.tool.name);
      if (!seen) byName.set(t.tool.name, t);
      else if (stricterChoice(seen.choice, t.choice) !== seen.choice) byName.set(t.tool.name, t);
    }
    const policy: Policy = { version: '1', default: s.defaultDeny ? 'deny' : 'allow', hide: [], rules: [] };
    for (const { tool, choice } of byName.values()) {
      if (choice.action === 'hide') policy.hide.push(tool.name);
      else policy.rules.push(ruleFor(tool, choice, mapping));
    }
    out.push({ server, policy: PolicySchema.parse(policy), tools });
  }
  return out;
}

/** What the combined policies do to the selected tools, counted with `evaluate`. */
export interface PolicyTally {
  servers: number;
  tools: number;
  hidden: number;
  denied: number;
  approval: number;
  rateLimited: number;
  allowed: number;
  /** Servers whose unselected tools are refused. */
  defaultDeny: number;
}

/** Count, per outcome of `evaluate`, the selected tools of every server policy. */
export function tallyPolicies(policies: readonly ServerPolicy[]): PolicyTally {
  const t: PolicyTally = { servers: policies.length, tools: 0, hidden: 0, denied: 0, approval: 0, rateLimited: 0, allowed: 0, defaultDeny: 0 };
  for (const { policy, tools } of policies) {
    if (policy.default === 'deny') t.defaultDeny += 1;
    for (const { tool } of tools) {
      t.tools += 1;
      const d = evaluate(policy, tool.name);
      if (!d.listed) t.hidden += 1;
      else if (d.outcome === 'require_approval') t.approval += 1;
      else if (d.source === 'rule' && policy.rules[d.ruleIndex ?? -1]?.action === 'rate_limit') t.rateLimited += 1;
      else if (d.outcome === 'allow') t.allowed += 1;
      else t.denied += 1;
    }
  }
  return t;
}
