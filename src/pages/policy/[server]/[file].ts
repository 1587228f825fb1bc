/** `/policy/<server>/<file>`: the whole-server policy in each export format, as a static file. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { getSiteData } from '../../../lib/view/site-data.js';
import { shardServers } from '../../../lib/view/shard.js';
import { policyFormats, type PolicyFormatView } from '../../../lib/view/policy-view.js';

export const getStaticPaths = (() =>
  shardServers(getSiteData()).flatMap((server) =>
    policyFormats(server.policy, { serverId: server.id }).map((format) => ({
      params: { server: server.id, file: format.filename },
      props: { format },
    })),
  )) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) => {
  const { format } = props as { format: PolicyFormatView };
  const type = format.mediaType.includes('charset') ? format.mediaType : `${format.mediaType}; charset=utf-8`;
  return new Response(format.text, { headers: { 'Content-Type': type } });
};
