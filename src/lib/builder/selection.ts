/**
 * The builder's selection: per server, the chosen tools (by slug) with a choice each, and what
 * happens to the server's other tools (`defaultDeny`). Pure, immutable operations; servers are kept
 * sorted by id and tools in each server's listing order once resolved, so the same selection
 * always gives the same policy and the same link, whatever order tools were added in.
 */
import { recommendedChoice, type Choice } from './actions.js';
import type { BuilderServer, BuilderTool } from './data.js';
import { clip } from './escape.js';
import type { PolicyMapping } from '../policy/mapping.js';
import { SHIPPED_POLICY_MAPPING } from '../policy/mapping-data.js';
import { riskRank, type Risk } from '../schema/classification.js';

/** One selected tool. */
export interface SelectedTool {
  slug: string;
  choice: Choice;
}

/** The selected tools of one server. */
export interface SelectedServer {
  id: string;
  /** Tools of the server not in the selection are refused (`default: "deny"`) instead of allowed. */
  defaultDeny: boolean;
  tools: SelectedTool[];
}

/** The whole selection. */
export interface Selection {
  servers: SelectedServer[];
}

/** A selection with nothing in it. */
export const EMPTY_SELECTION: Selection = { servers: [] };

/** Number of selected tools. */
export function selectionSize(sel: Selection): number {
  return sel.servers.reduce((n, s) => n + s.tools.length, 0);
}

function byId(a: SelectedServer, b: SelectedServer): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function ordered(server: BuilderServer, tools: SelectedTool[]): SelectedTool[] {
  const index = (t: SelectedTool): number => server.bySlug.get(t.slug)?.index ?? Number.MAX_SAFE_INTEGER;
  return [...tools].sort((a, b) => index(a) - index(b));
}

function withServer(sel: Selection, id: string, update: (s: SelectedServer) => SelectedServer): Selection {
  const current = sel.servers.find((s) => s.id === id) ?? { id, defaultDeny: false, tools: [] };
  const next = update(current);
  const rest = sel.servers.filter((s) => s.id !== id);
  return { servers: (next.tools.length > 0 ? [...rest, next] : rest).sort(byId) };
}

/**
 * Add `tools` of `server` with their recommended choices; tools already selected keep their choice.
 * Tools with an empty name are skipped (a policy cannot name them).
 */
export function addTools(sel: Selection, server: BuilderServer, tools: readonly BuilderTool[], mapping: PolicyMapping = SHIPPED_POLICY_MAPPING): Selection {
  return withServer(sel, server.id, (s) => {
    const have = new Set(s.tools.map((t) => t.slug));
    const added = tools
      .filter((t) => t.name.length > 0 && server.bySlug.has(t.slug) && !have.has(t.slug))
      .map((t) => ({ slug: t.slug, choice: recommendedChoice(t, mapping) }));
    return { ...s, tools: ordered(server, [...s.tools, ...added]) };
  });
}

/** The tools of `server` whose effective risk is `min` or higher (named tools only). */
export function toolsAtOrAbove(server: BuilderServer, min: Risk): BuilderTool[] {
  return server.tools.filter((t) => t.name.length > 0 && riskRank(t.risk) >= riskRank(min));
}

/** Remove one tool (the server goes when its last tool does). */
export function removeTool(sel: Selection, serverId: string, slug: string): Selection {
  return withServer(sel, serverId, (s) => ({ ...s, tools: s.tools.filter((t) => t.slug !== slug) }));
}

/** Remove a server and all its selected tools. */
export function removeServer(sel: Selection, serverId: string): Selection {
  return { servers: sel.servers.filter((s) => s.id !== serverId) };
}

/** Set the choice of one selected tool (no change if it is not selected). */
export function setChoice(sel: Selection, serverId: string, slug: string, choice: Choice): Selection {
  return {
    servers: sel.servers.map((s) => (s.id !== serverId ? s : { ...s, tools: s.tools.map((t) => (t.slug === slug ? { slug, choice } : t)) })),
  };
}

/** Set whether the server's unselected tools are refused (`true`) or allowed. */
export function setDefaultDeny(sel: Selection, serverId: string, defaultDeny: boolean): Selection {
  return { servers: sel.servers.map((s) => (s.id === serverId ? { ...s, defaultDeny } : s)) };
}

/** Merge `extra` into `base`: servers and tools in both keep `base`'s settings. */
export function mergeSelections(base: Selection, extra: Selection): Selection {
  const out = new Map(base.servers.map((s) => [s.id, s]));
  for (const s of extra.servers) {
    const have = out.get(s.id);
    if (!have) out.set(s.id, s);
    else {
      const slugs = new Set(have.tools.map((t) => t.slug));
      out.set(s.id, { ...have, tools: [...have.tools, ...s.tools.filter((t) => !slugs.has(t.slug))] });
    }
  }
  return { servers: [...out.values()].sort(byId) };
}

/** A selection checked against the catalogue, and what was dropped. */
export interface Resolved {
  selection: Selection;
  /** One sentence per dropped server or tool (untrusted text clipped, never markup). */
  notices: string[];
}

/**
 * Keep only servers present in `servers` and tools they list (by slug), drop tools with an empty
 * name and repeated slugs, and put everything in canonical order. Unknown or unloadable servers
 * and unknown tools are dropped with a notice, at most a few named per notice.
 */
export function resolveSelection(sel: Selection, servers: ReadonlyMap<string, BuilderServer>): Resolved {
  const notices: string[] = [];
  const kept: SelectedServer[] = [];
  const missingServers: string[] = [];
  const missingTools: string[] = [];
  for (const s of sel.servers) {
    const server = servers.get(s.id);
    if (!server) {
      missingServers.push(s.id);
      continue;
    }
    const seen = new Set<string>();
    const tools: SelectedTool[] = [];
    for (const t of s.tools) {
      const tool = server.bySlug.get(t.slug);
      if (!tool || tool.name.length === 0) missingTools.push(`${s.id}:${t.slug}`);
      else if (!seen.has(t.slug)) {
        seen.add(t.slug);
        tools.push(t);
      }
    }
    if (tools.length > 0) kept.push({ ...s, tools: ordered(server, tools) });
  }
  const names = (list: string[]): string => {
    const shown = list.slice(0, 5).map((x) => `"${clip(x)}"`).join(', ');
    return list.length > 5 ? `${shown} and ${list.length - 5} more` : shown;
  };
  if (missingServers.length > 0) {
    notices.push(`${missingServers.length === 1 ? 'A server' : `${missingServers.length} servers`} in the selection ${missingServers.length === 1 ? 'is' : 'are'} not in the catalogue and ${missingServers.length === 1 ? 'was' : 'were'} left out: ${names(missingServers)}.`);
  }
  if (missingTools.length > 0) {
    notices.push(`${missingTools.length === 1 ? 'A tool' : `${missingTools.length} tools`} in the selection ${missingTools.length === 1 ? 'is' : 'are'} not in the catalogue (any more) and ${missingTools.length === 1 ? 'was' : 'were'} left out: ${names(missingTools)}.`);
  }
  return { selection: { servers: kept.sort(byId) }, notices };
}
