/** `/audit/servers/<id>.json`: one server's tools with verdicts, trifecta legs, conflicts and flags, for `/audit/`. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { getSiteData, type SiteServer } from '../../../lib/view/site-data.js';
import { shardServers } from '../../../lib/view/shard.js';
import { auditServerJson } from '../../../lib/audit/data.js';
import { auditServerOfSite } from '../../../lib/audit/load.js';
import { loadTrifectaRules } from '../../../lib/analysis/trifecta-rules.js';

export const getStaticPaths = (() =>
  shardServers(getSiteData()).map((server) => ({ params: { server: server.id }, props: { server } }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) =>
  Response.json(auditServerJson(auditServerOfSite((props as { server: SiteServer }).server, loadTrifectaRules(getSiteData().dir))));
