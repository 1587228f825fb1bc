/**
 * `claude-code` export: the `permissions` block of a Claude Code `settings.json`. MCP rules are
 * `mcp__<server>__<tool>` (one tool) or `mcp__<server>` (every tool of the server); Claude Code
 * checks deny, then ask, then allow, and the first match decides, however specific the rules are.
 *
 * What it cannot express:
 * - hide vs deny: both become deny rules (Claude Code documents that a tool named in a deny rule
 *   is removed from Claude's context, so a denied tool is hidden too);
 * - rate limits: there are none, so `rate_limit` becomes `ask` (the safer neighbour);
 * - `default`: never written as a rule. A server-wide allow (`mcp__<server>`) would pre-approve
 *   every tool the policy does not name, and a server-wide deny would beat every allow rule, so
 *   unnamed tools are left to Claude Code's permission mode (which asks first in the default
 *   mode) under `default: "allow"` and `"deny"` alike: never less safe than no settings at all.
 *   Only tools the policy allows by name get an allow rule;
 * - tool names outside `A-Z a-z 0-9 _ -`: Claude Code shows them with other characters replaced by
 *   `_`; deny/ask rules use that form (possibly covering a look-alike tool too), allow rules for
 *   such names are left out (the tool then follows the permission mode).
 */
import type { Policy } from '../../schema/policy.js';
import { Notes, fileStem, defaultAllows, prettyJson, toolEntries, type ExportOptions, type ExportResult } from './common.js';

/** The name Claude Code gives an MCP name: characters outside `A-Za-z0-9_-` become `_`. */
export function claudeCodeName(name: string): string {
  return name.replace(/[^A-Za-z0-9_-]/g, '_');
}

/** `mcp__<server>__<tool>` in Claude Code's spelling. */
export function claudeCodeRule(server: string, tool: string): string {
  return `mcp__${claudeCodeName(server)}__${claudeCodeName(tool)}`;
}

/** The policy as `{"permissions": {"deny": [...], "ask": [...], "allow": [...]}}`. */
export function exportClaudeCode(policy: Policy, options: ExportOptions): ExportResult {
  const notes = new Notes();
  const deny: string[] = [];
  const ask: string[] = [];
  const allow: string[] = [];
  const allowAll = defaultAllows(policy);
  const push = (list: string[], rule: string): void => {
    if (!list.includes(rule)) list.push(rule);
  };
  for (const entry of toolEntries(policy)) {
    const rule = claudeCodeRule(options.server, entry.name);
    const renamed = claudeCodeName(entry.name) !== entry.name;
    if (renamed && entry.treatment !== 'allow') {
      notes.add('Some tool names contain characters Claude Code replaces with "_"; their deny/ask rules use that spelling and may also cover a tool whose name differs only in those characters.');
    }
    switch (entry.treatment) {
      case 'hide':
      case 'deny':
        push(deny, rule);
        break;
      case 'require_approval':
        push(ask, rule);
        break;
      case 'rate_limit':
        push(ask, rule);
        notes.add('Claude Code has no rate limits: rate-limited tools become "ask" rules, so every call needs your approval.');
        break;
      case 'allow':
        if (!renamed) push(allow, rule);
        else notes.add('Allow rules are left out for tool names Claude Code would rewrite, so those tools follow Claude Code\'s permission mode instead of being auto-approved.');
        break;
    }
  }
  if (policy.hide.length > 0 && policy.rules.some((r) => r.action === 'deny')) {
    notes.add('Hidden and denied tools both become deny rules; Claude Code removes denied tools from Claude\'s context, so denied tools are hidden too.');
  }
  if (allowAll) {
    notes.add(`Tools this policy does not name get no rule (no allow on mcp__${claudeCodeName(options.server)}, which would pre-approve them all), so they follow Claude Code's permission mode, as without these settings: it asks before each call in the default mode.`);
  } else {
    notes.add(`Claude Code cannot refuse the tools this policy does not name while allowing the named ones (a deny rule on mcp__${claudeCodeName(options.server)} would block every tool), so those tools follow Claude Code's permission mode, which asks before each call in the default mode.`);
  }
  const text = prettyJson({ permissions: { deny, ask, allow } });
  return { text, mediaType: 'application/json', filename: `${fileStem(options)}.claude-settings.json`, notes: notes.list() };
}
