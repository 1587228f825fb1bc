/**
 * The site's entry point: `tsx scripts/site.ts <build|dev|preview|start> [--catalog DIR] [--out DIR]
 * [--shards N]`. Resolves the catalogue folder (`--catalog`, else MCP_CATALOG_DIR, else ./catalog)
 * to an absolute path, exports it as MCP_CATALOG_DIR for the pages, and runs Astro programmatically.
 * `start` builds and then serves the result on 127.0.0.1:4321. Telemetry is off: the site makes no
 * outside requests.
 *
 * A build:
 * - runs with V8 flags chosen for it (`buildNodeFlags`): the script re-executes itself with a heap
 *   cap chosen from the number of tool files and whether the build is incremental (Node's default
 *   heap lets garbage grow to gigabytes) and a larger young generation, each unless NODE_OPTIONS
 *   already sets it;
 * - renders the tool pages in batches, cut into pages by the site's middleware
 *   (src/lib/build/tool-batches.ts, src/middleware.ts), which also writes each tool's JSON file
 *   (`/api/tools/<server>/<tool>.json`) with plain fs, from the same site data;
 * - with `--shards N` (N > 1), runs N builds in parallel (`MCP_SHARD=i/N`), each rendering the
 *   per-server pages of its share of servers and shard 0 the catalogue-wide pages too, into
 *   `<out>.tmp-shard-<i>` folders merged into the out folder with renames. The result is the same
 *   site, byte for byte. Default 1: see docs/performance.md for what sharding gains and costs;
 * - is incremental (src/lib/build/manifest.ts): it writes a build manifest into the out folder and,
 *   when the out folder holds one from the same sources and rules, renders only the tool pages,
 *   server routes and listing pages whose inputs changed plus every other catalogue-wide page, into
 *   `<out>.tmp-build`, moves the unchanged pages' files over from the previous out folder (a
 *   server's tool folders whole when all its tools are kept) and swaps the folders. The result is
 *   the same site, byte for byte, as a full build. `--full` forces a full build; a sharded build is
 *   always full;
 * - loads the catalogue through a cache of parsed and classified tool files kept next to the out
 *   folder (`<out>.build-cache`, src/lib/build/data-cache.ts): only new or changed tool files are
 *   parsed. `--full` reads none of it (and writes it again); sharded builds do not use it.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildNodeFlags } from '../src/lib/build/plan.js';
import { MANIFEST_FILE, globalHash, manifestGlobal } from '../src/lib/build/global-hash.js';
import { mergeInto } from '../src/lib/build/merge.js';
import { catalogDir } from '../src/lib/catalog/index.js';
// Astro and the site data modules are imported where used: a process that only re-executes itself
// with a heap cap, or only runs and merges shards, stays small.

const COMMANDS = ['build', 'dev', 'preview', 'start'] as const;
type Command = (typeof COMMANDS)[number];
const root = fileURLToPath(new URL('..', import.meta.url));

function fail(message: string): never {
  process.stderr.write(`site: ${message}\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        catalog: { type: 'string' },
        out: { type: 'string' },
        host: { type: 'string' },
        port: { type: 'string' },
        shards: { type: 'string' },
        full: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    fail(e instanceof Error ? e.message : String(e));
  }
  const { values, positionals } = parsed;
  const command = (positionals[0] ?? 'build') as Command;
  if (values.help || !COMMANDS.includes(command)) {
    process.stdout.write('usage: tsx scripts/site.ts <build|dev|preview|start> [--catalog DIR] [--out DIR] [--host H] [--port N] [--shards N] [--full]\n');
    process.exit(values.help ? 0 : 2);
  }
  const dir = catalogDir(values.catalog);
  if (command !== 'preview') {
    if (!existsSync(dir) || !statSync(dir).isDirectory()) fail(`--catalog: ${dir} is not a folder`);
    process.env.MCP_CATALOG_DIR = dir;
  }
  // Always absolute: the build's middleware writes the tool pages there (src/middleware.ts).
  process.env.MCP_OUT_DIR = resolve(values.out ?? join(root, 'dist'));
  process.env.ASTRO_TELEMETRY_DISABLED = '1';
  const port = values.port ? Number(values.port) : 4321;
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port: expected a port number, got ${values.port}`);
  const server = { host: values.host ?? '127.0.0.1', port };

  const shards = values.shards === undefined ? 1 : Number(values.shards);
  if (!Number.isInteger(shards) || shards < 1 || shards > 64) fail(`--shards: expected a whole number from 1 to 64, got ${values.shards}`);

  if (command === 'build' || command === 'start') {
    // The site users get, whoever runs the build: under NODE_ENV=test (vitest) Vite would build in
    // development mode (one route per tool page, the tool JSON through its route), so tests
    // would click a different site from the one `npm start` serves.
    process.env.NODE_ENV = 'production';
    // Incremental when the out folder holds a manifest of the same global hash (what `oneBuild`
    // decides again after the re-execution): it gets a larger heap cap (`buildHeapMb`).
    // (Not looked at when NODE_OPTIONS sets the flags already, as in the re-executed process.)
    const tools = countToolFiles(dir);
    const prevManifest = join(process.env.MCP_OUT_DIR, MANIFEST_FILE);
    const incremental =
      buildNodeFlags(tools, process.env.NODE_OPTIONS).length > 0 &&
      shards === 1 &&
      !process.env.MCP_SHARD &&
      values.full !== true &&
      existsSync(prevManifest) &&
      manifestGlobal(readFileSync(prevManifest, 'utf8')) === globalHash(root, dir, process.env.SITE_URL ?? 'http://localhost:4321');
    const flags = buildNodeFlags(tools, process.env.NODE_OPTIONS, incremental);
    if (shards > 1 && !process.env.MCP_SHARD) {
      await shardedBuild(dir, shards, flags);
    } else {
      if (flags.length > 0) process.exit(await rerun(process.argv.slice(2), flagsEnv(flags)));
      process.stdout.write(`site: building from ${dir}${process.env.MCP_SHARD ? ` (shard ${process.env.MCP_SHARD})` : ''}\n`);
      await oneBuild(dir, process.env.MCP_OUT_DIR, values.full === true);
    }
  }
  // Astro 5's dev server wrongly requires a trailing slash on dynamic file endpoints
  // (`/api/tools/<server>/<tool>.json`) under trailingSlash "always" (withastro/astro#17001, fixed
  // in v6); the built site is unaffected, so dev alone accepts both forms.
  if (command === 'dev') await (await import('astro')).dev({ root, server, trailingSlash: 'ignore' });
  if (command === 'preview' || command === 'start') await (await import('astro')).preview({ root, server });
}

/**
 * One Astro build into `out`: incremental when `out` holds a manifest of the same global hash (and
 * not `full`, not a shard), else full. A whole-site build and shard 0 write the manifest.
 */
async function oneBuild(dir: string, out: string, full: boolean): Promise<void> {
  const { MANIFEST_FILE, globalHash, manifestText, pageOutput, parseManifest, planBuild, serverOutputs, siteManifest, splitKey, toolFolders, toolOutputs } = await import('../src/lib/build/manifest.js');
  const { BATCH_DIR } = await import('../src/lib/build/tool-batches.js');
  const { rendersSharedPages, setRenderOnly } = await import('../src/lib/view/shard.js');
  const { getSiteData, setSiteData } = await import('../src/lib/view/site-data.js');
  const { loadSiteDataCached } = await import('../src/lib/build/data-cache.js');
  const started = performance.now();
  const sharded = Boolean(process.env.MCP_SHARD);
  const global = globalHash(root, dir, process.env.SITE_URL ?? 'http://localhost:4321');
  // A whole-site build loads the catalogue through its cache of parsed and classified tool files
  // (src/lib/build/data-cache.ts; `--full` reads none but writes it); the pages then read the same data.
  const cached = sharded ? undefined : loadSiteDataCached(dir, cacheDirOf(out), global, !full);
  if (cached) {
    setSiteData(dir, cached.data);
    // Written now, not after the build: it holds what the data says whatever the build does next,
    // and what only the cache needs is let go before the pages are rendered.
    cached.save();
    process.stdout.write(`site: catalogue loaded: ${cached.hits} tool files from the build cache, ${cached.parsed} parsed (${Math.round(performance.now() - started)} ms)\n`);
  }
  const manifest = rendersSharedPages() ? siteManifest(getSiteData(dir), global) : undefined;
  const prevPath = join(out, MANIFEST_FILE);
  const prev = !full && !sharded && existsSync(prevPath) ? parseManifest(readFileSync(prevPath, 'utf8')) : undefined;
  const plan = manifest && !full && !sharded ? planBuild(prev, manifest, (p) => existsSync(join(out, p))) : undefined;
  const manifestMs = performance.now() - started;
  const target = plan?.mode === 'incremental' ? `${out}.tmp-build` : out;
  if (plan?.mode === 'incremental') {
    const tools = Object.keys(manifest!.tools).length;
    const servers = Object.keys(manifest!.servers).length;
    const pages = Object.keys(manifest!.pages).length;
    process.stdout.write(
      `site: incremental build: ${plan.renderTools.size} of ${tools} tool pages and ${plan.renderServers.size} of ${servers} servers' pages to render, ` +
        `${plan.renderPages.size} of ${pages} listing pages, with every other catalogue-wide page (manifest ${Math.round(manifestMs)} ms)\n`,
    );
    rmSync(target, { recursive: true, force: true });
    setRenderOnly({ servers: plan.renderServers, tools: plan.renderTools, pages: plan.renderPages });
    process.env.MCP_OUT_DIR = target;
  } else if (plan) {
    process.stdout.write(`site: full build: ${plan.reason}\n`);
  } else if (full) {
    process.stdout.write('site: full build: --full\n');
  }
  try {
    const { build } = await import('astro');
    await build({ root, logLevel: 'warn' });
    if (existsSync(join(target, BATCH_DIR))) fail(`${join(target, BATCH_DIR)}: tool page batches were written as files, not cut into pages`);
    if (plan?.mode === 'incremental') {
      const moveStarted = performance.now();
      // From here the previous folder is no longer a whole site: without its manifest, a build
      // interrupted now is followed by a full one.
      rmSync(prevPath, { force: true });
      const made = new Set<string>();
      // A folder whose destination exists (a dev-mode build, NODE_ENV other than production, renders
      // every tool's JSON through its route) is merged entry by entry; a file replaces its namesake.
      const moveTo = (from: string, to: string): void => {
        if (existsSync(to) && statSync(from).isDirectory()) {
          for (const name of readdirSync(from)) moveTo(join(from, name), join(to, name));
        } else {
          renameSync(from, to);
        }
      };
      const move = (path: string): void => {
        const to = join(target, path);
        const parent = dirname(to);
        if (!made.has(parent)) {
          mkdirSync(parent, { recursive: true });
          made.add(parent);
        }
        moveTo(join(out, path), to);
      };
      // Whole tool folders of servers whose tools are all kept (two renames each), else tool by tool.
      const whole = new Set(plan.keepToolFolders);
      for (const id of whole) for (const p of toolFolders(id)) move(p);
      for (const key of plan.keepTools) {
        const [id, slug] = splitKey(key);
        if (!whole.has(id)) for (const p of toolOutputs(id, slug)) move(p);
      }
      for (const id of plan.keepServers) for (const p of serverOutputs(id)) move(p);
      for (const path of plan.keepPages) move(pageOutput(path));
      writeFileSync(join(target, MANIFEST_FILE), manifestText(manifest!));
      const old = `${out}.tmp-old`;
      rmSync(old, { recursive: true, force: true });
      renameSync(out, old);
      renameSync(target, out);
      rmSync(old, { recursive: true, force: true });
      process.stdout.write(
        `site: kept ${plan.keepTools.length} tool pages, ${plan.keepServers.length} servers' pages and ${plan.keepPages.length} listing pages from the previous build (${Math.round(performance.now() - moveStarted)} ms)\n`,
      );
    } else if (manifest) {
      writeFileSync(join(out, MANIFEST_FILE), manifestText(manifest));
    }
  } finally {
    if (target !== out) rmSync(target, { recursive: true, force: true });
    process.env.MCP_OUT_DIR = out;
    setRenderOnly(undefined);
  }
}

/** The build cache folder of out folder `out` (next to it, not published). */
function cacheDirOf(out: string): string {
  return `${out}.build-cache`;
}

/** Tool files of every server folder of the catalogue (what the heap cap is chosen from). */
function countToolFiles(dir: string): number {
  let n = 0;
  const servers = join(dir, 'servers');
  if (!existsSync(servers)) return 0;
  for (const d of readdirSync(servers, { withFileTypes: true })) {
    if (!d.isDirectory() || d.name.startsWith('.')) continue;
    const tools = join(servers, d.name, 'tools');
    if (existsSync(tools)) for (const f of readdirSync(tools)) if (f.endsWith('.md') && !f.startsWith('.')) n += 1;
  }
  return n;
}

/** The environment with `flags` added to NODE_OPTIONS. */
function flagsEnv(flags: readonly string[]): NodeJS.ProcessEnv {
  return { ...process.env, NODE_OPTIONS: [process.env.NODE_OPTIONS ?? '', ...flags].join(' ').trim() };
}

/** Run this script again (same Node flags, e.g. tsx's loader) with `args` and `env`; resolves to its exit code. */
function rerun(args: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((done, failed) => {
    const child = spawn(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), ...args], { env, stdio: 'inherit' });
    const forward = (signal: NodeJS.Signals): void => void child.kill(signal);
    process.on('SIGINT', forward).on('SIGTERM', forward);
    child.on('error', failed);
    child.on('close', (code, signal) => {
      process.off('SIGINT', forward).off('SIGTERM', forward);
      done(code ?? (signal ? 128 : 1));
    });
  });
}

/** The out folder and canonical origin from the Astro config (read after MCP_OUT_DIR / SITE_URL are set). */
async function siteConfig(): Promise<{ outDir: string; site: string }> {
  const { default: config } = (await import('../astro.config.mjs')) as { default: { outDir?: string; site?: string } };
  return { outDir: resolve(root, config.outDir ?? './dist'), site: config.site ?? 'http://localhost:4321' };
}

/** `--shards N`: N builds in parallel, one per shard, merged into the out folder. */
async function shardedBuild(dir: string, shards: number, flags: readonly string[]): Promise<void> {
  const { outDir } = await siteConfig();
  process.stdout.write(`site: building from ${dir} in ${shards} shards\n`);
  const parts = Array.from({ length: shards }, (_, i) => `${outDir}.tmp-shard-${i}`);
  for (const p of parts) rmSync(p, { recursive: true, force: true });
  try {
    const codes = await Promise.all(
      parts.map((out, i) => {
        const env = { ...flagsEnv(flags), MCP_SHARD: `${i}/${shards}` };
        return rerun(['build', '--catalog', dir, '--out', out], env);
      }),
    );
    const bad = codes.findIndex((c) => c !== 0);
    if (bad >= 0) fail(`shard ${bad} of ${shards} failed (exit ${codes[bad]})`);
    rmSync(outDir, { recursive: true, force: true });
    const [first, ...rest] = parts;
    renameSync(first!, outDir);
    for (const p of rest) mergeInto(p, outDir);
  } finally {
    for (const p of parts) rmSync(p, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`site: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
