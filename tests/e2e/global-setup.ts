/**
 * vitest globalSetup for the site's end-to-end tests: builds the site ONCE from the shipped
 * `catalog/` into a scratch folder (MCP_OUT_DIR), serves it on 127.0.0.1 at an ephemeral port, and
 * provides `siteUrl`, `siteDir` and `chromePath` to the tests (inject()). Set MCP_E2E_SITE_DIR to an
 * existing build to skip the build. A missing Chromium skips the browser checks with a loud warning,
 * except in CI (CI=true), where it is a failure.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { serveStatic } from './serve.js';

declare module 'vitest' {
  export interface ProvidedContext {
    siteUrl: string;
    siteDir: string;
    /** Empty when no Chromium was found (browser checks are skipped). */
    chromePath: string;
  }
}

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
// The shipped catalogue (about 480 servers, 12k tools) builds in a few minutes at most on 2 cores; the bound is for a hung build.
const BUILD_TIMEOUT_MS = 420_000;

/** The Chromium to use: CHROME_PATH, else /usr/bin/chromium; '' when neither exists. */
export function findChrome(env: NodeJS.ProcessEnv = process.env): string {
  for (const p of [env.CHROME_PATH, '/usr/bin/chromium']) if (p && existsSync(p)) return p;
  return '';
}

function buildSite(outDir: string): Promise<void> {
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/site.ts', 'build', '--catalog', 'catalog', '--out', outDir], {
      cwd: ROOT,
      env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    child.stdout.on('data', (d: Buffer) => (log += d.toString()));
    child.stderr.on('data', (d: Buffer) => (log += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), BUILD_TIMEOUT_MS);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) ok();
      else fail(new Error(`site build failed (${signal ?? `exit ${code}`}):\n${log.slice(-4000)}`));
    });
  });
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const chromePath = findChrome();
  if (!chromePath) {
    const msg = 'NO CHROMIUM FOUND (CHROME_PATH unset and /usr/bin/chromium missing): browser e2e checks are SKIPPED.';
    if (process.env.CI === 'true') throw new Error(`${msg} In CI a missing browser is a failure.`);
    process.stderr.write(`\n${'!'.repeat(100)}\n!!! ${msg}\n${'!'.repeat(100)}\n\n`);
  }
  const reuse = process.env.MCP_E2E_SITE_DIR;
  let siteDir: string;
  let scratch: string | undefined;
  if (reuse && existsSync(join(reuse, 'index.html'))) {
    siteDir = resolve(reuse);
  } else {
    scratch = mkdtempSync(join(tmpdir(), 'mcp-site-e2e-'));
    siteDir = scratch;
    await buildSite(siteDir);
  }
  const server = await serveStatic(siteDir);
  project.provide('siteUrl', server.url);
  project.provide('siteDir', siteDir);
  project.provide('chromePath', chromePath);
  return async () => {
    await server.close();
    // The build keeps its cache of parsed tool files next to its out folder (scripts/site.ts).
    if (scratch) for (const p of [scratch, `${scratch}.build-cache`]) rmSync(p, { recursive: true, force: true });
  };
}
