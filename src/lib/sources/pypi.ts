/**
 * Installing a source's PyPI package into its own virtual environment (`python3 -m venv`), with
 * wheels only by default, pip's own configuration ignored and a scrubbed environment. A finished
 * install of the same `name==version` is reused (the venv is the cache).
 */
import { execFile } from 'node:child_process';
import { devNull } from 'node:os';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SourceError } from './errors.js';
import { normalizePypiName, type PypiSpec } from './pypi-spec.js';

/** Written into the venv after a successful install; holds the spec installed. */
export const PYPI_INSTALL_MARKER = '.mcp-risk-installed';

/** Default bound on creating the venv plus `pip install`, in milliseconds. */
export const DEFAULT_PIP_TIMEOUT_MS = 10 * 60_000;

/** Options of {@link installPypiPackage}. */
export interface PipInstallOptions {
  /** The interpreter that creates the venv (absolute path; see {@link resolvePython}). */
  python: string;
  /**
   * Run this interpreter's own pip (22.3+) into the venv (`pip --python`), so the venv is made
   * `--without-pip`: seconds instead of the half minute ensurepip takes on a loaded machine.
   */
  outerPip?: boolean;
  /** `--index-url` for pip (default: pip's own default, https://pypi.org/simple). */
  indexUrl?: string;
  /** Install this folder, wheel or sdist instead of `name==version` from an index (`--no-index`). */
  installFrom?: string;
  /** Allow pip to build wheels from source distributions (no compiler is offered; default wheels only). */
  allowSourceBuilds?: boolean;
  /** pip cache folder shared by installs (`--cache-dir`); none when absent. */
  pipCache?: string;
  /** PATH the install steps see (default the parent's). */
  pathVar?: string;
  signal?: AbortSignal;
  timeoutMs?: number;
}

/** What the installed distribution says about itself (read with importlib.metadata, no package code run). */
export interface PypiMetadata {
  name: string;
  version: string;
  /** Console scripts: name -> `module:function`. */
  scripts: Record<string, string>;
  /** `Project-URL` entries: label -> URL. */
  urls: Record<string, string>;
}

/** Folders of one PyPI install. Pure. */
export function venvPaths(venv: string): { venv: string; bin: string; python: string } {
  const bin = process.platform === 'win32' ? join(venv, 'Scripts') : join(venv, 'bin');
  return { venv, bin, python: join(bin, process.platform === 'win32' ? 'python.exe' : 'python') };
}

/**
 * The pip command line (after `python -m pip`) for installing `spec` or `installFrom`. Pure.
 * `--isolated` ignores pip's configuration files and `PIP_*` variables of the user.
 */
export function pipInstallArgs(spec: PypiSpec, opts: Pick<PipInstallOptions, 'indexUrl' | 'installFrom' | 'allowSourceBuilds' | 'pipCache'>): string[] {
  const args = ['install', '--isolated', '--no-input', '--disable-pip-version-check', '--no-warn-script-location', '--quiet'];
  args.push(...(opts.pipCache ? ['--cache-dir', opts.pipCache] : ['--no-cache-dir']));
  if (opts.installFrom) {
    // A local folder or file: nothing is fetched; its build backend must be in the venv already.
    args.push('--no-index', '--no-build-isolation', '--', opts.installFrom);
    return args;
  }
  if (opts.indexUrl) args.push('--index-url', opts.indexUrl);
  if (!opts.allowSourceBuilds) args.push('--only-binary', ':all:');
  args.push('--', `${spec.name}==${spec.version}`);
  return args;
}

/**
 * The environment of the install steps: PATH and a scratch HOME only, pip's config files off,
 * and `CC` / `CXX` set to `false`, so a source build that needs a compiler fails with a clear
 * reason instead of using one. Pure.
 */
export function pipEnv(home: string, pathVar: string | undefined): Record<string, string> {
  return {
    PATH: pathVar ?? '',
    HOME: home,
    TMPDIR: join(home, 'tmp'),
    PIP_CONFIG_FILE: devNull,
    PYTHONNOUSERSITE: '1',
    PYTHONDONTWRITEBYTECODE: '1',
    CC: 'false',
    CXX: 'false',
    LANG: 'C.UTF-8',
  };
}

/**
 * One line saying why pip failed, from its stderr: no wheel, a compiler needed, the index out of
 * reach, or pip's own last lines. Pure (exported for tests and SKIPPED.md).
 */
export function pipFailureReason(stderr: string, spec: PypiSpec, wheelsOnly: boolean): string {
  const text = stderr.replace(/\r/g, '');
  const tail = text.trim().split('\n').map((l) => l.trim()).filter(Boolean).slice(-3).join(' | ');
  if (/Network is unreachable|Temporary failure in name resolution|Failed to establish a new connection|Name or service not known|NewConnectionError|ConnectTimeoutError/i.test(text)) {
    return `the package index is not reachable from here (${tail})`;
  }
  if (/error: command '[^']*false' failed|unable to execute '[^']*false'|command 'false' failed|Unknown compiler|C compiler|gcc|cc1|x86_64-linux-gnu-gcc|Microsoft Visual C\+\+/i.test(text)) {
    return `needs a C/C++ compiler to build from source (the sandbox offers none): ${tail}`;
  }
  if (/Cargo|rustc|maturin|setuptools-rust/i.test(text) && /error/i.test(text)) {
    return `needs a Rust toolchain to build from source (the sandbox offers none): ${tail}`;
  }
  if (/No matching distribution found|Could not find a version that satisfies/i.test(text)) {
    return wheelsOnly
      ? `no wheel of ${spec.name}==${spec.version} or of a dependency for this platform and Python on the index (not published there, or only as a source distribution; installs take wheels only): ${tail}`
      : `${spec.name}==${spec.version} or a dependency is not on the index: ${tail}`;
  }
  if (/Requires-Python|requires a different Python/i.test(text)) return `needs another Python version: ${tail}`;
  return tail || 'pip failed without a message';
}

interface RunResult { stdout: string }

function run(command: string, args: string[], env: Record<string, string>, cwd: string, timeoutMs: number, signal?: AbortSignal): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    execFile(
      command,
      args,
      { env, cwd, timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024, windowsHide: true, ...(signal ? { signal } : {}) },
      (err, stdout, stderr) => {
        if (!err) return resolve({ stdout: String(stdout) });
        const e = err as NodeJS.ErrnoException & { killed?: boolean };
        const why = e.killed ? `timed out after ${timeoutMs} ms` : String(stderr) || e.message;
        reject(Object.assign(new Error(why), { stderr: String(stderr), killed: e.killed === true }));
      },
    );
  });
}

/**
 * The interpreter to create venvs with: `python3` (else `python`) from PATH, resolved to its real
 * executable by asking it (`sys.executable`), so shims such as pyenv's are not needed later, and
 * checked to have a working `venv` module. Resolves an absolute path or a one-line reason.
 */
export async function resolvePython(
  opts: { candidates?: string[]; env?: Record<string, string | undefined> } = {},
): Promise<{ ok: true; python: string; version: string; outerPip: boolean } | { ok: false; reason: string }> {
  const env = Object.fromEntries(Object.entries(opts.env ?? process.env).filter((e): e is [string, string] => typeof e[1] === 'string'));
  const probe = [
    'import sys, venv',
    'try:\n import pip; p = pip.__version__\nexcept Exception:\n p = ""',
    'print(sys.executable); print("%d.%d.%d" % sys.version_info[:3]); print(p)',
  ].join('\n');
  const reasons: string[] = [];
  for (const candidate of opts.candidates ?? ['python3', 'python']) {
    try {
      const { stdout } = await run(candidate, ['-c', probe], env, process.cwd(), 20_000);
      const [exe, version, pipVersion] = stdout.trim().split('\n');
      if (exe && version && /^\d+\.\d+/.test(version)) {
        const [maj, min] = version.split('.').map(Number);
        if ((maj as number) < 3 || ((maj as number) === 3 && (min as number) < 9)) {
          reasons.push(`${candidate} is Python ${version} (3.9+ needed)`);
          continue;
        }
        const [pmaj, pmin] = (pipVersion ?? '').split('.').map(Number);
        // pip 22.3+ can install into another interpreter (`--python`): venvs are then made without pip.
        const outerPip = (pmaj as number) > 22 || ((pmaj as number) === 22 && (pmin as number) >= 3);
        return { ok: true, python: exe, version, outerPip };
      }
      reasons.push(`${candidate} did not report its executable`);
    } catch (e) {
      const msg = (e as Error).message;
      reasons.push(/No module named '?(venv|ensurepip)/.test(msg) ? `${candidate} has no venv/ensurepip module (on Debian: apt-get install python3-venv)` : `${candidate}: ${msg.split('\n').filter(Boolean).slice(-1)[0] ?? 'not found'}`);
    }
  }
  return { ok: false, reason: `no usable Python: ${reasons.join('; ')}` };
}

const METADATA_SCRIPT = `
import json, sys
from importlib import metadata
d = metadata.distribution(sys.argv[1])
eps = [e for e in d.entry_points if e.group == "console_scripts"]
urls = {}
for u in d.metadata.get_all("Project-URL") or []:
    label, _, url = u.partition(",")
    urls[label.strip()] = url.strip()
if d.metadata.get("Home-page"):
    urls.setdefault("Homepage", d.metadata["Home-page"])
print(json.dumps({"name": d.metadata["Name"], "version": d.version, "scripts": {e.name: e.value for e in eps}, "urls": urls}))
`;

/** True when `venv` holds a finished install of exactly `spec`. */
export async function isPypiInstalled(venv: string, spec: PypiSpec): Promise<boolean> {
  const marker = await readFile(join(venv, PYPI_INSTALL_MARKER), 'utf8').catch(() => '');
  return marker.trim() === `${normalizePypiName(spec.name)}==${spec.version}`;
}

/**
 * Create `venv` with `opts.python -m venv` and pip-install `spec` into it, unless a finished
 * install of the same version is there; then read the distribution's metadata (console scripts,
 * project URLs) with `importlib.metadata`. Throws {@link SourceError} (field `pypi`) with one line
 * saying why: no wheel, a compiler needed, the index unreachable, a version mismatch.
 */
export async function installPypiPackage(
  sourceId: string,
  spec: PypiSpec,
  venv: string,
  opts: PipInstallOptions,
): Promise<{ paths: ReturnType<typeof venvPaths>; metadata: PypiMetadata; reused: boolean }> {
  const paths = venvPaths(venv);
  const home = `${venv}.home`;
  const env = pipEnv(home, opts.pathVar ?? process.env['PATH']);
  const timeout = opts.timeoutMs ?? DEFAULT_PIP_TIMEOUT_MS;
  const reused = await isPypiInstalled(venv, spec);
  if (!reused) {
    await rm(venv, { recursive: true, force: true });
    await rm(home, { recursive: true, force: true });
    await mkdir(join(home, 'tmp'), { recursive: true });
    try {
      await run(opts.python, ['-m', 'venv', ...(opts.outerPip ? ['--without-pip'] : []), venv], env, home, timeout, opts.signal);
    } catch (e) {
      const msg = (e as Error).message;
      const hint = /ensurepip|No module named/.test(msg) ? ' (on Debian: apt-get install python3-venv)' : '';
      throw new SourceError(sourceId, `python3 -m venv failed${hint}: ${msg.trim().split('\n').slice(-2).join(' | ')}`, 'pypi');
    }
    const wheelsOnly = !opts.installFrom && !opts.allowSourceBuilds;
    try {
      const pip = opts.outerPip ? { command: opts.python, args: ['-m', 'pip', '--python', paths.python] } : { command: paths.python, args: ['-m', 'pip'] };
      await run(pip.command, [...pip.args, ...pipInstallArgs(spec, opts)], env, home, timeout, opts.signal);
    } catch (e) {
      const err = e as Error & { stderr?: string; killed?: boolean };
      const why = err.killed ? `pip install timed out after ${timeout} ms` : pipFailureReason(err.stderr ?? err.message, spec, wheelsOnly);
      throw new SourceError(sourceId, `pip install ${spec.name}==${spec.version} failed: ${why}`, 'pypi');
    } finally {
      await rm(home, { recursive: true, force: true });
    }
  }
  let metadata: PypiMetadata;
  try {
    const { stdout } = await run(paths.python, ['-I', '-c', METADATA_SCRIPT, spec.name], env, venv, 30_000, opts.signal);
    metadata = JSON.parse(stdout) as PypiMetadata;
  } catch (e) {
    throw new SourceError(sourceId, `cannot read the installed metadata of ${spec.name}: ${(e as Error).message.trim().split('\n').slice(-1)[0] ?? ''}`, 'pypi');
  }
  if (normalizePypiName(metadata.name) !== normalizePypiName(spec.name) || metadata.version !== spec.version) {
    throw new SourceError(sourceId, `installed ${metadata.name}==${metadata.version}, expected ${spec.name}==${spec.version}`, 'pypi');
  }
  if (!reused) await writeFile(join(venv, PYPI_INSTALL_MARKER), `${normalizePypiName(spec.name)}==${spec.version}\n`);
  return { paths, metadata, reused };
}

/** How a PyPI server is started inside its venv. */
export type PythonEntry = { kind: 'module'; module: string } | { kind: 'script'; name: string };

/**
 * Choose what to run: the source's `module` (`python -m`), else its `bin` (must be a console
 * script of the package), else the only console script, else the one named like the package.
 * Pure.
 */
export function choosePythonEntry(
  packageName: string,
  scripts: Record<string, string>,
  wanted: { module?: string | undefined; bin?: string | undefined },
): { ok: true; entry: PythonEntry } | { ok: false; field: 'bin' | 'module'; message: string } {
  if (wanted.module) return { ok: true, entry: { kind: 'module', module: wanted.module } };
  const names = Object.keys(scripts).sort();
  if (wanted.bin) {
    if (names.includes(wanted.bin)) return { ok: true, entry: { kind: 'script', name: wanted.bin } };
    return { ok: false, field: 'bin', message: `"${wanted.bin}" is not a console script of ${packageName} (it has ${names.length ? names.join(', ') : 'none'})` };
  }
  if (names.length === 1) return { ok: true, entry: { kind: 'script', name: names[0] as string } };
  const norm = normalizePypiName(packageName);
  const same = names.find((n) => normalizePypiName(n) === norm);
  if (same) return { ok: true, entry: { kind: 'script', name: same } };
  if (names.length === 0) return { ok: false, field: 'module', message: `${packageName} declares no console script: set module (run with python -m)` };
  return { ok: false, field: 'bin', message: `${packageName} has ${names.length} console scripts (${names.join(', ')}): set bin, or module for python -m` };
}

/** The https repository link among a distribution's project URLs, if any. Pure. */
export function repositoryFromUrls(urls: Record<string, string>): string | undefined {
  const entries = Object.entries(urls);
  const pick =
    entries.find(([k]) => /^(source|source code|repository|code|github)$/i.test(k)) ??
    entries.find(([, v]) => /^https:\/\/(github\.com|gitlab\.com|codeberg\.org)\//i.test(v));
  const url = pick?.[1]?.replace(/\.git$/, '');
  return url && /^https:\/\/[A-Za-z0-9.-]+\/[^\s"'<>]*$/.test(url) ? url : undefined;
}
