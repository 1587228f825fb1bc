/**
 * The per-tool JSON files (`/api/tools/<server>/<tool>.json`). They are data, not pages: the
 * production build writes them with plain `fs` after `astro build` (scripts/site.ts), and the dev
 * server serves the same text from the route `src/pages/api/tools/[server]/[tool].json.ts`.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SiteTool } from './site-data.js';
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
 * Write the JSON files of `tools` under `outDir`. The production build writes each batch of tool
 * pages' JSON files with the pages (src/middleware.ts). Returns the number of files written.
 */
export async function writeToolJsonFiles(tools: readonly SiteTool[], outDir: string, site: string | URL): Promise<number> {
  for (const dir of new Set(tools.map((t) => join(outDir, ...toolJsonFile(t.serverId, t.slug).slice(0, -1))))) await mkdir(dir, { recursive: true });
  await Promise.all(tools.map((t) => writeFile(join(outDir, ...toolJsonFile(t.serverId, t.slug)), toolJsonText(t, site))));
  return tools.length;
}
