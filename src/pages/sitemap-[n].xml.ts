/** `/sitemap-N.xml`: the parts of a sitemap index, generated only when the site has over 50,000 pages. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { getSiteData } from '../lib/view/site-data.js';
import { rendersSharedPages } from '../lib/view/shard.js';
import { sitemapPaths } from '../lib/view/api.js';
import { sitemapChunks, sitemapXml } from '../lib/view/sitemap.js';

export const getStaticPaths = (() => {
  if (!rendersSharedPages()) return [];
  const chunks = sitemapChunks(sitemapPaths(getSiteData()));
  return chunks.length === 1 ? [] : chunks.map((paths, i) => ({ params: { n: String(i + 1) }, props: { paths } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props, site }) =>
  new Response(sitemapXml((props as { paths: string[] }).paths, site ?? 'http://localhost:4321'), {
    headers: { 'Content-Type': 'application/xml; charset=utf-8' },
  });
