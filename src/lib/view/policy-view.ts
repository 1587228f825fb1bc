/**
 * The policy block's data: the policy in each available format (policy.json first). Formats other
 * than policy.json come from the policy library's exporters.
 */
import type { Policy } from '../schema/index.js';

/** One format of a policy, as `PolicyBlock.astro` shows it. */
export interface PolicyFormatView {
  format: string;
  label: string;
  text: string;
  filename: string;
  mediaType: string;
  notes?: string[];
}

/** The canonical text of a policy.json: two-space JSON with a final newline. */
export function policyJsonText(policy: Policy): string {
  return `${JSON.stringify(policy, null, 2)}\n`;
}

/** The formats of `policy`, policy.json first. */
export function policyFormats(policy: Policy, opts: { serverId: string; toolSlug?: string }): PolicyFormatView[] {
  return [
    {
      format: 'policy.json',
      label: 'policy.json',
      text: policyJsonText(policy),
      filename: 'policy.json',
      mediaType: 'application/json',
    },
  ];
}
