/**
 * The environment a stranger's server gets: only what its source names (dummy values), plus PATH and
 * HOME / TMPDIR / XDG_* pointing into its own scratch folder. Nothing of the parent's environment
 * (tokens, cloud credentials, SSH agent sockets) is copied, except the PATH entries.
 */
import { delimiter, dirname, join } from 'node:path';

/** The placeholder in sources.yaml for the server's own scratch folder. */
export const SCRATCH_PLACEHOLDER = '{scratch}';

/** Variables the sandbox sets itself; a source may not name them. */
export const SANDBOX_VARS = [
  'PATH',
  'HOME',
  'TMPDIR',
  'XDG_CONFIG_HOME',
  'XDG_CACHE_HOME',
  'XDG_DATA_HOME',
  'XDG_STATE_HOME',
  'XDG_RUNTIME_DIR',
] as const;

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Replace every `{scratch}` in `value` with the scratch folder. */
export function substituteScratch(value: string, scratch: string): string {
  return value.split(SCRATCH_PLACEHOLDER).join(scratch);
}

/** The folders of one run's sandbox, all under the run folder (`{scratch}`). */
export interface SandboxDirs {
  /** The run folder: `{scratch}`, the working directory. */
  scratch: string;
  home: string;
  tmp: string;
  runtime: string;
}

/** Folder layout of a run under its `{scratch}` folder. Pure. */
export function sandboxDirs(scratch: string): SandboxDirs {
  return { scratch, home: join(scratch, 'home'), tmp: join(scratch, 'tmp'), runtime: join(scratch, 'runtime') };
}

/** Problems with a source's `env` map (bad names, sandbox-owned names), one message per field. */
export function checkSourceEnv(env: Record<string, string>): { field: string; message: string }[] {
  const issues: { field: string; message: string }[] = [];
  for (const key of Object.keys(env)) {
    if (!ENV_NAME.test(key)) issues.push({ field: `env.${key}`, message: 'is not a valid variable name' });
    else if ((SANDBOX_VARS as readonly string[]).includes(key)) {
      issues.push({ field: `env.${key}`, message: 'is set by the sandbox and cannot be overridden' });
    }
  }
  return issues;
}

/**
 * PATH for the server: the package's `node_modules/.bin`, this Node's folder, then the parent PATH's
 * entries (deduplicated). PATH holds no secrets and servers may shell out to system tools.
 */
export function sandboxPath(binDir: string | undefined, parentPath: string | undefined, nodePath: string = process.execPath): string {
  const parts = [binDir, dirname(nodePath), ...(parentPath ?? '').split(delimiter)];
  const seen = new Set<string>();
  const out: string[] = [];
  for (const p of parts) {
    if (!p || seen.has(p)) continue;
    seen.add(p);
    out.push(p);
  }
  return out.join(delimiter);
}

/**
 * The complete environment of the server: the source's own variables (with `{scratch}` replaced),
 * then the sandbox's PATH, HOME, TMPDIR and XDG_* (which win). `parentEnv` is read for PATH only.
 */
export function scrubbedEnv(
  sourceEnv: Record<string, string>,
  dirs: SandboxDirs,
  opts: { parentEnv?: Record<string, string | undefined>; binDir?: string; nodePath?: string } = {},
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(sourceEnv)) env[k] = substituteScratch(v, dirs.scratch);
  const parentPath = (opts.parentEnv ?? process.env)['PATH'];
  env['PATH'] = sandboxPath(opts.binDir, parentPath, opts.nodePath);
  env['HOME'] = dirs.home;
  env['TMPDIR'] = dirs.tmp;
  env['XDG_CONFIG_HOME'] = join(dirs.home, '.config');
  env['XDG_CACHE_HOME'] = join(dirs.home, '.cache');
  env['XDG_DATA_HOME'] = join(dirs.home, '.local', 'share');
  env['XDG_STATE_HOME'] = join(dirs.home, '.local', 'state');
  env['XDG_RUNTIME_DIR'] = dirs.runtime;
  return env;
}
