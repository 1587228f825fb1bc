/**
 * `/search-index/...`: the sharded search index (src/lib/search/sharded-format.ts), one small static
 * JSON file each, so /search/ fetches only what a query needs.
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { getSiteData } from '../../lib/view/site-data.js';
import { rendersSharedPages } from '../../lib/view/shard.js';
import { searchIndexFiles } from '../../lib/search/site-index.js';

export const getStaticPaths = (() =>
  rendersSharedPages() ? searchIndexFiles(getSiteData()).map((f) => ({ params: { file: f.path }, props: { data: f.data } })) : []) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) => Response.json((props as { data: unknown }).data);
