/**
 * Every export format for the combined recommendation. Each server's policy is exported on its
 * own with `exportPolicy` (so nothing here re-decides what a policy means), then joined the way
 * the format allows:
 *
 * - `policy`: one JSON object, `{ "<server id>": <policy.json>, ... }`;
 * - `claude-code`: one `permissions` object; rules are per server (`mcp__<server>__<tool>`), so
 *   the servers' deny/ask/allow lists simply concatenate;
 * - `codex`: the servers' `[mcp_servers.<server>]` tables, one after the other;
 * - `cursor`: one `mcpAllowlist`; entries name their server (`<server>:<tool>`), so they concatenate;
 * - `docker`: one shell script, the servers' commands one after the other;
 * - `intercept`: one YAML document per server (`---`), since an Intercept proxy fronts one server;
 * - `policylayer` and `cedar`: one JSON object keyed by server id whose values are the per-server
 *   documents: these gateways read one document per server, and Cedar's `Tool::"<name>"` does not
 *   name the server, so merging servers into one policy set would conflate same-named tools.
 */
import type { ServerPolicy } from './combine.js';
import { canonicalPolicy } from '../policy/parse.js';
import { EXPORT_FORMATS, exportPolicy, isExportFormat, type ExportFormat, type ExportResult } from '../policy/export/index.js';
import { PolicyError } from '../policy/errors.js';

/** The combined export in one format. */
export interface CombinedExport {
  format: ExportFormat;
  text: string;
  mediaType: string;
  filename: string;
  /** Notes of every server's export (each once), plus how the servers were joined. */
  notes: string[];
}

/** Base of the download names (`mcp-policy.<suffix>`). */
export const COMBINED_BASENAME = 'mcp-policy';

const SUFFIX: Record<ExportFormat, string> = {
  policy: 'json',
  'claude-code': 'claude-settings.json',
  policylayer: 'policylayer.json',
  intercept: 'intercept.yaml',
  cedar: 'toolhive-authz.json',
  docker: 'docker-mcp.sh',
  codex: 'codex.toml',
  cursor: 'cursor-permissions.json',
};

const JOIN_NOTE: Partial<Record<ExportFormat, string>> = {
  policy: 'One policy.json per server, keyed by server id: each value is a complete policy for that server.',
  policylayer: 'One PolicyLayer document per server, keyed by server id: paste each value into the policy of that server\'s gateway.',
  cedar: 'One ToolHive authorization config per server, keyed by server id: use each value as the authz config of that server (Cedar tool names do not name the server, so servers are not merged).',
  intercept: 'One Intercept policy document per server, separated by "---": save each as the policy file of that server\'s proxy.',
};

function pretty(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

function keyed(parts: readonly { id: string; value: unknown }[]): string {
  // defineProperty semantics (fromEntries), so an id like "__proto__" stays an ordinary key.
  return pretty(Object.fromEntries(parts.map((p) => [p.id, p.value])));
}

function mergeClaude(results: readonly ExportResult[]): string {
  const merged = { deny: [] as string[], ask: [] as string[], allow: [] as string[] };
  for (const r of results) {
    const { permissions } = JSON.parse(r.text) as { permissions: typeof merged };
    for (const key of ['deny', 'ask', 'allow'] as const) {
      for (const rule of permissions[key]) if (!merged[key].includes(rule)) merged[key].push(rule);
    }
  }
  return pretty({ permissions: merged });
}

function mergeCursor(results: readonly ExportResult[]): string {
  const merged: string[] = [];
  for (const r of results) {
    const { mcpAllowlist } = JSON.parse(r.text) as { mcpAllowlist: string[] };
    for (const entry of mcpAllowlist) if (!merged.includes(entry)) merged.push(entry);
  }
  return pretty({ mcpAllowlist: merged });
}

function joinScripts(results: readonly ExportResult[]): string {
  return results.map((r, i) => (i === 0 ? r.text : r.text.replace(/^#!\/bin\/sh\n/, ''))).join('\n');
}

/**
 * The combined recommendation of `policies` in `format`. An empty list gives empty text. Throws
 * `PolicyError` for an unknown format.
 */
export function exportCombined(format: string, policies: readonly ServerPolicy[]): CombinedExport {
  if (!isExportFormat(format)) {
    throw new PolicyError('export', 'format', `unknown format ${JSON.stringify(format)} (expected one of ${EXPORT_FORMATS.map((f) => f.id).join(', ')})`);
  }
  const results = policies.map((p) => exportPolicy(format, p.policy, { server: p.server.exportName }));
  const notes: string[] = [];
  const join = JOIN_NOTE[format];
  if (join && policies.length > 0) notes.push(join);
  for (const r of results) for (const n of r.notes) if (!notes.includes(n)) notes.push(n);
  let text = '';
  if (policies.length > 0) {
    switch (format) {
      case 'policy':
        text = keyed(policies.map((p) => ({ id: p.server.id, value: canonicalPolicy(p.policy) })));
        break;
      case 'policylayer':
      case 'cedar':
        text = keyed(policies.map((p, i) => ({ id: p.server.id, value: JSON.parse(results[i]?.text ?? 'null') as unknown })));
        break;
      case 'claude-code':
        text = mergeClaude(results);
        break;
      case 'intercept':
        text = results.map((r, i) => `# MCP server ${policies[i]?.server.exportName ?? ''}\n${r.text}`).join('---\n');
        break;
      case 'docker':
        text = joinScripts(results);
        break;
      case 'codex':
        text = results.map((r) => r.text).join('\n');
        break;
      case 'cursor':
        text = mergeCursor(results);
        break;
    }
  }
  const mediaType = results[0]?.mediaType ?? (format === 'policy' ? 'application/json' : 'text/plain');
  return { format, text, mediaType, filename: `${COMBINED_BASENAME}.${SUFFIX[format]}`, notes };
}
