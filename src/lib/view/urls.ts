/**
 * Every internal URL the site links to, in one place. Server ids and tool slugs are slugs already
 * (src/lib/slug.ts), so they are safe path segments; they are still percent-encoded defensively.
 */
import type { Category, Risk } from '../schema/index.js';
import { categorySegment, riskSegment } from './labels.js';

const seg = (s: string): string => encodeURIComponent(s);

/** Pages and files of the site. All page URLs end in `/` (trailingSlash: always). */
export const urls = {
  home: (): string => '/',
  servers: (): string => '/servers/',
  server: (serverId: string): string => `/servers/${seg(serverId)}/`,
  tool: (serverId: string, slug: string): string => `/servers/${seg(serverId)}/tools/${seg(slug)}/`,
  tools: (page = 1): string => (page <= 1 ? '/tools/' : `/tools/${page}/`),
  category: (c: Category, page = 1): string =>
    page <= 1 ? `/categories/${categorySegment(c)}/` : `/categories/${categorySegment(c)}/${page}/`,
  risk: (r: Risk, page = 1): string => (page <= 1 ? `/risk/${riskSegment(r)}/` : `/risk/${riskSegment(r)}/${page}/`),
  search: (q?: string): string => (q ? `/search/?q=${encodeURIComponent(q)}` : '/search/'),
  apiCatalog: (): string => '/api/catalog.json',
  apiServer: (serverId: string): string => `/api/servers/${seg(serverId)}.json`,
  apiTool: (serverId: string, slug: string): string => `/api/tools/${seg(serverId)}/${seg(slug)}.json`,
  serverPolicy: (serverId: string): string => `/policy/${seg(serverId)}.json`,
  policySchema: (): string => '/schema/policy.schema.json',
  changes: (): string => '/changes/',
  changesFeed: (): string => '/changes/feed.xml',
  changesJson: (): string => '/changes/changes.json',
};

/** Absolute URL of `path` on `site` (the canonical origin, from SITE_URL). */
export function absoluteUrl(path: string, site: string | URL): string {
  return new URL(path, site).href;
}

/** `url` when it is an http(s) URL, else undefined: server.yaml links never become `javascript:`. */
export function safeHttpUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}
