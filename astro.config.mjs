// @ts-check
import { isAbsolute, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'astro/config';

const ROOT = fileURLToPath(new URL('.', import.meta.url));
const WATCHED = new Set(['src', 'public', 'astro.config.mjs', 'package.json', 'tsconfig.json']);

/**
 * True for paths under the project other than the site's sources (not watched by `npm run dev`).
 * @param {string} path
 */
function outsideSiteSources(path) {
  const rel = relative(ROOT, path);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return false;
  return !WATCHED.has(rel.split(sep)[0] ?? '');
}

// Site configuration only: the canonical origin comes from SITE_URL; the catalogue folder from
// MCP_CATALOG_DIR (read by src/lib, not here); MCP_OUT_DIR lets tests build into a scratch folder.
export default defineConfig({
  site: process.env.SITE_URL ?? 'http://localhost:4321',
  outDir: process.env.MCP_OUT_DIR ?? './dist',
  trailingSlash: 'always',
  build: { format: 'directory', concurrency: 4 },
  server: { host: '127.0.0.1', port: 4321 },
  // `npm run dev` watches only the site's own sources: the catalogue, build outputs, benchmark and
  // scratch folders can hold hundreds of thousands of files and would exhaust the file watchers.
  vite: { server: { watch: { ignored: (path) => outsideSiteSources(path) } } },
});
