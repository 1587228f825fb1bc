/**
 * Whole-catalogue static files: `/api/catalog.json`, the search index and the sitemap. The
 * listings here must match the pages the routes generate (paths come from the same helpers).
 */
import { CATEGORIES, RISK_LEVELS } from '../schema/index.js';
import { paginate } from './browse.js';
import type { SiteData } from './site-data.js';
import { urls } from './urls.js';

/** `/api/catalog.json`. */
export function catalogJson(data: SiteData, site: string | URL): Record<string, unknown> {
  const abs = (p: string): string => new URL(p, site).href;
  return {
    version: 1,
    totals: {
      servers: data.servers.length,
      tools: data.tools.length,
      risk: Object.fromEntries(data.distribution.counts.map((c) => [c.risk, c.count])),
    },
    servers: data.servers.map((s) => ({
      id: s.id,
      name: s.server.name,
      toolCount: s.tools.length,
      ingestedAt: s.server.ingestedAt,
      url: abs(s.url),
      json: abs(urls.apiServer(s.id)),
      policy: abs(urls.serverPolicy(s.id)),
      risk: Object.fromEntries(s.distribution.counts.map((c) => [c.risk, c.count])),
    })),
    tools: data.tools.map((t) => ({
      server: t.serverId,
      name: t.name,
      slug: t.slug,
      category: t.verdict.category,
      risk: t.verdict.risk,
      url: abs(t.url),
      json: abs(t.apiUrl),
    })),
  };
}

/** Every HTML page path of the site (the 404 page excluded). */
export function sitemapPaths(data: SiteData): string[] {
  const paths = ['/', urls.servers(), urls.search(), '/categories/', '/risk/', urls.changes()];
  for (const s of paginate(data.tools)) paths.push(urls.tools(s.page));
  for (const c of CATEGORIES) for (const s of paginate(data.byCategory[c])) paths.push(urls.category(c, s.page));
  for (const r of RISK_LEVELS) for (const s of paginate(data.byRisk[r])) paths.push(urls.risk(r, s.page));
  for (const s of data.servers) {
    paths.push(s.url);
    for (const t of s.tools) paths.push(t.url);
  }
  return paths;
}
