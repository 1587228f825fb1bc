/** `/api/tools/<server>/<tool>.json`: a tool's verdict, evidence, flags, predicted annotations and policy. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { getSiteData, type SiteTool } from '../../../../lib/view/site-data.js';
import { toolJson } from '../../../../lib/view/tool-page.js';

export const getStaticPaths = (() =>
  getSiteData().tools.map((tool) => ({ params: { server: tool.serverId, tool: tool.slug }, props: { tool } }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props, site }) =>
  Response.json(toolJson((props as { tool: SiteTool }).tool, site ?? 'http://localhost:4321'));
