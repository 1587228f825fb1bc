/** `/builder/servers/<id>.json`: one server's tools and effective verdicts, compact, for the policy builder. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { getSiteData, type SiteServer } from '../../../lib/view/site-data.js';
import { shardServers } from '../../../lib/view/shard.js';
import { builderServerFile } from '../../../lib/builder/site.js';

export const getStaticPaths = (() =>
  shardServers(getSiteData()).map((server) => ({ params: { server: server.id }, props: { server } }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) => Response.json(builderServerFile((props as { server: SiteServer }).server));
