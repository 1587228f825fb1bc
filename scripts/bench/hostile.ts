/**
 * The hostile catalogue at full size for the benchmark: 41 crafted tools plus one server of 10,000
 * tools (src/lib/synth/hostile.ts), built like any catalogue. The e2e test builds it with 2,000 bulk
 * tools to stay fast; this is where the 10,000-tool server is built and timed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeHostileCatalog } from '../../src/lib/synth/index.js';
import { countOutput } from './measure.js';
import { buildSite, repoScratch } from './site-build.js';

/** Result of the hostile build. */
export interface HostileBuild {
  tools: number;
  code: number | null;
  ms: number;
  peakRssKb?: number;
  files?: number;
  error?: string;
}

/** Write the hostile catalogue with `bulk` tools in its big server, build it, and clean up. */
export async function benchHostile(bulk = 10_000, log: (line: string) => void = () => {}): Promise<HostileBuild> {
  const catalog = mkdtempSync(join(tmpdir(), 'mcp-bench-hostile-'));
  const out = repoScratch('bench-hostile');
  try {
    const written = writeHostileCatalog(catalog, { bulkTools: bulk });
    const r = await buildSite({ catalog, out, env: { NODE_OPTIONS: '' } });
    const result: HostileBuild = { tools: written.tools, code: r.code, ms: r.ms, peakRssKb: r.peakRssKb };
    if (r.code === 0) result.files = countOutput(out).total;
    else result.error = r.log.trim().split('\n').slice(-2).join(' | ').slice(0, 300);
    log(`hostile: ${written.tools} tools, build exit ${r.code} in ${(r.ms / 1000).toFixed(1)} s`);
    return result;
  } finally {
    rmSync(catalog, { recursive: true, force: true });
    for (const p of [out, `${out}.build-cache`]) rmSync(p, { recursive: true, force: true });
  }
}
