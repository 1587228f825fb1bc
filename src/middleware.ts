/**
 * Build-time only: a tool page batch route's response (src/pages/tool-page-batches/) is cut into its
 * tool pages, which are written where each tool's own route would write them, with the same tools'
 * JSON files (`/api/tools/<server>/<tool>.json`); Astro gets an empty body and writes no batch file
 * (src/lib/build/tool-batches.ts). Every other response passes through.
 */
import { defineMiddleware } from 'astro:middleware';
import { batchNumber, writeBatchPages } from './lib/build/tool-batches.js';
import { getSiteData } from './lib/view/site-data.js';
import { shardToolBatches } from './lib/view/shard.js';
import { writeToolJsonFiles } from './lib/view/tool-json-files.js';

export const onRequest = defineMiddleware(async (context, next) => {
  const response = await next();
  const n = import.meta.env.DEV ? undefined : batchNumber(context.url.pathname);
  if (n === undefined) return response;
  const outDir = process.env.MCP_OUT_DIR;
  if (!outDir) throw new Error('tool page batches: MCP_OUT_DIR is not set (build the site with `npm run build`, scripts/site.ts)');
  const batch = shardToolBatches(getSiteData())[n];
  if (!batch) throw new Error(`tool page batch ${n}: no such batch in the catalogue`);
  const html = await response.text();
  await Promise.all([writeBatchPages(outDir, batch, html), writeToolJsonFiles(batch.tools, outDir, context.site ?? 'http://localhost:4321')]);
  return new Response(null, { status: 200 });
});
