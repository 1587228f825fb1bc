/** `/audit/index.json`: every server with what a config is matched on, for the `/audit/` page. */
import type { APIRoute } from 'astro';
import { getSiteData } from '../../lib/view/site-data.js';
import { auditIndex, indexServer } from '../../lib/audit/build-data.js';
import { loadTrifectaRules } from '../../lib/analysis/trifecta-rules.js';

export const GET: APIRoute = () => {
  const data = getSiteData();
  return Response.json(auditIndex(data.servers.map((s) => indexServer(s.id, s.server, s.tools.length)), loadTrifectaRules(data.dir)));
};
