/**
 * Build-time side of the builder (runs in Astro, not in the browser): the per-server data files
 * and the server list the page renders into its picker. Reads the site's view-model only.
 */
import { serverFileJson, type ServerFile } from './data.js';
import type { SiteData, SiteServer } from '../view/site-data.js';
import { exportServerName } from '../view/policy-view.js';
import { BUILDER_PATH } from './links.js';

/** Path of a server's builder data file. */
export function builderServerFileUrl(serverId: string): string {
  return `${BUILDER_PATH}servers/${encodeURIComponent(serverId)}.json`;
}

/** `/builder/servers/<id>.json` for one server of the site. */
export function builderServerFile(s: SiteServer): ServerFile {
  return serverFileJson({
    id: s.id,
    name: s.server.name,
    exportName: exportServerName(s.id),
    url: s.url,
    tools: s.tools.map((t, index) => ({
      name: t.name,
      slug: t.slug,
      category: t.verdict.category,
      risk: t.verdict.risk,
      reviewed: t.verdict.overridden,
      index,
    })),
  });
}

/** One option of the picker's server list. */
export interface ServerOption {
  id: string;
  name: string;
  toolCount: number;
  /** URL of the server's data file. */
  data: string;
}

/** Every server as a picker option, sorted by name (case-insensitive), then id. */
export function serverOptions(data: SiteData): ServerOption[] {
  return data.servers
    .map((s) => ({ id: s.id, name: s.server.name, toolCount: s.tools.length, data: builderServerFileUrl(s.id) }))
    .sort((a, b) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
