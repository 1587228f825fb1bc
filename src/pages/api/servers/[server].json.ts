/** `/api/servers/<id>.json`: one server, its distribution and its tools' verdicts. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { getSiteData, type SiteServer } from '../../../lib/view/site-data.js';
import { shardServers } from '../../../lib/view/shard.js';
import { serverJson } from '../../../lib/view/server-page.js';

export const getStaticPaths = (() =>
  shardServers(getSiteData()).map((server) => ({ params: { server: server.id }, props: { server } }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props, site }) =>
  Response.json(serverJson((props as { server: SiteServer }).server, site ?? 'http://localhost:4321'));
