/**
 * One benchmark size: generate the synthetic catalogue, time the classifier over it, build the site
 * (time, peak memory, files, bytes), run the plain-Node floor, and measure search.
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { classify, loadRules } from '../../src/lib/classify/index.js';
import type { ToolDefinition } from '../../src/lib/schema/index.js';
import { syntheticCatalog, writeSnapshots } from '../../src/lib/synth/index.js';
import { benchQueries } from './queries.js';
import { measureSearch, type SearchMeasure } from './search-bench.js';
import { ROOT, buildSite, repoScratch, runMeasured, type SiteBuildResult } from './site-build.js';
import { measureIncremental, type IncrementalResult } from './incremental.js';

/** Results of one size. */
export interface SizeResult {
  tools: number;
  servers: number;
  writeMs: number;
  classifierPerSec: number;
  build: Pick<SiteBuildResult, 'code' | 'ms' | 'peakRssKb' | 'rssMethod'> & { error?: string };
  floor?: Pick<SiteBuildResult, 'code' | 'ms' | 'peakRssKb'> & { files?: number };
  /** Every run's wall time in ms when repeated (`ms` above are the medians). */
  runs?: { build: number[]; floor: number[] };
  files?: { total: number; bytes: number; toolPages: number; toolPageBytes: number };
  search?: SearchMeasure;
  /** Re-ingesting one server and rebuilding incrementally after the first build. */
  incremental?: IncrementalResult;
}

/** Options of `measureSize`. */
export interface MeasureOptions {
  chromePath: string;
  /** Keep the generated catalogue and builds (paths printed). */
  keep?: boolean;
  /** Only build (the --huge 100k check): no floor, no search. */
  buildOnly?: boolean;
  /** Only the full build and the incremental rebuild (`--only incremental`): no floor, no search. */
  incrementalOnly?: boolean;
  /** Build and floor runs, interleaved (default 1); the table shows the medians and every run. */
  repeat?: number;
  log: (line: string) => void;
}

/** The median of `xs` (the mean of the middle two for an even count). */
export function median(xs: readonly number[]): number {
  const a = [...xs].sort((x, y) => x - y);
  const m = Math.floor(a.length / 2);
  return a.length % 2 ? a[m]! : (a[m - 1]! + a[m]!) / 2;
}

/** Count files and bytes under `dir`, and the tool pages among them. */
export function countOutput(dir: string): NonNullable<SizeResult['files']> {
  const out = { total: 0, bytes: 0, toolPages: 0, toolPageBytes: 0 };
  const walk = (d: string, rel: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(p, r);
      else {
        const size = statSync(p).size;
        out.total += 1;
        out.bytes += size;
        if (/^servers\/[^/]+\/tools\/[^/]+\/index\.html$/.test(r)) {
          out.toolPages += 1;
          out.toolPageBytes += size;
        }
      }
    }
  };
  walk(dir, '');
  return out;
}

/**
 * Tools per second of `classify` over `defs`, per CPU second of this process (the machine is
 * shared, so wall time would count other processes' work): one warm-up pass, then the best of three
 * rounds of at least a second each (a round slowed by a busy neighbour does not count).
 */
export function classifierThroughput(defs: readonly ToolDefinition[], dir: string): number {
  const rules = loadRules(dir);
  for (const d of defs.slice(0, 20_000)) classify(d, rules);
  let best = 0;
  for (let round = 0; round < 3; round += 1) {
    let n = 0;
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    do {
      for (const d of defs) classify(d, rules);
      n += defs.length;
    } while (performance.now() - t0 < 1000);
    const used = process.cpuUsage(cpu0);
    best = Math.max(best, n / ((used.user + used.system) / 1e6));
  }
  return best;
}

async function incremental(catalog: string, out: string, inputs: readonly { server: { id: string }; tools: readonly unknown[] }[], log: (line: string) => void): Promise<IncrementalResult> {
  const r = await measureIncremental(catalog, out, inputs.map((s) => ({ id: s.server.id, tools: s.tools.length })));
  log(
    `incremental: re-ingest ${r.serverId} (${r.serverTools} tools) ${(r.ingestMs / 1000).toFixed(1)} s, rebuild exit ${r.code} in ${(r.buildMs / 1000).toFixed(1)} s, ` +
      `${r.renderedTools ?? '?'} of ${r.totalTools ?? '?'} tool pages rendered${r.error ? `: ${r.error}` : ''}`,
  );
  return r;
}

/** Run every measurement for a catalogue of `tools` tools. */
export async function measureSize(tools: number, options: MeasureOptions): Promise<SizeResult> {
  const { log } = options;
  const catalog = mkdtempSync(join(tmpdir(), `mcp-bench-${tools}-`));
  const cleanup: string[] = options.keep ? [] : [catalog];
  try {
    const inputs = syntheticCatalog({ tools });
    let t = performance.now();
    writeSnapshots(catalog, inputs);
    const writeMs = performance.now() - t;
    log(`${tools}: catalogue of ${inputs.length} servers written in ${(writeMs / 1000).toFixed(1)} s (${catalog})`);
    const defs = inputs.flatMap((s) => s.tools.map((x) => x.definition));
    const classifierPerSec = options.buildOnly ? NaN : classifierThroughput(defs, catalog);
    if (!options.buildOnly) log(`${tools}: classifier ${Math.round(classifierPerSec)} tools/s`);

    const out = repoScratch(`bench-site-${tools}`);
    if (!options.keep) cleanup.push(out);
    t = performance.now();
    // Node's default heap: NODE_OPTIONS cleared so no --max-old-space-size leaks in.
    const build = await buildSite({ catalog, out, env: { NODE_OPTIONS: '' } });
    const result: SizeResult = { tools, servers: inputs.length, writeMs, classifierPerSec, build: { code: build.code, ms: build.ms, peakRssKb: build.peakRssKb, rssMethod: build.rssMethod } };
    log(`${tools}: site build exit ${build.code} in ${(build.ms / 1000).toFixed(1)} s, peak ${Math.round((build.peakRssKb ?? 0) / 1024)} MB (${out})`);
    if (build.code !== 0) {
      result.build.error = build.log.trim().split('\n').slice(-3).join(' | ').slice(0, 400);
      return result;
    }
    result.files = countOutput(out);
    if (options.buildOnly) return result;
    if (options.incrementalOnly) {
      result.incremental = await incremental(catalog, out, inputs, log);
      return result;
    }

    const floorOut = repoScratch(`bench-floor-${tools}`);
    cleanup.push(floorOut);
    const pageBytes = Math.round(result.files.toolPageBytes / Math.max(1, result.files.toolPages));
    const runFloor = () =>
      runMeasured([process.execPath, '--import', 'tsx', join(ROOT, 'scripts', 'bench', 'floor.ts'), '--catalog', catalog, '--out', floorOut, '--page-bytes', String(pageBytes)], { env: { NODE_OPTIONS: '' } });
    const floor = await runFloor();
    result.floor = { code: floor.code, ms: floor.ms, peakRssKb: floor.peakRssKb };
    if (floor.code === 0) result.floor.files = countOutput(floorOut).total;
    log(`${tools}: floor exit ${floor.code} in ${(floor.ms / 1000).toFixed(1)} s${floor.code === 0 ? '' : `: ${floor.log.slice(-300)}`}`);
    if ((options.repeat ?? 1) > 1 && floor.code === 0) {
      // More runs, build then floor, into fresh folders; the first build's output stays for search.
      const runs = { build: [build.ms], floor: [floor.ms] };
      for (let i = 1; i < options.repeat!; i += 1) {
        rmSync(floorOut, { recursive: true, force: true });
        const again = repoScratch(`bench-site-${tools}-again`);
        const b2 = await buildSite({ catalog, out: again, env: { NODE_OPTIONS: '' } });
        for (const p of [again, `${again}.build-cache`]) rmSync(p, { recursive: true, force: true });
        const f2 = await runFloor();
        if (b2.code !== 0 || f2.code !== 0) throw new Error(`${tools}: repeated run ${i + 1} failed (build exit ${b2.code}, floor exit ${f2.code})`);
        runs.build.push(b2.ms);
        runs.floor.push(f2.ms);
        result.build.peakRssKb = Math.max(result.build.peakRssKb ?? 0, b2.peakRssKb ?? 0);
        log(`${tools}: run ${i + 1}: build ${(b2.ms / 1000).toFixed(1)} s, peak ${Math.round((b2.peakRssKb ?? 0) / 1024)} MB, floor ${(f2.ms / 1000).toFixed(1)} s`);
      }
      result.runs = runs;
      result.build.ms = median(runs.build);
      result.floor.ms = median(runs.floor);
    }

    // The incremental rebuild leaves `out` the same site a full build of the changed catalogue gives.
    result.incremental = await incremental(catalog, out, inputs, log);
    result.search = await measureSearch(out, benchQueries(inputs), options.chromePath);
    const b = result.search.browser;
    log(`${tools}: search node p95 ${result.search.node.p95.toFixed(1)} ms${b ? `, chromium p95 ${b.p95.toFixed(1)} ms, ${Math.round(b.fetchedGzip / 1024)} KB gzip before first result` : ''}`);
    return result;
  } finally {
    // Each out folder's build cache lies next to it (`<out>.build-cache`, scripts/site.ts).
    for (const d of cleanup) for (const p of [d, `${d}.build-cache`]) rmSync(p, { recursive: true, force: true });
  }
}
