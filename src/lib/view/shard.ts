/**
 * Which pages this build renders when the site is built in shards (`scripts/site.ts build --shards
 * N` runs N builds with `MCP_SHARD=i/N`): each shard renders the per-server routes (tool and server
 * pages, server JSON and policy files, tool JSON files) of its share of servers, and shard 0 also
 * every catalogue-wide page (home, listings, search index, sitemaps...). Without MCP_SHARD a build
 * renders everything.
 *
 * An incremental build (src/lib/build/manifest.ts) narrows the per-server routes further: only the
 * servers and tool pages named by `setRenderOnly` (set by the build script before `astro build`, on
 * `globalThis` because Astro's bundle has its own copy of this module).
 */
import { parseShard, partitionServers, type Shard } from '../build/plan.js';
import { toolBatches, type ToolBatch } from '../build/tool-batches.js';
import { toolKey, type SiteData, type SiteServer, type SiteTool } from './site-data.js';

/** Shard 0's head start in the partition, as a share of all tools (it also renders the shared pages). */
const SHARED_SHARE = 0.05;

const cache = new WeakMap<SiteData, { spec: string; servers: Set<string> | undefined }>();

/**
 * The routes an incremental build renders: server ids, tool keys (`toolKey`), and the paths of the
 * catalogue-wide pages the manifest keys (listing pages); other catalogue-wide pages always render.
 */
export interface RenderOnly {
  servers: ReadonlySet<string>;
  tools: ReadonlySet<string>;
  pages: ReadonlySet<string>;
}

const RENDER_ONLY = Symbol.for('mcp-risk-catalog.render-only');
type RenderOnlyHolder = { [RENDER_ONLY]?: { plan: RenderOnly; n: number } };
let planCount = 0;

/** Render only `plan`'s servers and tool pages in this process (undefined: everything again). */
export function setRenderOnly(plan: RenderOnly | undefined): void {
  const holder = globalThis as RenderOnlyHolder;
  if (plan) holder[RENDER_ONLY] = { plan, n: (planCount += 1) };
  else delete holder[RENDER_ONLY];
}

function renderOnly(): { plan: RenderOnly; n: number } | undefined {
  return (globalThis as RenderOnlyHolder)[RENDER_ONLY];
}

/** The cache key of the current shard and render-only plan. */
function specOf(env: NodeJS.ProcessEnv): string {
  return `${env.MCP_SHARD ?? ''}#${renderOnly()?.n ?? 0}`;
}

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
  const spec = specOf(env);
  const hit = cache.get(data);
  if (hit && hit.spec === spec) return hit.servers;
  const shard = shardServerIds(data, currentShard(env));
  const only = renderOnly()?.plan.servers;
  const set = only ? new Set(data.servers.map((s) => s.id).filter((id) => only.has(id) && (shard?.has(id) ?? true))) : shard;
  cache.set(data, { spec, servers: set });
  return set;
}

/** Whether this build renders the per-server routes of `serverId`. */
export function inShard(data: SiteData, serverId: string, env: NodeJS.ProcessEnv = process.env): boolean {
  return servers(data, env)?.has(serverId) ?? true;
}

/** The servers whose routes (page, JSON, builder and policy files) this build renders. */
export function shardServers(data: SiteData, env: NodeJS.ProcessEnv = process.env): SiteServer[] {
  const set = servers(data, env);
  return set ? data.servers.filter((s) => set.has(s.id)) : data.servers;
}

/** The tools whose pages this build renders (its shard's, narrowed by a render-only plan). */
export function shardTools(data: SiteData, env: NodeJS.ProcessEnv = process.env): SiteTool[] {
  const set = shardServerIds(data, currentShard(env));
  const only = renderOnly()?.plan.tools;
  if (!set && !only) return data.tools;
  return data.tools.filter((t) => (set?.has(t.serverId) ?? true) && (only?.has(toolKey(t.serverId, t.slug)) ?? true));
}

const batchCache = new WeakMap<SiteData, { spec: string; batches: ToolBatch<SiteTool>[] }>();

/**
 * The tool page batches this build renders (`toolBatches` over its servers), computed once per site
 * data and shard: the batch route lists them and the middleware looks each one up by number.
 */
export function shardToolBatches(data: SiteData, env: NodeJS.ProcessEnv = process.env): ToolBatch<SiteTool>[] {
  const spec = specOf(env);
  const hit = batchCache.get(data);
  if (hit && hit.spec === spec) return hit.batches;
  const set = shardServerIds(data, currentShard(env));
  const only = renderOnly()?.plan.tools;
  const batches = toolBatches(
    data.servers
      .filter((s) => set?.has(s.id) ?? true)
      .map((s) => ({ tools: only ? s.tools.filter((t) => only.has(toolKey(s.id, t.slug))) : s.tools })),
  );
  batchCache.set(data, { spec, batches });
  return batches;
}

/**
 * The keyed catalogue-wide pages (`ListingRoute`s, src/lib/view/listings.ts) this build renders:
 * none in shards other than 0, those the render-only plan names in an incremental build, else all.
 */
export function shardPages<T extends { path: string }>(routes: readonly T[], env: NodeJS.ProcessEnv = process.env): T[] {
  if (!rendersSharedPages(env)) return [];
  const only = renderOnly()?.plan.pages;
  return only ? routes.filter((r) => only.has(r.path)) : [...routes];
}

/** Whether this build renders the catalogue-wide pages (a whole-site build, or shard 0). */
export function rendersSharedPages(env: NodeJS.ProcessEnv = process.env): boolean {
  return (currentShard(env)?.index ?? 0) === 0;
}
