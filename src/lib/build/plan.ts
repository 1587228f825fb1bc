/**
 * How the site build runs: the heap cap chosen from the catalogue's size, and the partition of
 * servers into build shards. Pure functions (the build script, scripts/site.ts, does the IO).
 */

/** Catalogues up to this many tools build under `CAPPED_HEAP_MB`; larger ones use Node's default heap. */
export const CAPPED_HEAP_MAX_TOOLS = 60_000;
/** The heap cap (MB) of builds of up to `CAPPED_HEAP_MAX_TOOLS` tools. */
export const CAPPED_HEAP_MB = 1152;

/**
 * The heap cap (MB) of incremental builds of up to `CAPPED_HEAP_MAX_TOOLS` tools. An incremental
 * build renders few pages but holds the whole catalogue (site data, history, manifest); under
 * `CAPPED_HEAP_MB` its collector ran often: at 50,000 tools 2 GB took a rebuild about 1 s less wall
 * time and 2 s less CPU time, but its peak RSS rose to about a full build's (1,452 to 1,562 MB in the
 * benchmark, 1,340 MB before), over the 1.5 GB a build is held to. 1,536 MB keeps the peak near
 * 1,250 MB for about half that gain (docs/performance.md).
 */
export const INCREMENTAL_HEAP_MB = 1536;

/**
 * The `--max-old-space-size` for a build of `tools` tools (`incremental`: one that renders only what
 * changed), or undefined for Node's default heap. The build's live data is small (about 300 MB at
 * 50,000 tools); without a cap V8 lets garbage grow towards its default limit (about 4 GB on a 24 GB
 * machine) and the peak RSS with it. Above `CAPPED_HEAP_MAX_TOOLS` the cap would make the collector
 * run all the time, so the default stays.
 */
export function buildHeapMb(tools: number, incremental = false): number | undefined {
  if (tools > CAPPED_HEAP_MAX_TOOLS) return undefined;
  return incremental ? INCREMENTAL_HEAP_MB : CAPPED_HEAP_MB;
}

/** True when `nodeOptions` (NODE_OPTIONS) already sets the old-space size. */
export function setsHeapSize(nodeOptions: string | undefined): boolean {
  return /(^|\s)--max[-_]old[-_]space[-_]size(=|\s|$)/.test(nodeOptions ?? '');
}

/**
 * The young generation's semi-space size (MB) of a build. Rendering 50,000 pages allocates tens of
 * gigabytes of short-lived objects; with Node's default (16 MB) the collector ran about 4,000
 * scavenges taking 18 s of a 50k build. 64 MB took the build about 13% faster in back-to-back runs
 * (docs/performance.md); 128 MB was slower (more page faults).
 */
export const BUILD_SEMI_SPACE_MB = 64;

/**
 * The V8 flags a build of `tools` tools (`incremental` or not) adds to NODE_OPTIONS: the heap cap
 * (`buildHeapMb`) and the semi-space size, each unless NODE_OPTIONS already sets it. Empty when
 * nothing is to be added.
 */
export function buildNodeFlags(tools: number, nodeOptions: string | undefined, incremental = false): string[] {
  const flags: string[] = [];
  const heap = setsHeapSize(nodeOptions) ? undefined : buildHeapMb(tools, incremental);
  if (heap !== undefined) flags.push(`--max-old-space-size=${heap}`);
  if (!/(^|\s)--max[-_]semi[-_]space[-_]size(=|\s|$)/.test(nodeOptions ?? '')) flags.push(`--max-semi-space-size=${BUILD_SEMI_SPACE_MB}`);
  return flags;
}

/** A build shard: `index` of `count` (0-based), from `MCP_SHARD=i/N`. */
export interface Shard {
  index: number;
  count: number;
}

/** Parse `i/N` (0 <= i < N); undefined for an empty or missing value. Throws on a malformed one. */
export function parseShard(spec: string | undefined): Shard | undefined {
  if (spec === undefined || spec === '') return undefined;
  const m = /^(\d{1,4})\/(\d{1,4})$/.exec(spec.trim());
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || index >= count) throw new Error(`MCP_SHARD: expected i/N with 0 <= i < N, got ${JSON.stringify(spec)}`);
  return { index, count };
}

/** One server's weight in the partition: its tool count. */
export interface ServerWeight {
  id: string;
  tools: number;
}

/**
 * Split servers into `count` shards balancing tools per shard: heaviest server first, each to the
 * currently lightest shard (ties to the lowest index). Shard 0 also renders the catalogue-wide
 * pages, so it starts with `sharedWeight` (in tools). Every server lands in exactly one shard; the
 * result depends only on the inputs (ids tie-break equal weights), never on their order.
 */
export function partitionServers(servers: readonly ServerWeight[], count: number, sharedWeight = 0): string[][] {
  if (!Number.isInteger(count) || count < 1) throw new Error(`shard count must be a positive integer, got ${count}`);
  const shards: string[][] = Array.from({ length: count }, () => []);
  const load = Array.from({ length: count }, (_, i) => (i === 0 ? sharedWeight : 0));
  const sorted = [...servers].sort((a, b) => b.tools - a.tools || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const s of sorted) {
    let best = 0;
    for (let i = 1; i < count; i += 1) if (load[i]! < load[best]!) best = i;
    shards[best]!.push(s.id);
    load[best]! += Math.max(1, s.tools);
  }
  for (const list of shards) list.sort();
  return shards;
}
