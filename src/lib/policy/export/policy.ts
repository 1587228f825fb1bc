/**
 * `policy` export: our own `policy.json`, canonical form. Exact: it expresses everything.
 */
import type { Policy } from '../../schema/policy.js';
import { serializePolicy } from '../parse.js';
import { fileStem, type ExportOptions, type ExportResult } from './common.js';

/** The policy as canonical `policy.json` text (2-space JSON, keys version/default/hide/rules). */
export function exportPolicyJson(policy: Policy, options: ExportOptions): ExportResult {
  return { text: serializePolicy(policy), mediaType: 'application/json', filename: `${fileStem(options)}.policy.json`, notes: [] };
}
