/**
 * The incremental build's benchmark: after a full build of a catalogue into `out`, re-ingest one
 * server (its median-sized one, with one tool's description changed) through the real
 * `mcp-risk ingest --file`, then rebuild `out` incrementally (`scripts/site.ts build`, which keeps
 * the previous build's manifest). Both are timed as child processes; the figure compared with the
 * full build is their sum.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadServer } from '../../src/lib/catalog/index.js';
import { ROOT, buildSite, runMeasured } from './site-build.js';

/** What re-ingesting one server and rebuilding took. */
export interface IncrementalResult {
  serverId: string;
  serverTools: number;
  ingestMs: number;
  buildMs: number;
  code: number | null;
  /** Tool pages rendered / in the catalogue, servers rendered (from the build's log line). */
  renderedTools?: number;
  totalTools?: number;
  renderedServers?: number;
  peakRssKb?: number;
  error?: string;
}

/** Re-ingest the median-sized server of `servers` (id and tool count) in `catalog` and rebuild `out`. */
export async function measureIncremental(catalog: string, out: string, servers: readonly { id: string; tools: number }[]): Promise<IncrementalResult> {
  const bySize = [...servers].sort((a, b) => a.tools - b.tools || (a.id < b.id ? -1 : 1));
  const pick = bySize[Math.floor(bySize.length / 2)]!;
  const server = loadServer(catalog, pick.id);
  const tools = server.tools.map((t, i) =>
    i === Math.floor(server.tools.length / 2) ? { ...t.definition, description: `${t.definition.description ?? ''} Changed in the incremental benchmark.` } : t.definition,
  );
  const work = mkdtempSync(join(tmpdir(), 'mcp-bench-incr-'));
  try {
    const file = join(work, 'tools.json');
    writeFileSync(file, JSON.stringify({ tools }));
    const ingest = await runMeasured(
      [process.execPath, '--import', 'tsx', join(ROOT, 'scripts', 'cli.ts'), 'ingest', '--file', file, '--id', pick.id, '--name', server.server.name, '--catalog', catalog],
      { env: { NODE_OPTIONS: '' } },
    );
    const result: IncrementalResult = { serverId: pick.id, serverTools: tools.length, ingestMs: ingest.ms, buildMs: 0, code: ingest.code };
    if (ingest.code !== 0) return { ...result, error: `ingest: ${ingest.log.trim().slice(-300)}` };
    const build = await buildSite({ catalog, out, env: { NODE_OPTIONS: '' } });
    Object.assign(result, { buildMs: build.ms, code: build.code, peakRssKb: build.peakRssKb });
    const m = /incremental build: (\d+) of (\d+) tool pages and (\d+) of/.exec(build.log);
    if (m) Object.assign(result, { renderedTools: Number(m[1]), totalTools: Number(m[2]), renderedServers: Number(m[3]) });
    else result.error = 'the rebuild was not incremental';
    if (build.code !== 0) result.error = build.log.trim().split('\n').slice(-3).join(' | ').slice(0, 400);
    return result;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
