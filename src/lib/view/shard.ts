/**
 * Which pages this build renders when the site is built in shards (`scripts/site.ts build --shards
 * N` runs N builds with `MCP_SHARD=i/N`): each shard renders the per-server routes (tool and server
 * pages, server JSON and policy files, tool JSON files) of its share of servers, and shard 0 also
 * every catalogue-wide page (home, listings, search index, sitemaps...). Without MCP_SHARD a build
 * renders everything.
 */
import { parseShard, partitionServers, type Shard } from '../build/plan.js';
import { toolBatches, type ToolBatch } from '../build/tool-batches.js';
import type { SiteData, SiteServer, SiteTool } from './site-data.js';

/** Shard 0's head start in the partition, as a share of all tools (it also renders the shared pages). */
const SHARED_SHARE = 0.05;

const cache = new WeakMap<SiteData, { spec: string; servers: Set<string> | undefined }>();

/** The shard of this build (from `MCP_SHARD`), or undefined for a whole-site build. */
export function currentShard(env: NodeJS.ProcessEnv = process.env): Shard | undefined {
  return parseShard(env.MCP_SHARD);
}

/** The servers of shard `shard` of `data` (all of them for a whole-site build). */
export function shardServerIds(data: SiteData, shard: Shard | undefined): Set<string> | undefined {
  if (!shard || shard.count === 1) return undefined;
  const weights = data.servers.map((s) => ({ id: s.id, tools: s.tools.length }));
  return new Set(partitionServers(weights, shard.count, Math.round(data.tools.length * SHARED_SHARE))[shard.index]);
}

function servers(data: SiteData, env: NodeJS.ProcessEnv): Set<string> | undefined {
  const spec = env.MCP_SHARD ?? '';
  const hit = cache.get(data);
  if (hit && hit.spec === spec) return hit.servers;
  const set = shardServerIds(data, currentShard(env));
  cache.set(data, { spec, servers: set });
  return set;
}

/** Whether this build renders the per-server routes of `serverId`. */
export function inShard(data: SiteData, serverId: string, env: NodeJS.ProcessEnv = process.env): boolean {
  return servers(data, env)?.has(serverId) ?? true;
}

/** The servers whose routes this build renders. */
export function shardServers(data: SiteData, env: NodeJS.ProcessEnv = process.env): SiteServer[] {
  const set = servers(data, env);
  return set ? data.servers.filter((s) => set.has(s.id)) : data.servers;
}

/** The tools whose pages this build renders. */
export function shardTools(data: SiteData, env: NodeJS.ProcessEnv = process.env): SiteTool[] {
  const set = servers(data, env);
  return set ? data.tools.filter((t) => set.has(t.serverId)) : data.tools;
}

const batchCache = new WeakMap<SiteData, { spec: string; batches: ToolBatch<SiteTool>[] }>();

/**
 * The tool page batches this build renders (`toolBatches` over its servers), computed once per site
 * data and shard: the batch route lists them and the middleware looks each one up by number.
 */
export function shardToolBatches(data: SiteData, env: NodeJS.ProcessEnv = process.env): ToolBatch<SiteTool>[] {
  const spec = env.MCP_SHARD ?? '';
  const hit = batchCache.get(data);
  if (hit && hit.spec === spec) return hit.batches;
  const batches = toolBatches(shardServers(data, env));
  batchCache.set(data, { spec, batches });
  return batches;
}

/** Whether this build renders the catalogue-wide pages (a whole-site build, or shard 0). */
export function rendersSharedPages(env: NodeJS.ProcessEnv = process.env): boolean {
  return (currentShard(env)?.index ?? 0) === 0;
}
