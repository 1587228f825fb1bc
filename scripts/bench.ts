/**
 * `npm run bench [-- --sizes 1000,10000] [--repeat N] [--huge] [--skip-hostile] [--keep] [--json FILE]`: builds
 * synthetic catalogues (default 1k, 10k, 50k tools), measures the site build against a plain-Node
 * floor, files and bytes written, search (Node and Chromium) and classifier throughput, and prints a
 * Markdown table with pass/fail per target; then builds the hostile catalogue with its 10,000-tool
 * server. `--huge` also builds 100k tools with Node's default heap. `--only search --site DIR --catalog DIR`
 * measures search again over a site and catalogue kept by `--keep` (scripts/bench/search-only.ts). Not a test: it takes minutes and
 * its numbers depend on the machine.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { measureSize, type SizeResult } from './bench/measure.js';
import { markdownTable, type HugeResult } from './bench/report.js';
import { benchHostile, type HostileBuild } from './bench/hostile.js';
import { measureSearchOnly } from './bench/search-only.js';

function fail(message: string): never {
  process.stderr.write(`bench: ${message}\n`);
  process.exit(2);
}

function chrome(): string {
  for (const p of [process.env.CHROME_PATH, '/usr/bin/chromium']) if (p && existsSync(p)) return p;
  return '';
}

function defaultHeapMb(): number {
  const out = execFileSync(process.execPath, ['-e', 'process.stdout.write(String(require("v8").getHeapStatistics().heap_size_limit))'], { env: { ...process.env, NODE_OPTIONS: '' } });
  return Number(out.toString()) / 1024 / 1024;
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({ options: { sizes: { type: 'string' }, huge: { type: 'boolean' }, 'skip-hostile': { type: 'boolean' }, keep: { type: 'boolean' }, json: { type: 'string' }, only: { type: 'string' }, repeat: { type: 'string' }, site: { type: 'string' }, catalog: { type: 'string' }, help: { type: 'boolean', short: 'h' } } }));
  } catch (e) {
    fail((e as Error).message);
  }
  if (values.help) {
    process.stdout.write('usage: npm run bench -- [--sizes 1000,10000,50000] [--repeat N] [--huge] [--skip-hostile] [--keep] [--json FILE]\n       npm run bench -- --only search --sizes N --site DIR --catalog DIR   (a site and catalogue kept by --keep)\n       npm run bench -- --only incremental --sizes N   (full build, then re-ingest one server and rebuild)\n');
    return;
  }
  const sizes = (values.sizes ?? '1000,10000,50000').split(',').map((s) => s.trim().replace(/_/g, ''));
  for (const s of sizes) if (!/^[1-9][0-9]*$/.test(s)) fail(`--sizes: expected positive integers separated by commas, got ${JSON.stringify(s)}`);
  const chromePath = chrome();
  const log = (line: string): void => void process.stderr.write(`bench: ${line}\n`);
  if (!chromePath) log('NO CHROMIUM FOUND (CHROME_PATH or /usr/bin/chromium): browser search measurements are skipped');
  const started = new Date();
  const results: SizeResult[] = [];
  if (values.only !== undefined) {
    if (values.only === 'incremental') {
      for (const n of sizes) results.push(await measureSize(Number(n), { chromePath, log, incrementalOnly: true }));
      process.stdout.write(`Incremental build benchmark of ${started.toISOString().slice(0, 10)}\n\n${markdownTable(results)}`);
      if (values.json) writeFileSync(values.json, `${JSON.stringify({ date: started.toISOString(), results }, null, 2)}\n`);
      return;
    }
    if (values.only !== 'search') fail(`--only: "search" or "incremental", got ${JSON.stringify(values.only)}`);
    if (!values.site || !values.catalog || sizes.length !== 1) fail('--only search needs --site DIR, --catalog DIR (kept by --keep) and one --sizes N');
    results.push(await measureSearchOnly(Number(sizes[0]), values.site, values.catalog, chromePath, log));
    process.stdout.write(`Search benchmark of ${started.toISOString().slice(0, 10)}\n\n${markdownTable(results)}`);
    if (values.json) writeFileSync(values.json, `${JSON.stringify({ date: started.toISOString(), results }, null, 2)}\n`);
    return;
  }
  const repeat = values.repeat === undefined ? 1 : Number(values.repeat);
  if (!Number.isInteger(repeat) || repeat < 1 || repeat > 9) fail(`--repeat: expected a whole number from 1 to 9, got ${values.repeat}`);
  // Repeated runs only at the largest size (the target's): smaller ones are quick and for reference.
  const largest = Math.max(...sizes.map(Number));
  for (const s of sizes) results.push(await measureSize(Number(s), { chromePath, keep: values.keep ?? false, log, repeat: Number(s) === largest ? repeat : 1 }));
  let huge: HugeResult | undefined;
  if (values.huge) {
    const r = await measureSize(100_000, { chromePath, keep: values.keep ?? false, log, buildOnly: true });
    huge = { tools: 100_000, code: r.build.code, ms: r.build.ms, peakRssKb: r.build.peakRssKb, heapLimitMb: defaultHeapMb() };
    if (r.build.error) huge.error = r.build.error;
  }
  let hostile: HostileBuild | undefined;
  if (!values['skip-hostile']) hostile = await benchHostile(10_000, log);
  const machine = `${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown'}), ${Math.round(totalmem() / 2 ** 30)} GB RAM, Node ${process.versions.node}`;
  const hostileLine = hostile
    ? `Hostile catalogue (${hostile.tools.toLocaleString('en-US')} tools, one server of 10,000, a 1 MB description, a 200-level schema): ${hostile.code === 0 ? `built in ${(hostile.ms / 1000).toFixed(1)} s, peak ${Math.round((hostile.peakRssKb ?? 0) / 1024)} MB, ${hostile.files?.toLocaleString('en-US')} files` : `build FAILED (${hostile.error ?? `exit ${hostile.code}`})`}.\n`
    : '';
  process.stdout.write(`Benchmark of ${started.toISOString().slice(0, 10)} on ${machine}\n\n${markdownTable(results, huge)}${hostileLine}`);
  if (values.json) writeFileSync(values.json, `${JSON.stringify({ date: started.toISOString(), machine, results, huge, hostile }, null, 2)}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`bench: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
