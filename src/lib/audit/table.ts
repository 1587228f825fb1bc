/**
 * The audit report as plain text for a terminal: a block per server (tools by risk, annotation
 * conflicts, flags, snapshot/version match), the cross-server trifecta paths with their tools,
 * unknown servers with the command to check them, and the findings. Pure; the caller makes each
 * line safe for a terminal (`oneLine`).
 */
import { RISK_LEVELS } from '../schema/index.js';
import { LEGS } from './data.js';
import type { AuditReport, ReportServer } from './report.js';

/** Trifecta paths the table prints. */
export const TABLE_PATHS = 10;

function list(names: readonly string[], max = 5): string {
  const shown = names.slice(0, max).join(', ');
  return names.length > max ? `${shown} (+${names.length - max} more)` : shown;
}

function versionText(s: ReportServer): string {
  const c = s.catalogue;
  if (!c) return '';
  switch (c.version) {
    case 'exact':
      return `snapshot of ${c.configVersion ?? ''}, the version in the config`;
    case 'other':
      return `snapshot of ${c.catalogueVersion ?? '?'}, config runs ${c.configVersion ?? '?'}: tools may differ`;
    case 'unpinned':
      return `config is unpinned (runs the latest); snapshot of ${c.catalogueVersion ?? 'an unknown version'}`;
    case 'remote':
      return 'remote server; snapshot listed at the catalogue\'s ingest';
  }
}

function launchText(s: ReportServer): string {
  if (s.transport === 'stdio') return `stdio: ${[s.command ?? '', ...s.args].join(' ')}`;
  return `${s.transport}: ${s.url ?? ''}`;
}

/** The report as text lines (each line to be printed through `oneLine`). */
export function renderAuditTable(report: AuditReport): string[] {
  const out: string[] = [];
  const t = report.totals;
  out.push(`${report.file}: ${report.client.label} (detected by ${report.client.detectedBy}), ${t.servers} ${t.servers === 1 ? 'server' : 'servers'}: ${t.known} known, ${t.unknown} not in the catalogue`);
  out.push('');
  for (const s of report.servers) {
    const head = `${s.key}${s.disabled ? ' (disabled)' : ''}`;
    if (s.tools) {
      const where = s.status === 'live' ? 'listed live' : `catalogue: ${s.catalogue?.name ?? ''} (${s.catalogue?.id ?? ''}, matched by ${s.catalogue?.by ?? ''})`;
      out.push(`${head}  [${where}]`);
    } else out.push(`${head}  [${s.status === 'unlisted' ? 'could not be listed' : 'not in the catalogue'}]`);
    out.push(`  ${launchText(s)}`);
    if (s.env.length > 0) out.push(`  env: ${s.env.join(', ')} (values not shown)`);
    if (s.headers.length > 0) out.push(`  headers: ${s.headers.join(', ')} (values not shown)`);
    if (s.catalogue) out.push(`  version: ${versionText(s)}`);
    if (s.tools) {
      const tt = s.tools;
      const exposed = tt.exposed !== tt.total ? `, ${tt.exposed} exposed by the config` : '';
      out.push(`  tools: ${tt.total}${exposed}; ${[...RISK_LEVELS].reverse().map((r) => `${r} ${tt.risk[r]}`).join(', ')}`);
      if (tt.critical.length > 0) out.push(`  Critical: ${list(tt.critical)}`);
      if (tt.high.length > 0) out.push(`  High: ${list(tt.high)}`);
      out.push(`  annotation conflicts: ${tt.conflicts.length === 0 ? 'none' : list(tt.conflicts)}`);
      const flags = Object.entries(tt.flags);
      out.push(`  flags: ${flags.length === 0 ? 'none' : flags.map(([id, n]) => `${id} ${n}`).join(', ')}`);
      if (tt.trifecta.complete) out.push('  trifecta: this server alone covers all three legs');
    }
    if (s.error) out.push(`  error: ${s.error}`);
    if (s.check) out.push(`  check it: ${s.check}`);
    out.push('');
  }
  const tr = report.trifecta;
  if (tr.pathCount > 0) {
    const shown = tr.paths.slice(0, TABLE_PATHS);
    out.push(`Cross-server lethal trifecta: ${tr.pathCount} ${tr.pathCount === 1 ? 'path' : 'paths'}${tr.pathCount > shown.length ? ` (first ${shown.length} shown; --json lists up to ${tr.paths.length})` : ''}`);
    for (const p of shown) {
      out.push(`  ${LEGS.map((l) => `${p[l].server} ${tr.labels[l]} (${list(p[l].tools, 3)}${p[l].toolCount > p[l].tools.length ? ` +${p[l].toolCount - p[l].tools.length}` : ''})`).join(' -> ')}`);
    }
  } else out.push('Cross-server lethal trifecta: none');
  out.push('');
  if (report.findings.length === 0) out.push('Findings: none');
  else {
    out.push(`Findings: ${report.findings.length}`);
    for (const f of report.findings) out.push(`  - ${f.message}`);
  }
  out.push(`Combined policy: ${Object.keys(report.policy).length} ${Object.keys(report.policy).length === 1 ? 'server' : 'servers'} (print it with --format F)`);
  return out;
}
