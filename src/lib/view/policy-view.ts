/**
 * The policy block's data: the policy in every export format the policy library offers
 * (`EXPORT_FORMATS`, policy.json first), each with its text, file name, media type and the notes on
 * what the format cannot express.
 */
import type { Policy } from '../schema/index.js';
import { serializePolicy } from '../policy/parse.js';
import { EXPORT_FORMATS, EXPORT_SERVER_NAME, exportPolicyFormats } from '../policy/export/index.js';
import { shortHash } from '../slug.js';

/** One format of a policy, as `PolicyBlock.astro` shows it. */
export interface PolicyFormatView {
  format: string;
  label: string;
  text: string;
  filename: string;
  mediaType: string;
  notes?: string[];
}

/** The canonical text of a policy.json (the same text the CLI prints and `/policy/<id>.json` serves). */
export function policyJsonText(policy: Policy): string {
  return serializePolicy(policy);
}

/**
 * The server's name as export targets accept it (1-64 of `A-Z a-z 0-9 _ -`): the id when it fits,
 * else a cleaned form plus a short hash so distinct ids stay distinct.
 */
export function exportServerName(serverId: string): string {
  if (EXPORT_SERVER_NAME.test(serverId)) return serverId;
  const base = serverId.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 50) || 'server';
  return `${base}-${shortHash(serverId)}`;
}

/** Every export format, policy.json first. */
const FORMATS = [...EXPORT_FORMATS].sort((a, b) => Number(b.id === 'policy') - Number(a.id === 'policy'));

/** The formats of `policy` for the server `serverId`, policy.json first (the policy validated once). */
export function policyFormats(policy: Policy, opts: { serverId: string }): PolicyFormatView[] {
  const server = exportServerName(opts.serverId);
  const results = exportPolicyFormats(policy, { server }, FORMATS.map((f) => f.id));
  return FORMATS.map((f, i) => {
    const r = results[i]!;
    const view: PolicyFormatView = { format: f.id, label: f.label, text: r.text, filename: r.filename, mediaType: r.mediaType };
    if (r.notes.length > 0) view.notes = [...r.notes];
    return view;
  });
}

/** A policy format published as a static file (`/policy/<server>/<filename>`), for large policies. */
export interface PolicyFileView {
  format: string;
  label: string;
  filename: string;
  href: string;
  notes?: string[];
}

/** URL of one exported file of a server's whole policy. */
export function policyFileUrl(serverId: string, filename: string): string {
  return `/policy/${encodeURIComponent(serverId)}/${encodeURIComponent(filename)}`;
}

/** The formats other than policy.json as links to their static files (the server page uses these). */
export function policyFiles(formats: readonly PolicyFormatView[], serverId: string): PolicyFileView[] {
  return formats
    .filter((f) => f.format !== 'policy')
    .map((f) => ({
      format: f.format,
      label: f.label,
      filename: f.filename,
      href: policyFileUrl(serverId, f.filename),
      ...(f.notes ? { notes: f.notes } : {}),
    }));
}
