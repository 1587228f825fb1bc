/**
 * `prepareSource`: turn an npm (or, through pypi-prepare.ts, a PyPI) entry of `catalog/sources.yaml` into a stdio target the ingestion
 * library can spawn, installed and sandboxed as far as this machine allows (see README.md here).
 */
import { lstatSync, mkdirSync } from 'node:fs';
import { access, chmod, constants } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import type { Source } from '../schema/source.js';
import { binPathInside, binsOf, chooseBin, commandForBin } from './bin.js';
import { SCRATCH_PLACEHOLDER, checkSourceEnv, sandboxDirs, scrubbedEnv } from './env.js';
import { SourceError } from './errors.js';
import { checkSourceFiles } from './files.js';
import { installPackage } from './install.js';
import { parseNpmSpec } from './npm-spec.js';
import { preparePypiSource, type PypiPrepareOptions } from './pypi-prepare.js';
import { redactPaths } from './redact.js';
import { sandboxedRun } from './run-folder.js';
import type { NetIsolation } from './sandbox.js';

/**
 * The default scratch root: `<os temp>/mcp-risk-<uid>/sources`, a folder of this user only (made
 * 0700, refused when someone else owns it), outside the working tree. Inside a project, a server
 * that looks upward from its working directory for a project root (a `package.json`, a `.git`)
 * finds the user's project and writes there: one crawled server put its database into this
 * repository from `.scratch/sources`. `--scratch DIR` picks another folder.
 */
export function defaultScratchRoot(): string {
  const uid = process.getuid?.();
  const mine = join(tmpdir(), `mcp-risk-${uid ?? userInfo().username}`);
  mkdirSync(mine, { recursive: true, mode: 0o700 });
  const st = lstatSync(mine);
  if (!st.isDirectory() || (uid !== undefined && st.uid !== uid)) {
    throw new SourceError(mine, 'the default scratch folder is not a folder of this user; pass --scratch DIR', 'scratch');
  }
  return join(mine, 'sources');
}

/** A stdio launch for the ingestion library; the child must get exactly `env`. */
export interface StdioTarget {
  kind: 'stdio';
  command: string;
  args: string[];
  env: Record<string, string>;
  cwd: string;
}

/** A source ready to list: its target, what was done (notes), and how to remove the run folder. */
export interface PreparedSource {
  target: StdioTarget;
  /** Removes the run folder (`{scratch}`); the install is kept for reuse. */
  cleanup(): Promise<void>;
  /** One line each: install reused or done, bin chosen, network isolation or why not. */
  notes: string[];
  /** The package as installed, from its own package.json (`bin` is the main file for `main` sources). */
  package: { name: string; version: string; bin: string; repository?: string; homepage?: string };
  /** The installed package's root folder, and the install prefix holding it (the install cache entry). */
  packageRoot: string;
  installPrefix: string;
  /**
   * `value` (e.g. the listed tools) with this run's machine paths replaced: the run folder by
   * `{scratch}`, the install folder by `{install}`. Apply before writing anything to the catalogue.
   */
  redact<T>(value: T): T;
  /** The run folder `{scratch}` (also the target's cwd). */
  scratch: string;
  isolation: NetIsolation;
}

/** Options of {@link prepareSource}. */
export interface PrepareOptions extends PypiPrepareOptions {
  /** Root of all scratch folders; each source gets `<scratchRoot>/<id>/{pkg,run}`. */
  scratchRoot: string;
  /** Shared npm cache folder, so repeated installs are fast. */
  npmCache?: string;
  signal?: AbortSignal;
  /** Install from this tarball/folder instead of the registry (offline mirrors, tests). */
  installFrom?: string;
  installTimeoutMs?: number;
  /**
   * Install cache keyed by package: installs go to `<installRoot>/<name@version>` (shared by sources
   * of the same package) instead of `<scratchRoot>/<id>/pkg`.
   */
  installRoot?: string;
  /** Install with `--prefer-offline` (see InstallOptions). */
  preferOffline?: boolean;
  /** Network isolation to use instead of probing this machine (tests). */
  isolation?: NetIsolation;
  /** Environment PATH is read from (default `process.env`); nothing else of it is passed on. */
  parentEnv?: Record<string, string | undefined>;
}

/** The install cache folder of one package under `installRoot`: `<installRoot>/<name@version>` (`/` of a scope as `+`). Pure. */
export function installPrefixFor(installRoot: string, spec: { name: string; version: string }): string {
  return join(resolve(installRoot), `${spec.name.replace('/', '+')}@${spec.version}`);
}

const SAFE_ID = /^[a-z0-9][a-z0-9._-]{0,99}$/;

/**
 * Repository URL from a package.json `repository` field as an https URL, or undefined. Handles
 * `git+https://…`, `git://…`, `git+ssh://git@host/…`, `git@host:owner/repo` and GitHub shorthand.
 */
export function httpsRepository(repo: unknown): string | undefined {
  const raw = typeof repo === 'string' ? repo : repo && typeof repo === 'object' ? (repo as { url?: unknown }).url : undefined;
  if (typeof raw !== 'string') return undefined;
  let url = raw.trim().replace(/^git\+/, '').replace(/\.git$/, '');
  if (/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(url)) url = `https://github.com/${url}`;
  url = url
    .replace(/^github:/, 'https://github.com/')
    .replace(/^ssh:\/\/git@([^/]+)\//, 'https://$1/')
    .replace(/^git@([^:]+):/, 'https://$1/')
    .replace(/^git:\/\//, 'https://');
  return /^https:\/\/[A-Za-z0-9.-]+\/[^\s"'<>]*$/.test(url) ? url : undefined;
}

function check(source: Source): { name: string; version: string } {
  if (!SAFE_ID.test(source.id) || source.id.includes('..')) {
    throw new SourceError(source.id, 'must be lowercase letters, digits, ".", "_" or "-" (it names a folder)', 'id');
  }
  if (!source.npm) throw new SourceError(source.id, 'prepareSource needs an npm entry (file and url sources need no install)', 'npm');
  const parsed = parseNpmSpec(source.npm);
  if (!parsed.ok) throw new SourceError(source.id, parsed.message, 'npm');
  const issues = [...checkSourceEnv(source.env), ...checkSourceFiles(source.files ?? {})];
  const first = issues[0];
  if (first) throw new SourceError(source.id, first.message, first.field);
  return parsed.spec;
}

/**
 * Install `source.npm` (scripts disabled) into `<scratchRoot>/<id>/pkg`, reusing a finished install
 * of the same version; create a fresh run folder `<scratchRoot>/<id>/run` (= `{scratch}`, the cwd,
 * holding HOME and TMPDIR) with the source's `files:`; and return a target that runs the chosen bin
 * with exactly the scrubbed environment and, where possible, without network beyond loopback.
 * Throws {@link SourceError} with a one-line message naming the source and field.
 */
export async function prepareSource(source: Source, opts: PrepareOptions): Promise<PreparedSource> {
  if (source.pypi) return preparePypiSource(source, opts);
  const spec = check(source);
  const base = join(resolve(opts.scratchRoot), source.id);
  const prefix = opts.installRoot ? installPrefixFor(opts.installRoot, spec) : join(base, 'pkg');
  const dirs = sandboxDirs(join(base, 'run'));
  const notes: string[] = [];

  const installed = await installPackage(source.id, spec, prefix, {
    ...(opts.npmCache ? { npmCache: opts.npmCache } : {}),
    ...(opts.installFrom ? { installFrom: opts.installFrom } : {}),
    ...(source.npmBefore ? { before: source.npmBefore } : {}),
    ...(opts.signal ? { signal: opts.signal } : {}),
    ...(opts.installTimeoutMs ? { timeoutMs: opts.installTimeoutMs } : {}),
    ...(opts.preferOffline ? { preferOffline: true } : {}),
  });
  notes.push(`${installed.reused ? 'reused install of' : 'installed'} ${spec.name}@${spec.version} (install scripts disabled)`);

  const choice = source.main !== undefined
    ? ({ ok: true, name: 'main', path: source.main } as const)
    : chooseBin(spec.name, binsOf(installed.packageJson), source.bin);
  if (!choice.ok) throw new SourceError(source.id, choice.message, 'bin');
  const absBin = binPathInside(installed.root, choice.path);
  if (!absBin) throw new SourceError(source.id, `bin "${choice.name}" points outside the package (${choice.path})`, 'bin');
  await access(absBin, constants.R_OK).catch(() => {
    throw new SourceError(source.id, `bin "${choice.name}" file ${choice.path} is missing from the package`, 'bin');
  });
  const base0 = source.main !== undefined ? { command: process.execPath, args: [absBin] } : await commandForBin(absBin);
  if (base0.command !== process.execPath) await chmod(absBin, 0o755).catch(() => undefined);
  notes.push(`bin ${choice.name} -> ${choice.path}`);

  const env = scrubbedEnv(source.env, dirs, {
    binDir: join(prefix, 'node_modules', '.bin'),
    ...(opts.parentEnv ? { parentEnv: opts.parentEnv } : {}),
  });
  const { command, args: finalArgs, cleanup, isolation } = await sandboxedRun(source, dirs, base0, env, opts, notes, 'bin');

  const repository = httpsRepository(installed.packageJson['repository']);
  const homepage = `https://www.npmjs.com/package/${spec.name}`;
  return {
    target: { kind: 'stdio', command, args: finalArgs, env, cwd: dirs.scratch },
    cleanup,
    redact: (value) =>
      redactPaths(value, [
        [dirs.scratch, SCRATCH_PLACEHOLDER],
        [prefix, '{install}'],
      ]),
    notes,
    package: { name: spec.name, version: spec.version, bin: choice.name, homepage, ...(repository ? { repository } : {}) },
    packageRoot: installed.root,
    installPrefix: prefix,
    scratch: dirs.scratch,
    isolation,
  };
}
