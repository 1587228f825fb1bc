/**
 * Installing a source's npm package into its own folder, with install scripts disabled. An install
 * of the same `name@version` that finished before is reused (the folder is the cache).
 */
import { execFile } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SourceError } from './errors.js';
import type { NpmSpec } from './npm-spec.js';

/** Written into the install folder after a successful install; holds the spec installed. */
export const INSTALL_MARKER = '.mcp-risk-installed';

/** Default bound on one `npm install`, in milliseconds (some servers ship large binaries). */
export const DEFAULT_INSTALL_TIMEOUT_MS = 10 * 60_000;

/** Options of {@link installPackage}. */
export interface InstallOptions {
  /** npm cache folder shared by installs (`--cache`); npm's own default when absent. */
  npmCache?: string;
  /** Resolve dependencies as of this date (`--before`, YYYY-MM-DD). */
  before?: string;
  /** Install this spec (a tarball or folder path) instead of `name@version` from the registry. */
  installFrom?: string;
  signal?: AbortSignal;
  timeoutMs?: number;
  /** Use cached registry metadata without revalidating it (`--prefer-offline`): much faster for a crawl of many packages sharing dependencies. */
  preferOffline?: boolean;
  /** The npm executable (default `npm` on PATH). */
  npm?: string;
}

/** The npm command line for an install into `prefix`. Pure. */
export function npmInstallArgs(what: string, prefix: string, npmCache?: string, before?: string): string[] {
  const args = ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--omit=dev', '--prefix', prefix];
  if (npmCache) args.push('--cache', npmCache);
  if (before) args.push(`--before=${before}`);
  args.push('--loglevel=error', '--', what);
  return args;
}

/** Folder of an installed package under an install prefix. Pure. */
export function packageRoot(prefix: string, name: string): string {
  return join(prefix, 'node_modules', ...name.split('/'));
}

async function readJson(path: string): Promise<Record<string, unknown> | undefined> {
  try {
    const v: unknown = JSON.parse(await readFile(path, 'utf8'));
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** True when `prefix` holds a finished install of exactly `spec`. */
export async function isInstalled(prefix: string, spec: NpmSpec): Promise<boolean> {
  const marker = await readFile(join(prefix, INSTALL_MARKER), 'utf8').catch(() => '');
  if (marker.trim() !== `${spec.name}@${spec.version}`) return false;
  const pkg = await readJson(join(packageRoot(prefix, spec.name), 'package.json'));
  return pkg?.['version'] === spec.version;
}

function run(npm: string, args: string[], opts: InstallOptions): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(
      npm,
      args,
      {
        timeout: opts.timeoutMs ?? DEFAULT_INSTALL_TIMEOUT_MS,
        maxBuffer: 16 * 1024 * 1024,
        windowsHide: true,
        shell: process.platform === 'win32',
        ...(opts.signal ? { signal: opts.signal } : {}),
      },
      (err, _stdout, stderr) => {
        if (!err) return resolve();
        const tail = String(stderr).trim().split('\n').filter(Boolean).slice(-3).join(' | ');
        reject(new Error(tail || err.message));
      },
    );
  });
}

/**
 * Install `spec` into `prefix` unless a finished install of the same version is there. Returns the
 * package's root folder, its `package.json`, and whether the install was reused. Throws
 * {@link SourceError} (naming `sourceId`) on failure or when the installed package is not `spec`.
 */
export async function installPackage(
  sourceId: string,
  spec: NpmSpec,
  prefix: string,
  opts: InstallOptions = {},
): Promise<{ root: string; packageJson: Record<string, unknown>; reused: boolean }> {
  const root = packageRoot(prefix, spec.name);
  const reused = await isInstalled(prefix, spec);
  if (!reused) {
    await rm(join(prefix, INSTALL_MARKER), { force: true });
    await mkdir(prefix, { recursive: true });
    const what = opts.installFrom ?? `${spec.name}@${spec.version}`;
    try {
      const args = npmInstallArgs(what, prefix, opts.npmCache, opts.before);
      if (opts.preferOffline) args.splice(args.indexOf('--loglevel=error'), 0, '--prefer-offline');
      await run(opts.npm ?? 'npm', args, opts);
    } catch (e) {
      throw new SourceError(sourceId, `npm install ${what} failed: ${(e as Error).message}`, 'npm');
    }
  }
  const packageJson = await readJson(join(root, 'package.json'));
  if (!packageJson) throw new SourceError(sourceId, `no readable package.json in ${root} after install`, 'npm');
  if (packageJson['name'] !== spec.name || packageJson['version'] !== spec.version) {
    throw new SourceError(
      sourceId,
      `installed ${String(packageJson['name'])}@${String(packageJson['version'])}, expected ${spec.name}@${spec.version}`,
      'npm',
    );
  }
  if (!reused) await writeFile(join(prefix, INSTALL_MARKER), `${spec.name}@${spec.version}\n`);
  return { root, packageJson, reused };
}
