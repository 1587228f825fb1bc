/**
 * `npm run bench -- --only search --sizes N --site DIR --catalog DIR`: measure search again over a
 * site kept by an earlier `--keep` run, without the slow site build. The search index in
 * `DIR/search-index/` and the /search/ page's script are rebuilt first from the catalogue with the
 * current code (so changes to the index format or the engine are measured); everything else in the
 * site stays as built. `N` must be the size the kept catalogue was generated with (the queries are
 * drawn from the same seeded synthetic catalogue).
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { build } from 'esbuild';
import { syntheticCatalog } from '../../src/lib/synth/index.js';
import { getSiteData } from '../../src/lib/view/site-data.js';
import { searchIndexFiles } from '../../src/lib/search/site-index.js';
import { SEARCH_INDEX_BASE } from '../../src/lib/search/sharded-format.js';
import { benchQueries } from './queries.js';
import { measureSearch } from './search-bench.js';
import { ROOT } from './site-build.js';
import type { SizeResult } from './measure.js';

/** Rewrite the search index of the built site in `site` from `catalog`, and the search page's script. */
export async function refreshSearch(site: string, catalog: string): Promise<void> {
  const files = searchIndexFiles(getSiteData(catalog));
  const base = join(site, SEARCH_INDEX_BASE);
  rmSync(base, { recursive: true, force: true });
  for (const f of files) {
    const path = join(base, f.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, JSON.stringify(f.data));
  }
  const html = readFileSync(join(site, 'search', 'index.html'), 'utf8');
  const script = /<script type="module" src="(\/_astro\/search\.astro[^"]+\.js)"/.exec(html)?.[1];
  if (!script) throw new Error('the built /search/ page has no search script to replace');
  const out = await build({
    stdin: { contents: `import { initSearch } from './src/lib/search/client.ts';\nimport { SEARCH_INDEX_BASE } from './src/lib/search/sharded-format.ts';\ninitSearch(SEARCH_INDEX_BASE);\n`, resolveDir: ROOT, loader: 'ts' },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    minify: true,
    write: false,
    logLevel: 'silent',
  });
  writeFileSync(join(site, script), out.outputFiles[0]!.text);
}

/** Search measurements over a kept site of `tools` synthetic tools (see the file comment). */
export async function measureSearchOnly(tools: number, site: string, catalog: string, chromePath: string, log: (line: string) => void): Promise<SizeResult> {
  const t = performance.now();
  await refreshSearch(site, catalog);
  log(`${tools}: search index and page script rebuilt in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  const inputs = syntheticCatalog({ tools });
  const search = await measureSearch(site, benchQueries(inputs), chromePath);
  const b = search.browser;
  log(`${tools}: search node p95 ${search.node.p95.toFixed(1)} ms${b ? `, chromium p95 ${b.p95.toFixed(1)} ms, ${Math.round(b.fetchedGzip / 1024)} KB gzip before first result` : ''}`);
  return { tools, servers: inputs.length, writeMs: NaN, classifierPerSec: NaN, build: { code: 0, ms: NaN, rssMethod: 'none' }, search };
}
