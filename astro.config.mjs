// @ts-check
import { defineConfig } from 'astro/config';

// Site configuration only: the canonical origin comes from SITE_URL; the catalogue folder from
// MCP_CATALOG_DIR (read by src/lib, not here); MCP_OUT_DIR lets tests build into a scratch folder.
export default defineConfig({
  site: process.env.SITE_URL ?? 'http://localhost:4321',
  outDir: process.env.MCP_OUT_DIR ?? './dist',
  trailingSlash: 'always',
  build: { format: 'directory', concurrency: 4 },
  server: { host: '127.0.0.1', port: 4321 },
});
