/**
 * `cursor` export: a Cursor `permissions.json` (`~/.cursor/permissions.json`, or
 * `<workspace>/.cursor/permissions.json`) whose `mcpAllowlist` names the MCP tools that run without
 * approval, as `"<server>:<tool>"` (`<server>` is the server's key in Cursor's `mcp.json`). Every
 * other MCP tool call asks first, which is Cursor's default, so the file can only pre-approve.
 *
 * Only the tools the policy allows by name are listed; `"<server>:*"` (every tool of the server)
 * is never written, under `default: "allow"` or `"deny"`, so a tool the policy does not name asks
 * as it would with no file at all.
 *
 * What it cannot express:
 * - hide and deny: there is no deny list, so hidden and denied tools are left off the allowlist
 *   and ask before each call (turn them off in Cursor's MCP settings to remove them);
 * - rate limits: none, so rate-limited tools ask before each call;
 * - `default: "deny"`: unnamed tools ask rather than being refused;
 * - tool names containing `*` are never listed, in case Cursor reads them as a pattern.
 * A `mcpAllowlist` in this file replaces the allowlist set in Cursor's settings (and the per-user
 * and per-repo files are concatenated), so merge it with the entries you already rely on.
 */
import type { Policy } from '../../schema/policy.js';
import { Notes, fileStem, defaultAllows, hasLoneSurrogate, prettyJson, toolEntries, wellFormed, type ExportOptions, type ExportResult } from './common.js';

/** The `mcpAllowlist` entry for one tool of `server`. */
export function cursorEntry(server: string, tool: string): string {
  return `${server}:${wellFormed(tool)}`;
}

/** The policy as `{"mcpAllowlist": ["<server>:<tool>", ...]}`. */
export function exportCursor(policy: Policy, options: ExportOptions): ExportResult {
  const notes = new Notes();
  const allow: string[] = [];
  for (const entry of toolEntries(policy)) {
    if (hasLoneSurrogate(entry.name)) notes.add('Tool names with unpaired UTF-16 surrogates are written with U+FFFD in their place, as Cursor reads them from the UTF-8 file.');
    switch (entry.treatment) {
      case 'allow':
        if (entry.name.includes('*')) notes.add('Tool names containing "*" are not listed, in case Cursor reads them as a pattern: those tools ask before each call.');
        else if (!allow.includes(cursorEntry(options.server, entry.name))) allow.push(cursorEntry(options.server, entry.name));
        break;
      case 'hide':
      case 'deny':
        notes.add('Cursor\'s permissions.json can only pre-approve tools: hidden and denied tools are left off the allowlist, so Cursor asks before each call instead of refusing it. Turn them off in Cursor\'s MCP settings to remove them.');
        break;
      case 'rate_limit':
        notes.add('Cursor has no rate limits: rate-limited tools are left off the allowlist, so every call needs your approval.');
        break;
      case 'require_approval':
        break;
    }
  }
  if (defaultAllows(policy)) {
    notes.add(`Tools this policy does not name are not listed (no "${options.server}:*"), so Cursor asks before each call, as it does without this file.`);
  } else {
    notes.add('Cursor cannot refuse the tools this policy does not name: they are not listed, so Cursor asks before each call.');
  }
  notes.add('An mcpAllowlist in permissions.json replaces the allowlist in Cursor\'s settings: add the entries you already rely on.');
  return { text: prettyJson({ mcpAllowlist: allow }), mediaType: 'application/json', filename: `${fileStem(options)}.cursor-permissions.json`, notes: notes.list() };
}
