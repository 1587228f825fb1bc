/**
 * `sitemap.xml` text. The sitemap protocol allows 50,000 URLs per file; `sitemapChunks` splits
 * longer lists so a large catalogue can publish a sitemap index.
 */

/** Most URLs one sitemap file may hold (protocol limit). */
export const SITEMAP_MAX_URLS = 50_000;

const xmlEscape = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

/** A sitemap.xml for `paths` on `site`. */
export function sitemapXml(paths: readonly string[], site: string | URL): string {
  const body = paths.map((p) => `  <url><loc>${xmlEscape(new URL(p, site).href)}</loc></url>`).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${body}\n</urlset>\n`;
}

/** A sitemap index pointing at `sitemapPaths` on `site`. */
export function sitemapIndexXml(sitemapPaths: readonly string[], site: string | URL): string {
  const body = sitemapPaths.map((p) => `  <sitemap><loc>${xmlEscape(new URL(p, site).href)}</loc></sitemap>`).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${body}\n</sitemapindex>\n`;
}

/** `paths` split into lists of at most `max`. */
export function sitemapChunks<T>(paths: readonly T[], max = SITEMAP_MAX_URLS): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < paths.length; i += max) out.push(paths.slice(i, i + max));
  return out.length ? out : [[]];
}
