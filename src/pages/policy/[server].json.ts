/** `/policy/<id>.json`: the whole-server recommended policy, exactly the policy.json text shown on the server page. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { getSiteData, type SiteServer } from '../../lib/view/site-data.js';
import { shardServers } from '../../lib/view/shard.js';
import { policyJsonText } from '../../lib/view/policy-view.js';

export const getStaticPaths = (() =>
  shardServers(getSiteData()).map((server) => ({ params: { server: server.id }, props: { server } }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) =>
  new Response(policyJsonText((props as { server: SiteServer }).server.policy), {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
