/**
 * `cedar` export: a ToolHive authorization config (`type: cedarv1`) whose Cedar policy set
 * decides `Action::"call_tool"` on `Tool::"<name>"`. ToolHive denies whatever no `permit` matches,
 * lets any matching `forbid` win, and filters `tools/list` down to the tools a client may call.
 *
 * What it cannot express:
 * - listed-but-refused: a forbidden tool also disappears from `tools/list`, so `deny` (and a
 *   refused unnamed tool under `default: "deny"`) is hidden too;
 * - human approval and rate limits: Cedar decides per call without state or a human, so both
 *   become `forbid` (ToolHive's per-tool rate limits live in its server resource, outside Cedar).
 * Tool names are written as Cedar string literals (quotes, backslashes and control characters
 * escaped); unpaired UTF-16 surrogates, which no UTF-8 system can receive, become U+FFFD.
 */
import type { Policy } from '../../schema/policy.js';
import { Notes, fileStem, defaultAllows, hasLoneSurrogate, prettyJson, toolEntries, wellFormed, type ExportOptions, type ExportResult } from './common.js';

/** A Cedar string literal for `s`. */
export function cedarString(s: string): string {
  let out = '"';
  for (const ch of wellFormed(s)) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (code < 0x20 || code === 0x7f) out += `\\u{${code.toString(16)}}`;
    else out += ch;
  }
  return `${out}"`;
}

/** The Cedar statement for one tool. */
function statement(effect: 'permit' | 'forbid', tool: string): string {
  return `${effect}(principal, action == Action::"call_tool", resource == Tool::${cedarString(tool)});`;
}

/** The Cedar policies alone, one statement per element (forbids first, then permits). */
export function cedarPolicies(policy: Policy, notes = new Notes()): string[] {
  const forbids: string[] = [];
  const permits: string[] = [];
  const allowAll = defaultAllows(policy);
  for (const entry of toolEntries(policy)) {
    if (hasLoneSurrogate(entry.name)) notes.add('Tool names with unpaired UTF-16 surrogates are written with U+FFFD in their place, as ToolHive would receive them.');
    switch (entry.treatment) {
      case 'allow':
        if (!allowAll) permits.push(statement('permit', entry.name));
        break;
      case 'deny':
        notes.add('ToolHive removes every tool a client may not call from tools/list, so denied tools are hidden too.');
        forbids.push(statement('forbid', entry.name));
        break;
      case 'require_approval':
        notes.add('Cedar cannot wait for a human: tools that need approval are forbidden.');
        forbids.push(statement('forbid', entry.name));
        break;
      case 'rate_limit':
        notes.add('Cedar has no rate limits: rate-limited tools are forbidden (ToolHive can rate-limit per tool in its MCPServer resource, outside Cedar; permit them there if you configure that).');
        forbids.push(statement('forbid', entry.name));
        break;
      case 'hide':
        forbids.push(statement('forbid', entry.name));
        break;
    }
  }
  if (allowAll) permits.unshift('permit(principal, action == Action::"call_tool", resource);');
  else notes.add('Tools this policy does not name are refused by ToolHive\'s default deny and, like every refused tool, left out of tools/list.');
  return [...new Set([...forbids, ...permits])];
}

/** The policy as a ToolHive authorization config (JSON) holding the Cedar policy set. */
export function exportCedar(policy: Policy, options: ExportOptions): ExportResult {
  const notes = new Notes();
  const policies = cedarPolicies(policy, notes);
  const doc = { version: '1.0', type: 'cedarv1', cedar: { policies, entities_json: '[]' } };
  return { text: prettyJson(doc), mediaType: 'application/json', filename: `${fileStem(options)}.toolhive-authz.json`, notes: notes.list() };
}
