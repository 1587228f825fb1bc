/**
 * The policy block's data: the policy in every export format the policy library offers
 * (`EXPORT_FORMATS`, policy.json first), each with its text, file name, media type and the notes on
 * what the format cannot express.
 */
import type { Policy } from '../schema/index.js';
import { serializePolicy } from '../policy/parse.js';
import { EXPORT_FORMATS, EXPORT_SERVER_NAME, exportPolicyFormats } from '../policy/export/index.js';
import { EXPORT_TOOL_SLUG } from '../policy/export/common.js';
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

/**
 * A tool slug as download names accept it (1-100 of `A-Z a-z 0-9 _ -`): the slug when it fits (the
 * catalogue writes only such slugs), else a cleaned form plus a short hash.
 */
export function exportToolSlug(slug: string): string {
  if (EXPORT_TOOL_SLUG.test(slug) && slug !== SLUG_MARK) return slug;
  const base = slug.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'tool';
  return `${base}-${shortHash(slug)}`;
}

/** Every export format, policy.json first. */
const FORMATS = [...EXPORT_FORMATS].sort((a, b) => Number(b.id === 'policy') - Number(a.id === 'policy'));

function exportFormats(policy: Policy, server: string, toolSlug: string | undefined): PolicyFormatView[] {
  const results = exportPolicyFormats(policy, toolSlug === undefined ? { server } : { server, toolSlug }, FORMATS.map((f) => f.id));
  return FORMATS.map((f, i) => {
    const r = results[i]!;
    const view: PolicyFormatView = { format: f.id, label: f.label, text: r.text, filename: r.filename, mediaType: r.mediaType };
    if (r.notes.length > 0) view.notes = [...r.notes];
    return view;
  });
}

/**
 * Tool names every export format writes verbatim (no quoting or escaping differs between two such
 * names); tests/unit/view/policy-view.test.ts checks the shortcut below against the exporters.
 */
const PLAIN_NAME = /^[A-Za-z0-9_-]{1,64}$/;
/** Stands for the tool's name in a cached export (a plain name no format text contains). */
const NAME_MARK = 'zQ9toolNAMEmark7Xz';
const MARK_RE = new RegExp(NAME_MARK, 'g');
/** Stands for the tool's slug in a cached export's file name (and the Docker script's usage line). */
const SLUG_MARK = 'zQ9toolSLUGmark7Xz';
const SLUG_RE = new RegExp(SLUG_MARK, 'g');
const byShape = new Map<string, PolicyFormatView[]>();
/** Exports of policies naming several tools, per policy object (never changed once built) and server. */
const byPolicy = new WeakMap<Policy, Map<string, PolicyFormatView[]>>();

/** The one name a policy mentions (hide and rules), or undefined when it names none or several. */
function onlyName(policy: Policy): string | undefined {
  let name: string | undefined;
  for (const n of [...policy.hide, ...policy.rules.map((r) => r.tool)]) {
    if (name !== undefined && n !== name) return undefined;
    name = n;
  }
  return name;
}

/**
 * The formats of `policy` for the server `serverId`, policy.json first (the policy validated once).
 * `toolSlug` (a tool page's snippet) names the downloads `<server>.<tool slug>.<suffix>`.
 * A policy naming one tool with a plain name (every tool page's snippet) is exported once per
 * server and policy shape with a stand-in name, and the name put back in each text: the same
 * texts, without running every exporter for every tool.
 */
export function policyFormats(policy: Policy, opts: { serverId: string; toolSlug?: string }): PolicyFormatView[] {
  const server = exportServerName(opts.serverId);
  const slug = opts.toolSlug === undefined ? undefined : exportToolSlug(opts.toolSlug);
  const name = onlyName(policy);
  if (name === undefined || !PLAIN_NAME.test(name) || name === NAME_MARK || name === SLUG_MARK) {
    // A whole server's policy: the server page and the policy file routes ask for the same one.
    let forPolicy = byPolicy.get(policy);
    if (!forPolicy) byPolicy.set(policy, (forPolicy = new Map()));
    const key = slug === undefined ? server : `${server}\u0000${slug}`;
    let views = forPolicy.get(key);
    if (!views) forPolicy.set(key, (views = exportFormats(policy, server, slug)));
    return views.map((v) => ({ ...v, ...(v.notes ? { notes: [...v.notes] } : {}) }));
  }
  const rename = (n: string): string => (n === name ? NAME_MARK : n);
  const shape: Policy = { ...policy, hide: policy.hide.map(rename), rules: policy.rules.map((r) => ({ ...r, tool: rename(r.tool) })) };
  const key = `${server}\u0000${slug === undefined ? 0 : 1}\u0000${JSON.stringify(shape)}`;
  let views = byShape.get(key);
  if (!views) {
    views = exportFormats(shape, server, slug === undefined ? undefined : SLUG_MARK);
    if (byShape.size >= 10_000) byShape.clear();
    byShape.set(key, views);
  }
  const put = (text: string): string => text.replace(MARK_RE, name).replace(SLUG_RE, slug ?? SLUG_MARK);
  return views.map((v) => {
    const view: PolicyFormatView = { ...v, text: put(v.text), filename: put(v.filename) };
    if (v.notes) view.notes = v.notes.map(put);
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
