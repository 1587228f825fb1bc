/** `/sitemap.xml`: every HTML page with absolute URLs from the configured site; an index of `/sitemap-N.xml` past 50,000 URLs. */
import type { APIRoute } from 'astro';
import { getSiteData } from '../lib/view/site-data.js';
import { sitemapPaths } from '../lib/view/api.js';
import { sitemapChunks, sitemapIndexXml, sitemapXml } from '../lib/view/sitemap.js';

export const GET: APIRoute = ({ site }) => {
  const origin = site ?? 'http://localhost:4321';
  const chunks = sitemapChunks(sitemapPaths(getSiteData()));
  const xml = chunks.length === 1 ? sitemapXml(chunks[0] ?? [], origin) : sitemapIndexXml(chunks.map((_, i) => `/sitemap-${i + 1}.xml`), origin);
  return new Response(xml, { headers: { 'Content-Type': 'application/xml; charset=utf-8' } });
};
