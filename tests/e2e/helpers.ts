/**
 * Shared helpers of the e2e tests: running the `mcp-risk` CLI, launching Chromium, and reading
 * the tool files of a catalogue folder.
 */
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const CATALOG = join(ROOT, 'catalog');
export const MODEL = { server: 'sperax-crypto-mcp', tool: 'BinanceOptionsDeleteListenKey' } as const;

/** Result of one CLI run. */
export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `npm run --silent cli -- <args>` from the repo root, bounded by `timeoutMs`; `stdin` is written to its input. */
export function runCli(args: string[], stdin?: string, timeoutMs = 60_000): Promise<CliRun> {
  return new Promise((ok, fail) => {
    const child = spawn('npm', ['run', '--silent', 'cli', '--', ...args], {
      cwd: ROOT,
      env: { ...process.env, MCP_CATALOG_DIR: CATALOG, NO_COLOR: '1' },
      stdio: [stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    if (stdin !== undefined) child.stdin?.end(stdin);
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', fail);
    child.on('close', (code) => {
      clearTimeout(timer);
      ok({ code, stdout, stderr });
    });
  });
}

/** Launch headless Chromium with the flags the project uses (no background network, no sandbox). */
export function launchChromium(executablePath: string): Promise<Browser> {
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/**
 * One Chromium for the enclosing `describe`: launched in its beforeAll, closed in its afterAll.
 * Returns a getter, as the browser exists only once the hook has run.
 */
export function useChromium(executablePath: string): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchChromium(executablePath);
  }, 30_000);
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error('Chromium is not running (useChromium is used outside its describe)');
    return browser;
  };
}

/** File names (slugs, without `.md`) of a server's tool files on disk. */
export function toolSlugsOnDisk(serverId: string, catalog = CATALOG): string[] {
  return readdirSync(join(catalog, 'servers', serverId, 'tools'))
    .filter((f) => f.endsWith('.md') && !f.startsWith('.'))
    .map((f) => f.slice(0, -3))
    .sort();
}

/** Server ids (folders) of a catalogue on disk. */
export function serverIdsOnDisk(catalog = CATALOG): string[] {
  return readdirSync(join(catalog, 'servers'), { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('.'))
    .map((d) => d.name)
    .sort();
}

/**
 * Wait until the search page has finished its latest query: `#search-results` is `aria-busy="true"`
 * from the moment the box or a filter changes (set in the same input or change event that writes the
 * URL) until that query's results are all shown. With `query`, also until the URL holds that query,
 * so a settled list from before the typing was handled cannot match.
 */
export async function searchSettled(page: Page, query?: string): Promise<void> {
  await page.waitForFunction(
    (q) =>
      document.getElementById('search-results')?.getAttribute('aria-busy') === 'false' &&
      (q === undefined || new URLSearchParams(location.search).get('q') === q),
    query,
  );
}
