/**
 * `preparePypiSource`: a `pypi:` entry of `catalog/sources.yaml` as a stdio target, installed into
 * its own venv and run in the same sandbox as npm servers (scrubbed environment through `env -i`,
 * scratch HOME / TMPDIR / XDG folders and working directory, loopback-only network namespace where
 * `unshare` works). See README.md here.
 */
import { join, resolve } from 'node:path';
import type { Source } from '../schema/source.js';
import { SCRATCH_PLACEHOLDER, checkSourceEnv, sandboxDirs, scrubbedEnv } from './env.js';
import { SourceError } from './errors.js';
import { checkSourceFiles } from './files.js';
import type { PrepareOptions, PreparedSource } from './prepare.js';
import { checkPypiFields, parsePypiSpec, type PypiSpec } from './pypi-spec.js';
import { choosePythonEntry, installPypiPackage, repositoryFromUrls, resolvePython } from './pypi.js';
import { redactPaths } from './redact.js';
import { sandboxedRun } from './run-folder.js';

/** The PyPI-only options of `prepareSource`. */
export interface PypiPrepareOptions {
  /** `--index-url` for pip (a mirror, or a private index); pip's default (PyPI) when absent. */
  pipIndexUrl?: string;
  /** The interpreter that creates venvs; default `python3` from PATH (see `resolvePython`). */
  python?: string;
  /** Shared pip cache folder; pip caches nothing when absent. */
  pipCache?: string;
}

const SAFE_ID = /^[a-z0-9][a-z0-9._-]{0,99}$/;

let cachedPython: ReturnType<typeof resolvePython> | undefined;

function check(source: Source): PypiSpec {
  if (!SAFE_ID.test(source.id) || source.id.includes('..')) {
    throw new SourceError(source.id, 'must be lowercase letters, digits, ".", "_" or "-" (it names a folder)', 'id');
  }
  if (!source.pypi) throw new SourceError(source.id, 'preparePypiSource needs a pypi entry', 'pypi');
  const parsed = parsePypiSpec(source.pypi);
  if (!parsed.ok) throw new SourceError(source.id, parsed.message, 'pypi');
  const issues = [...checkPypiFields(source), ...checkSourceEnv(source.env), ...checkSourceFiles(source.files ?? {})];
  const first = issues[0];
  if (first) throw new SourceError(source.id, first.message, first.field);
  return parsed.spec;
}

/**
 * Install `source.pypi` into `<scratchRoot>/<id>/venv` (wheels only unless the source sets
 * `pipSourceBuilds`; a finished install of the same version is reused), create a fresh run folder
 * `<scratchRoot>/<id>/run` (= `{scratch}`) with the source's `files:`, and return a target that runs
 * the chosen console script (or `python -m module`) with exactly the scrubbed environment.
 * Throws {@link SourceError} with a one-line message naming the source and field.
 */
export async function preparePypiSource(source: Source, opts: PrepareOptions): Promise<PreparedSource> {
  const spec = check(source);
  const base = join(resolve(opts.scratchRoot), source.id);
  const venv = join(base, 'venv');
  const dirs = sandboxDirs(join(base, 'run'));
  const notes: string[] = [];
  const parentPath = (opts.parentEnv ?? process.env)['PATH'];

  let python = opts.python;
  let outerPip = false;
  if (!python) {
    cachedPython ??= resolvePython();
    const found = await cachedPython;
    if (!found.ok) throw new SourceError(source.id, found.reason, 'pypi');
    python = found.python;
    outerPip = found.outerPip;
    notes.push(`python ${found.version} (${found.python})`);
  }
  const installed = await installPypiPackage(source.id, spec, venv, {
    python,
    outerPip,
    ...(parentPath ? { pathVar: parentPath } : {}),
    ...(opts.pipIndexUrl ? { indexUrl: opts.pipIndexUrl } : {}),
    ...(opts.installFrom ? { installFrom: opts.installFrom } : {}),
    ...(opts.pipCache ? { pipCache: opts.pipCache } : {}),
    ...(source.pipSourceBuilds ? { allowSourceBuilds: true } : {}),
    ...(opts.signal ? { signal: opts.signal } : {}),
    ...(opts.installTimeoutMs ? { timeoutMs: opts.installTimeoutMs } : {}),
  });
  notes.push(
    `${installed.reused ? 'reused venv of' : 'installed'} ${spec.name}==${spec.version} (${
      opts.installFrom ? 'from a local path, no index' : source.pipSourceBuilds ? 'source builds allowed, no compiler' : 'wheels only'
    })`,
  );

  const choice = choosePythonEntry(spec.name, installed.metadata.scripts, { module: source.module, bin: source.bin });
  if (!choice.ok) throw new SourceError(source.id, choice.message, choice.field);
  const entry = choice.entry;
  const base0 =
    entry.kind === 'module'
      ? { command: installed.paths.python, args: ['-m', entry.module], label: `python -m ${entry.module}` }
      : { command: join(installed.paths.bin, entry.name), args: [], label: entry.name };
  notes.push(entry.kind === 'module' ? `module ${entry.module} (python -m)` : `console script ${entry.name} -> ${installed.metadata.scripts[entry.name] ?? ''}`);

  const env = {
    ...scrubbedEnv(source.env, dirs, { binDir: installed.paths.bin, ...(opts.parentEnv ? { parentEnv: opts.parentEnv } : {}) }),
    // No user site-packages and no .pyc files written into the shared install.
    PYTHONNOUSERSITE: '1',
    PYTHONDONTWRITEBYTECODE: '1',
  };
  const { command, args: finalArgs, cleanup, isolation } = await sandboxedRun(source, dirs, base0, env, opts, notes, 'pypi');

  const repository = repositoryFromUrls(installed.metadata.urls);
  return {
    target: { kind: 'stdio', command, args: finalArgs, env, cwd: dirs.scratch },
    cleanup,
    redact: (value) =>
      redactPaths(value, [
        [dirs.scratch, SCRATCH_PLACEHOLDER],
        [venv, '{install}'],
      ]),
    notes,
    package: {
      name: spec.name,
      version: spec.version,
      bin: base0.label,
      homepage: `https://pypi.org/project/${spec.name}/${spec.version}/`,
      ...(repository ? { repository } : {}),
    },
    // The venv is both the package's install and its install-cache entry.
    packageRoot: venv,
    installPrefix: venv,
    scratch: dirs.scratch,
    isolation,
  };
}
