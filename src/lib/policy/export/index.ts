/**
 * The export formats of a policy: one pure module per format, each documenting what its format
 * cannot express; `exportPolicy` validates its inputs and dispatches.
 */
import type { Policy } from '../../schema/policy.js';
import { PolicyError } from '../errors.js';
import { parsePolicy } from '../parse.js';
import { exportCedar } from './cedar.js';
import { exportClaudeCode } from './claude-code.js';
import { exportCodex } from './codex.js';
import { exportCursor } from './cursor.js';
import { EXPORT_TOOL_SLUG, type ExportOptions, type ExportResult } from './common.js';
import { exportDocker } from './docker.js';
import { exportIntercept } from './intercept.js';
import { exportPolicyJson } from './policy.js';
import { exportPolicyLayer } from './policylayer.js';

export type { ExportOptions, ExportResult } from './common.js';

/** Every export format: id (used in URLs and the CLI) and a label for buttons. */
export const EXPORT_FORMATS = [
  { id: 'policy', label: 'policy.json' },
  { id: 'claude-code', label: 'Claude Code settings.json' },
  { id: 'policylayer', label: 'PolicyLayer policy JSON' },
  { id: 'intercept', label: 'Intercept policy YAML' },
  { id: 'cedar', label: 'ToolHive Cedar authorization' },
  { id: 'docker', label: 'Docker MCP Toolkit profile commands' },
  { id: 'codex', label: 'Codex config.toml' },
  { id: 'cursor', label: 'Cursor permissions.json' },
] as const;

/** An export format id. */
export type ExportFormat = (typeof EXPORT_FORMATS)[number]['id'];

const EXPORTERS: Record<ExportFormat, (policy: Policy, options: ExportOptions) => ExportResult> = {
  policy: exportPolicyJson,
  'claude-code': exportClaudeCode,
  policylayer: exportPolicyLayer,
  intercept: exportIntercept,
  cedar: exportCedar,
  docker: exportDocker,
  codex: exportCodex,
  cursor: exportCursor,
};

/** Server names every target accepts (Claude Code, Codex and Docker all require this shape). */
export const EXPORT_SERVER_NAME = /^[A-Za-z0-9_-]{1,64}$/;

function checkOptions(options: ExportOptions): void {
  if (!EXPORT_SERVER_NAME.test(options.server)) {
    throw new PolicyError('export', 'server', `expected 1-64 characters of A-Z a-z 0-9 _ - (got ${JSON.stringify(options.server)})`);
  }
  if (options.toolSlug !== undefined && !EXPORT_TOOL_SLUG.test(options.toolSlug)) {
    throw new PolicyError('export', 'toolSlug', `expected 1-100 characters of A-Z a-z 0-9 _ - (got ${JSON.stringify(options.toolSlug)})`);
  }
}

/** Whether `id` names an export format. */
export function isExportFormat(id: string): id is ExportFormat {
  return Object.hasOwn(EXPORTERS, id);
}

/**
 * Export `policy` (validated first) for the server named `options.server` (1-64 characters of
 * `A-Z a-z 0-9 _ -`); `options.toolSlug` names a one-tool snippet's download after its tool.
 * Throws `PolicyError` for an unknown format, a bad server name or tool slug, or a bad policy.
 */
export function exportPolicy(format: string, policy: Policy, options: ExportOptions): ExportResult {
  if (!isExportFormat(format)) {
    throw new PolicyError('export', 'format', `unknown format ${JSON.stringify(format)} (expected one of ${EXPORT_FORMATS.map((f) => f.id).join(', ')})`);
  }
  checkOptions(options);
  return EXPORTERS[format](parsePolicy(policy, 'policy'), options);
}

/**
 * Export `policy` in every format of `formats` (default: all, in `EXPORT_FORMATS` order), validating
 * the policy and the server name once: the same results as calling `exportPolicy` per format.
 */
export function exportPolicyFormats(policy: Policy, options: ExportOptions, formats: readonly ExportFormat[] = EXPORT_FORMATS.map((f) => f.id)): ExportResult[] {
  checkOptions(options);
  const valid = parsePolicy(policy, 'policy');
  return formats.map((f) => EXPORTERS[f](valid, options));
}
