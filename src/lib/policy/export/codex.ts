/**
 * `codex` export: the keys of a Codex `config.toml` `[mcp_servers.<server>]` table that filter
 * and gate its tools: `enabled_tools` (allow list; only under `default: "deny"`),
 * `disabled_tools` (applied after it) and `[mcp_servers.<server>.tools."<tool>"] approval_mode =
 * "prompt"` (Codex asks before each call). Allowed tools keep Codex's own approval settings: the
 * export never writes `default_tools_approval_mode` or `approval_mode = "approve"`, so under
 * `default: "allow"` a tool the policy does not name is exactly as Codex would treat it without
 * these keys (listed, approval `auto`). Codex's precedence: the tool's `approval_mode`, then the
 * server's `default_tools_approval_mode`, then `auto`.
 *
 * What it cannot express:
 * - listed-but-refused: Codex removes filtered tools from the model's list, so `deny` (and unnamed
 *   tools under `default: "deny"`) are hidden;
 * - rate limits: none, so `rate_limit` becomes `approval_mode = "prompt"`.
 * Tool names are TOML basic strings; unpaired UTF-16 surrogates become U+FFFD.
 */
import type { Policy } from '../../schema/policy.js';
import { Notes, fileStem, defaultAllows, hasLoneSurrogate, toolEntries, wellFormed, type ExportOptions, type ExportResult } from './common.js';

/** `s` as a TOML basic string (control characters escaped). */
export function tomlString(s: string): string {
  let out = '"';
  for (const ch of wellFormed(s)) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (code < 0x20 || code === 0x7f) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

function tomlArray(items: readonly string[]): string {
  return `[${items.map(tomlString).join(', ')}]`;
}

/** The policy as a `config.toml` fragment for the server's `[mcp_servers.<server>]` table. */
export function exportCodex(policy: Policy, options: ExportOptions): ExportResult {
  const notes = new Notes();
  const server = options.server;
  const allowAll = defaultAllows(policy);
  const enabled: string[] = [];
  const disabled: string[] = [];
  const prompt: string[] = [];
  const add = (list: string[], name: string): void => {
    const key = wellFormed(name);
    if (!list.includes(key)) list.push(key);
  };
  for (const entry of toolEntries(policy)) {
    if (hasLoneSurrogate(entry.name)) notes.add('Tool names with unpaired UTF-16 surrogates are written with U+FFFD in their place.');
    switch (entry.treatment) {
      case 'hide':
        add(disabled, entry.name);
        break;
      case 'deny':
        notes.add('Codex removes disabled tools from the model\'s list, so denied tools are hidden too.');
        add(disabled, entry.name);
        break;
      case 'rate_limit':
        notes.add('Codex has no rate limits: rate-limited tools ask for approval before each call instead.');
        add(enabled, entry.name);
        add(prompt, entry.name);
        break;
      case 'require_approval':
        add(enabled, entry.name);
        add(prompt, entry.name);
        break;
      case 'allow':
        add(enabled, entry.name);
        break;
    }
  }
  const lines = [
    `# Codex config.toml: tool filter and approvals for the MCP server ${server}, exported from policy.json.`,
    `# Merge these keys into your [mcp_servers.${server}] table (which keeps its command or url).`,
    `[mcp_servers.${server}]`,
  ];
  if (!allowAll) {
    notes.add('Tools this policy does not name are left out of enabled_tools, so Codex hides them rather than listing and refusing them.');
    lines.push(`enabled_tools = ${tomlArray(enabled.filter((t) => !disabled.includes(t)))}`);
  }
  lines.push(`disabled_tools = ${tomlArray(disabled)}`);
  for (const tool of prompt.filter((t) => !disabled.includes(t))) {
    lines.push('', `[mcp_servers.${server}.tools.${tomlString(tool)}]`, 'approval_mode = "prompt"');
  }
  return { text: `${lines.join('\n')}\n`, mediaType: 'application/toml', filename: `${fileStem(options)}.codex.toml`, notes: notes.list() };
}
