/**
 * Small pure helpers the builder page's script displays: the picker's name filter and the
 * one-sentence summary of what the combined policy does.
 */
import type { PolicyTally } from './combine.js';
import type { BuilderServer, BuilderTool } from './data.js';

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

/**
 * The named tools of `server` whose name contains every word of `filter` (case-insensitive), in
 * listing order: the first `limit` of them, and how many match in all.
 */
export function filterTools(server: BuilderServer, filter: string, limit: number): { tools: BuilderTool[]; total: number } {
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  const all = server.tools.filter((t) => t.name.length > 0 && words.every((w) => t.name.toLowerCase().includes(w)));
  return { tools: all.slice(0, Math.max(0, limit)), total: all.length };
}

/** One sentence on what the combined policy does to the selection, from `tallyPolicies`. */
export function summaryText(t: PolicyTally): string {
  if (t.tools === 0) return 'No tools selected.';
  const parts = [
    t.hidden && `${plural(t.hidden, 'tool')} hidden`,
    t.denied && `${plural(t.denied, 'tool')} refused`,
    t.approval && `${plural(t.approval, 'tool')} needing approval`,
    t.rateLimited && `${plural(t.rateLimited, 'tool')} rate-limited`,
    t.allowed && `${plural(t.allowed, 'tool')} allowed`,
  ].filter(Boolean);
  const rest = t.defaultDeny === 0 ? 'allowed' : t.defaultDeny === t.servers ? 'refused' : `refused on ${plural(t.defaultDeny, 'server')} and allowed on the others`;
  return `${plural(t.tools, 'tool')} on ${plural(t.servers, 'server')}: ${parts.join(', ')}. Tools you did not select are ${rest}.`;
}
