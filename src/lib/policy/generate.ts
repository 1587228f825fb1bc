/**
 * The policy generator: verdicts in, recommended `policy.json` out, using the risk -> action
 * mapping. Two shapes (see README.md): a ONE-TOOL snippet with `default: "allow"` (the rest of the
 * server keeps working) and a WHOLE-SERVER policy with `default: "deny"` and an explicit entry for
 * every known tool (a tool added later is refused until reviewed).
 */
import { PolicySchema, type Policy, type PolicyRule } from '../schema/policy.js';
import { PolicyError } from './errors.js';
import { mappingEntryFor, type MappingEntry, type PolicyMapping, type Verdict } from './mapping.js';
import { SHIPPED_POLICY_MAPPING } from './mapping-data.js';

/** A tool of a server with its effective verdict (after any human review). */
export interface ToolVerdict {
  name: string;
  verdict: Verdict;
}

/** Strictness of a mapping action, least (0) to most (4) restrictive. */
const STRICTNESS: Record<MappingEntry['action'], number> = { allow: 0, rate_limit: 1, require_approval: 2, deny: 3, hide: 4 };

/** The stricter of two entries; between two rate limits, the one allowing the lower rate. */
function stricter(a: MappingEntry, b: MappingEntry): MappingEntry {
  if (a.action === 'rate_limit' && b.action === 'rate_limit') {
    return b.rate_limit.max / b.rate_limit.window < a.rate_limit.max / a.rate_limit.window ? b : a;
  }
  return STRICTNESS[b.action] > STRICTNESS[a.action] ? b : a;
}

function ruleFor(name: string, verdict: Verdict, entry: Exclude<MappingEntry, { action: 'hide' }>): PolicyRule {
  const why = `${verdict.risk} risk (${verdict.category})${entry.reason ? `: ${entry.reason}` : ''}`;
  return entry.action === 'rate_limit'
    ? { tool: name, action: 'rate_limit', rate_limit: { ...entry.rate_limit }, reason: why }
    : { tool: name, action: entry.action, reason: why };
}

function build(defaultAction: Policy['default'], items: { name: string; verdict: Verdict; entry: MappingEntry }[]): Policy {
  const policy: Policy = { version: '1', default: defaultAction, hide: [], rules: [] };
  for (const { name, verdict, entry } of items) {
    if (entry.action === 'hide') policy.hide.push(name);
    else policy.rules.push(ruleFor(name, verdict, entry));
  }
  return PolicySchema.parse(policy);
}

/**
 * The snippet for one tool's page: `default: "allow"`, the tool hidden or given one rule from the
 * mapping. E.g. a Critical tool gives `{"version":"1","default":"allow","hide":[name],"rules":[]}`.
 */
export function generateToolPolicy(toolName: string, verdict: Verdict, mapping: PolicyMapping = SHIPPED_POLICY_MAPPING): Policy {
  if (toolName.length === 0) throw new PolicyError('tool', 'name', 'a policy cannot name a tool with an empty name');
  return build('allow', [{ name: toolName, verdict, entry: mappingEntryFor(verdict, mapping) }]);
}

/**
 * The whole-server policy: `default: "deny"`, and for every listed tool (in list order) a hide
 * entry or a rule from the mapping. A name listed twice gets one entry, the stricter of its
 * verdicts' actions, at its first position. Tools with an empty name cannot be named and are left
 * to the default (refused).
 */
export function generateServerPolicy(tools: readonly ToolVerdict[], mapping: PolicyMapping = SHIPPED_POLICY_MAPPING): Policy {
  const byName = new Map<string, { name: string; verdict: Verdict; entry: MappingEntry }>();
  for (const { name, verdict } of tools) {
    if (name.length === 0) continue;
    const entry = mappingEntryFor(verdict, mapping);
    const seen = byName.get(name);
    if (!seen) byName.set(name, { name, verdict, entry });
    else {
      const winner = stricter(seen.entry, entry);
      if (winner !== seen.entry) byName.set(name, { name, verdict, entry: winner });
    }
  }
  return build('deny', [...byName.values()]);
}
