/**
 * Process wrapping for a stranger's server: `env -i` so the server sees exactly the scrubbed
 * environment (whatever its spawner merges in), and, on Linux where `unshare` works, a fresh network
 * namespace with only loopback up, so nothing leaves the machine while it lists its tools.
 */
import { execFile } from 'node:child_process';
import { access, constants } from 'node:fs/promises';
import { delimiter, join } from 'node:path';

/** How (and whether) the server is cut off from the network. */
export type NetIsolation =
  | { kind: 'unshare'; unshare: string; flags: string[]; ip?: string }
  | { kind: 'none'; reason: string };

/** Runs a probe command; resolves true when it exits 0. Injected in tests. */
export type ProbeRunner = (command: string, args: string[]) => Promise<boolean>;

/** Default probe: run the command with a 5 s bound, no shell, nothing on stdio. */
export const runProbe: ProbeRunner = (command, args) =>
  new Promise((resolve) => {
    execFile(command, args, { timeout: 5_000, windowsHide: true }, (err) => resolve(!err));
  });

/** First executable named `name` in `dirs`, or undefined. */
export async function findExecutable(name: string, dirs: readonly string[]): Promise<string | undefined> {
  for (const dir of dirs) {
    if (!dir) continue;
    const p = join(dir, name);
    try {
      await access(p, constants.X_OK);
      return p;
    } catch {
      // not here; try the next folder
    }
  }
  return undefined;
}

/** Where system tools live, beyond PATH: `ip` is often in an sbin folder that is not on PATH. */
export function systemDirs(pathVar: string | undefined): string[] {
  return [...(pathVar ?? '').split(delimiter), '/usr/sbin', '/sbin', '/usr/bin', '/bin'];
}

/**
 * Find out once whether `unshare --net` works here: as root, plain `--net`; otherwise
 * `--net --map-root-user` (an unprivileged user namespace). Also finds `ip` to bring `lo` up.
 */
export async function detectNetIsolation(
  opts: { platform?: NodeJS.Platform; uid?: number; pathVar?: string; dirs?: string[]; run?: ProbeRunner } = {},
): Promise<NetIsolation> {
  const platform = opts.platform ?? process.platform;
  if (platform !== 'linux') return { kind: 'none', reason: `no network namespaces on ${platform}` };
  const dirs = opts.dirs ?? systemDirs(opts.pathVar ?? process.env['PATH']);
  const unshare = await findExecutable('unshare', dirs);
  if (!unshare) return { kind: 'none', reason: 'unshare(1) not found' };
  const run = opts.run ?? runProbe;
  const uid = opts.uid ?? (typeof process.getuid === 'function' ? process.getuid() : -1);
  const candidates = uid === 0 ? [['--net'], ['--net', '--map-root-user']] : [['--net', '--map-root-user']];
  for (const flags of candidates) {
    if (await run(unshare, [...flags, '--', 'true'])) {
      const ip = await findExecutable('ip', dirs);
      return ip ? { kind: 'unshare', unshare, flags, ip } : { kind: 'unshare', unshare, flags };
    }
  }
  return { kind: 'none', reason: 'unshare --net is not permitted here' };
}

let cached: Promise<NetIsolation> | undefined;

/** `detectNetIsolation()` with defaults, probed once per process. */
export function netIsolation(): Promise<NetIsolation> {
  cached ??= detectNetIsolation();
  return cached;
}

/**
 * Wrap `command args` so it runs with exactly `env` and, when `net.kind === 'unshare'`, in a new
 * network namespace where only `lo` is brought up. Pure. `envPath` is the `env` executable.
 */
export function wrapCommand(
  command: string,
  args: readonly string[],
  env: Record<string, string>,
  net: NetIsolation,
  envPath = '/usr/bin/env',
): { command: string; args: string[] } {
  const assignments = Object.keys(env)
    .sort()
    .map((k) => `${k}=${env[k]}`);
  const clean = [envPath, '-i', ...assignments, command, ...args];
  if (net.kind !== 'unshare') return { command: clean[0] as string, args: clean.slice(1) };
  // `ip` is given as $1 (never spliced into the script); its failure only leaves loopback down.
  const script = net.ip ? '"$1" link set lo up 2>/dev/null; shift; exec "$@"' : 'shift; exec "$@"';
  return {
    command: net.unshare,
    args: [...net.flags, '--', '/bin/sh', '-c', script, 'sh', net.ip ?? '-', ...clean],
  };
}
