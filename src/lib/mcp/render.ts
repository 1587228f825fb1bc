/**
 * Plain-text renderings of the `mcp-risk mcp` tool results (the `text` content beside the
 * structured content, for clients that show only text). Tool definitions are strangers' text:
 * control, bidi and zero-width characters are shown as `\uXXXX` and long strings are cut.
 */
import { renderAuditTable } from '../audit/index.js';
import type { AuditResult, CheckResult, LookupResult, SearchResult, ServerPolicyResult } from './operations.js';

/** Text made safe for one line: control and invisible characters as `\uXXXX`, at most `max`. */
export function safeLine(text: string, max = 300): string {
  // eslint-disable-next-line no-control-regex
  const safe = text.replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g, (c) => (c === '\n' || c === '\t' ? ' ' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
  return safe.length > max ? `${safe.slice(0, max - 1)}…` : safe;
}

/** `lookup_tool` as text. */
export function renderLookup(r: LookupResult): string {
  const where = r.server ? `${safeLine(r.server.id, 100)} / ${safeLine(r.tool, 100)}` : `${safeLine(r.tool, 100)} (pasted definition)`;
  const lines = [`${where}: ${r.category}, ${r.risk} risk${r.overridden ? ' (reviewed: the classifier said ' + `${r.classification.category}, ${r.classification.risk})` : ''}`];
  if (r.review) lines.push(`Review: ${safeLine(r.review.reason, 500)}`);
  lines.push(`Why: ${safeLine(r.classification.rationale, 500)}`);
  for (const e of r.evidence.slice(0, 12)) lines.push(`  evidence: ${safeLine(e.rule, 60)} on ${safeLine(e.field, 80)}: ${safeLine(e.match, 80)}`);
  for (const f of r.flags.slice(0, 12)) lines.push(`  flag ${safeLine(f.id, 60)}: ${safeLine(f.message, 300)}`);
  lines.push(`Recommended policy: ${safeLine(r.explanation, 600)}`);
  lines.push(r.export ? r.export.text : JSON.stringify(r.policy, null, 2));
  for (const n of r.export?.notes ?? []) lines.push(`Note: ${safeLine(n, 600)}`);
  return lines.join('\n');
}

/** `search_catalog` as text. */
export function renderSearch(r: SearchResult): string {
  if (r.hits.length === 0) return `No tool matches ${JSON.stringify(safeLine(r.query, 100))} with these filters.`;
  const lines = [`${r.total} ${r.total === 1 ? 'tool matches' : 'tools match'}${r.total > r.hits.length ? ` (first ${r.hits.length} shown)` : ''}:`];
  for (const h of r.hits) lines.push(`- ${safeLine(h.server, 80)} / ${safeLine(h.tool, 100)}: ${h.category}, ${h.risk}. ${safeLine(h.description, 160)}`);
  return lines.join('\n');
}

/** `get_server_policy` as text. */
export function renderServerPolicy(r: ServerPolicyResult): string {
  const lines = [`Recommended policy for ${safeLine(r.server.id, 100)} (${r.toolCount} tools), ${r.export.format} format (${r.export.filename}):`, r.export.text];
  for (const n of r.export.notes) lines.push(`Note: ${safeLine(n, 600)}`);
  return lines.join('\n');
}

/** `audit_config` as text: the CLI's table, then the export when one was asked. */
export function renderAudit(r: AuditResult): string {
  const lines = renderAuditTable(r).map((l) => safeLine(l, 4000));
  if (r.export) {
    lines.push('', `Combined policy (${r.export.format}, ${r.export.filename}):`, r.export.text);
    for (const n of r.export.notes) lines.push(`Note: ${safeLine(n, 600)}`);
  }
  return lines.join('\n');
}

/** `check_definition` as text: the `mcp-risk check` lines, then a verdict per tool. */
export function renderCheck(r: CheckResult): string {
  const lines = [`${r.tools.length} tools, ${r.errors} errors, ${r.warnings} warnings: ${r.passed ? 'passes' : 'fails'} mcp-risk check.`];
  for (const f of r.findings.slice(0, 200)) lines.push(`${safeLine(f.tool, 100)}: ${safeLine(f.field, 100)}: ${f.severity}: ${safeLine(f.message, 500)}`);
  if (r.findings.length > 200) lines.push(`… and ${r.findings.length - 200} more findings (see the structured result)`);
  for (const t of r.tools.slice(0, 200)) lines.push(`- ${safeLine(t.name, 100)}: ${t.category}, ${t.risk}${t.flags.length > 0 ? `, ${t.flags.length} flags` : ''}`);
  for (const s of r.skipped) lines.push(`Skipped: ${safeLine(s, 300)}`);
  return lines.join('\n');
}
