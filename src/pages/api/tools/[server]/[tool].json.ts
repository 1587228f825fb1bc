/**
 * `/api/tools/<server>/<tool>.json`: a tool's verdict, evidence, flags, predicted annotations and
 * policy. Served by this route in `npm run dev` only: the production build writes the same text
 * with plain fs along with each batch of tool pages (src/middleware.ts, `writeToolJsonFiles`), so
 * here it yields no paths outside dev.
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { getSiteData, type SiteTool } from '../../../../lib/view/site-data.js';
import { toolJsonText } from '../../../../lib/view/tool-json-files.js';

export const getStaticPaths = (() =>
  import.meta.env.DEV ? getSiteData().tools.map((tool) => ({ params: { server: tool.serverId, tool: tool.slug }, props: { tool } })) : []) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props, site }) =>
  new Response(toolJsonText((props as { tool: SiteTool }).tool, site ?? 'http://localhost:4321'), { headers: { 'content-type': 'application/json' } });
