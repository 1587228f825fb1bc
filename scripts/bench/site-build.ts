/**
 * Running the real site build (`scripts/site.ts build`) as a child process, timed, with its peak
 * memory: the larger of `/usr/bin/time -v`'s figure (when present; the largest single process) and
 * the sum of `VmHWM` over the child's process tree, polled in /proc (the build is a small wrapper
 * plus the build process, or several shards at once). Shared by the benchmark and the hostile-site
 * test.
 *
 * Out folders should lie inside the repository: Astro builds an out folder outside the working
 * directory through `<repo>/.astro/` and then deletes that folder, which collides with any other
 * build running at the same time (and leaves server chunks in the output). `repoScratch()` gives
 * such a folder, ignored by git (`*.tmp-*`).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root. */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TIME = '/usr/bin/time';

/** What one build did. */
export interface SiteBuildResult {
  /** Exit code (null when killed). */
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Wall-clock time in ms. */
  ms: number;
  /** Peak resident memory of the build, KiB (undefined when it could not be measured). */
  peakRssKb?: number;
  /** How the peak was measured. */
  rssMethod: 'time -v' | 'proc' | 'none';
  /** stdout + stderr of the build (the `time -v` report removed). */
  log: string;
}

/** Options of `buildSite`. */
export interface SiteBuildOptions extends MeasuredOptions {
  catalog: string;
  out: string;
  /** `--shards N` (default: the script's default, one build). */
  shards?: number;
  /** `--full`: a full build even when `out` holds a previous build's manifest. */
  full?: boolean;
}

/** A fresh folder `<repo>/<dir>/<label>.tmp-<random>` (git-ignored), created. */
export function repoScratch(label: string, dir = ''): string {
  const path = join(ROOT, dir, `${label}.tmp-${randomBytes(4).toString('hex')}`);
  mkdirSync(path, { recursive: true });
  return path;
}

/** Peak RSS (VmHWM, KiB) summed over `pid` and its descendants, from /proc. */
function treeHwm(pid: number): number {
  let total = 0;
  const stack = [pid];
  while (stack.length > 0) {
    const p = stack.pop()!;
    try {
      const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${p}/status`, 'utf8'));
      if (m) total += Number(m[1]);
      for (const task of readdirSync(`/proc/${p}/task`)) {
        const kids = readFileSync(`/proc/${p}/task/${task}/children`, 'utf8').trim();
        if (kids) stack.push(...kids.split(/\s+/).map(Number));
      }
    } catch {
      // the process ended between two reads
    }
  }
  return total;
}

/** Options of `runMeasured`. */
export interface MeasuredOptions {
  /** Kill the process group after this long (default 30 minutes). */
  timeoutMs?: number;
  /** Extra environment (e.g. NODE_OPTIONS). */
  env?: NodeJS.ProcessEnv;
}

/**
 * Run `argv` (a command and its arguments) from the repository root, timed, with its peak memory;
 * never throws for a non-zero exit (see `code`).
 */
export function runMeasured(argv: readonly string[], options: MeasuredOptions = {}): Promise<SiteBuildResult> {
  const useTime = existsSync(TIME);
  const [cmd, ...args] = useTime ? [TIME, '-v', ...argv] : argv;
  const started = performance.now();
  return new Promise((done, fail) => {
    const child = spawn(cmd!, args, {
      cwd: ROOT,
      env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      // Own process group, so a timeout kills the command and not just /usr/bin/time.
      detached: true,
    });
    let log = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (log += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (log += d));
    let peak = 0;
    // The process tree is polled even with `time -v`: its figure is the largest single process, and
    // a build is a small wrapper (heap-cap re-exec) plus the build process, or several shards.
    const poll = setInterval(() => (peak = Math.max(peak, treeHwm(child.pid ?? 0))), 100);
    const timer = setTimeout(() => {
      try {
        process.kill(-(child.pid ?? 0), 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }, options.timeoutMs ?? 30 * 60_000);
    child.on('error', fail);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      clearInterval(poll);
      const ms = performance.now() - started;
      const result: SiteBuildResult = { code, signal, ms, rssMethod: 'none', log };
      if (useTime) {
        const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(log);
        const at = log.search(/\n?\s*Command (being timed|exited with non-zero status)/);
        if (at >= 0) result.log = log.slice(0, at);
        if (m) Object.assign(result, { peakRssKb: Math.max(Number(m[1]), peak), rssMethod: 'time -v' });
      } else if (peak > 0) {
        Object.assign(result, { peakRssKb: peak, rssMethod: 'proc' });
      }
      done(result);
    });
  });
}

/** Build the site from `catalog` into `out` (`scripts/site.ts build`), measured; never throws for a failed build. */
export function buildSite(options: SiteBuildOptions): Promise<SiteBuildResult> {
  const argv = [process.execPath, '--import', 'tsx', join(ROOT, 'scripts', 'site.ts'), 'build', '--catalog', options.catalog, '--out', options.out];
  if (options.shards !== undefined) argv.push('--shards', String(options.shards));
  if (options.full) argv.push('--full');
  return runMeasured(argv, options);
}
