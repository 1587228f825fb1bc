/**
 * The per-tool JSON files (`/api/tools/<server>/<tool>.json`). They are data, not pages: the
 * production build writes them with plain `fs` after `astro build` (scripts/site.ts), and the dev
 * server serves the same text from the route `src/pages/api/tools/[server]/[tool].json.ts`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SiteData, SiteServer, SiteTool } from './site-data.js';
import { toolJson } from './tool-page.js';

/** The exact text of a tool's JSON file (compact JSON, as `Response.json` writes it). */
export function toolJsonText(tool: SiteTool, site: string | URL): string {
  return JSON.stringify(toolJson(tool, site));
}

/** Path segments of a tool's JSON file under the out folder (the route's params, unencoded). */
export function toolJsonFile(serverId: string, slug: string): string[] {
  return ['api', 'tools', serverId, `${slug}.json`];
}

/**
 * Write the JSON file of every tool of `servers` (default: every server of `data`) under `outDir`.
 * Returns the number of files written.
 */
export function writeToolJsonFiles(data: SiteData, outDir: string, site: string | URL, servers: readonly SiteServer[] = data.servers): number {
  let n = 0;
  for (const s of servers) {
    if (s.tools.length === 0) continue;
    mkdirSync(join(outDir, 'api', 'tools', s.id), { recursive: true });
    for (const t of s.tools) {
      writeFileSync(join(outDir, ...toolJsonFile(t.serverId, t.slug)), toolJsonText(t, site));
      n += 1;
    }
  }
  return n;
}
