/**
 * The server page's view-model and the server's static JSON.
 */
import type { Policy } from '../schema/index.js';
import { evaluate } from '../policy/evaluate.js';
import { launchView, provenanceText, type LaunchView } from './launch.js';
import { policyFiles, policyFormats, type PolicyFileView, type PolicyFormatView } from './policy-view.js';
import type { SiteServer } from './site-data.js';
import { safeHttpUrl, urls } from './urls.js';

/** Counts of what the whole-server policy does, computed with the evaluator. */
export interface PolicySummary {
  hidden: number;
  approval: number;
  rateLimited: number;
  allowed: number;
  denied: number;
  /** What happens to a tool the policy does not name (a tool the server adds later). */
  defaultOutcome: string;
}

/** Everything the server page shows. */
export interface ServerPageView {
  server: SiteServer;
  launch: LaunchView;
  provenance: string;
  /** True when the list was read from a file or source, not from a live server. */
  fromSource: boolean;
  repository?: string;
  homepage?: string;
  ingestedAt: string;
  /** policy.json, shown inline. */
  formats: PolicyFormatView[];
  /** The other export formats, as static files. */
  files: PolicyFileView[];
  policySummary: PolicySummary;
}

/** Tally the whole-server policy's effect on each tool of the server, via `evaluate`. */
export function summarisePolicy(policy: Policy, toolNames: readonly string[]): PolicySummary {
  const s: PolicySummary = { hidden: 0, approval: 0, rateLimited: 0, allowed: 0, denied: 0, defaultOutcome: '' };
  for (const name of new Set(toolNames)) {
    const d = evaluate(policy, name);
    if (!d.listed) s.hidden += 1;
    else if (d.outcome === 'require_approval') s.approval += 1;
    else if (d.source === 'rule' && policy.rules[d.ruleIndex ?? -1]?.action === 'rate_limit') s.rateLimited += 1;
    else if (d.outcome === 'allow') s.allowed += 1;
    else s.denied += 1;
  }
  s.defaultOutcome = policy.default === 'deny' ? 'refused (it stays listed) until the policy names it' : 'allowed';
  return s;
}

/** `YYYY-MM-DD HH:MM UTC` for an ISO time, or the text as given when it does not parse. */
export function formatTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

function inlineAndFiles(s: SiteServer): { formats: PolicyFormatView[]; files: PolicyFileView[] } {
  const all = policyFormats(s.policy, { serverId: s.id });
  return { formats: all.filter((f) => f.format === 'policy'), files: policyFiles(all, s.id) };
}

/** The server page view-model. */
export function serverPageView(s: SiteServer): ServerPageView {
  const repository = safeHttpUrl(s.server.repository);
  const homepage = safeHttpUrl(s.server.homepage);
  return {
    server: s,
    launch: launchView(s.server),
    provenance: provenanceText(s.server),
    fromSource: s.server.launch.transport === 'file',
    ...(repository ? { repository } : {}),
    ...(homepage ? { homepage } : {}),
    ingestedAt: formatTime(s.server.ingestedAt),
    ...inlineAndFiles(s),
    policySummary: summarisePolicy(s.policy, s.tools.map((t) => t.name)),
  };
}

/** The server's static JSON (`/api/servers/<id>.json`). */
export function serverJson(s: SiteServer, site: string | URL): Record<string, unknown> {
  return {
    id: s.id,
    url: new URL(s.url, site).href,
    server: s.server,
    distribution: Object.fromEntries(s.distribution.counts.map((c) => [c.risk, c.count])),
    policyUrl: new URL(urls.serverPolicy(s.id), site).href,
    tools: s.tools.map((t) => ({
      name: t.name,
      slug: t.slug,
      position: t.position,
      category: t.verdict.category,
      risk: t.verdict.risk,
      overridden: t.verdict.overridden,
      url: new URL(t.url, site).href,
      json: new URL(t.apiUrl, site).href,
    })),
  };
}
