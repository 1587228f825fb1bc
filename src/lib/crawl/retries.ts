/**
 * The crawl's automatic second tries: what to change in a source when its first attempt failed.
 * Environment variable names come from the package's own README (`"env": { ... }` blocks of the
 * client configurations it documents) and get dummy values; `--stdio` is added for servers that
 * pick their transport from the command line; a package that declares no bin runs its `main`.
 */
import { SANDBOX_VARS } from '../sources/env.js';
import type { AttemptKind } from './results.js';
import type { Cause } from './causes.js';

const NAME = /^[A-Z][A-Z0-9_]{1,63}$/;
/** Names never taken from a README: the sandbox's own, and ones that change how Node itself runs. */
const REFUSED = new Set<string>([...SANDBOX_VARS, 'NODE_OPTIONS', 'NODE_PATH', 'NODE_ENV', 'LD_PRELOAD', 'LD_LIBRARY_PATH', 'SHELL', 'USER']);
/** At most this many names from one README (a README listing fifty variables is documenting something else). */
export const MAX_README_ENV = 16;

/**
 * Variable names in the README's `"env": { "NAME": ... }` blocks, in order of first appearance,
 * deduplicated; only UPPER_SNAKE names, none the sandbox sets. Pure.
 */
export function envNamesFromReadme(readme: string): string[] {
  const names: string[] = [];
  const block = /"env"\s*:\s*\{([^{}]{0,4000})\}/g;
  for (const m of readme.slice(0, 1_000_000).matchAll(block)) {
    for (const k of (m[1] ?? '').matchAll(/"([A-Za-z_][A-Za-z0-9_]*)"\s*:/g)) {
      const name = k[1] as string;
      if (NAME.test(name) && !REFUSED.has(name) && !names.includes(name)) names.push(name);
      if (names.length >= MAX_README_ENV) return names;
    }
  }
  return names;
}

/**
 * A dummy value for a variable, by its name: a loopback URL for URLs and hosts, a closed port,
 * a path inside the scratch folder for paths, `false` for switches, else `dummy`. Never anything
 * that looks like a real credential. Pure.
 */
export function dummyValue(name: string): string {
  const n = name.toUpperCase();
  if (/(URL|URI|ENDPOINT|BASE)$/.test(n) || /_URL_/.test(n)) return 'http://127.0.0.1:9';
  if (/(HOST|HOSTNAME|SERVER)$/.test(n)) return '127.0.0.1';
  if (/PORT$/.test(n)) return '9';
  if (/(FILE|_PATH|CONFIG)$/.test(n)) return '{scratch}/dummy';
  if (/(DIR|DIRECTORY|FOLDER|ROOT|WORKSPACE)$/.test(n)) return '{scratch}';
  if (/EMAIL$/.test(n)) return 'dummy@example.com';
  if (/^(ENABLE|DISABLE|USE)_|(ENABLED|DISABLED|DEBUG|TELEMETRY|VERBOSE)$/.test(n)) return 'false';
  return 'dummy';
}

/** What a second try changes in a source. */
export interface SecondTry {
  kind: Exclude<AttemptKind, 'as-listed'>;
  env: Record<string, string>;
  args: string[];
  main?: string;
}

/** What is known after the first attempt. */
export interface RetryInput {
  cause: Cause;
  /** The source's own env and args. */
  env: Record<string, string>;
  args: string[];
  /** Names found in the README (see {@link envNamesFromReadme}). */
  readmeEnv: string[];
  /** The package's `main` (when it declares no bin), else undefined. */
  main?: string | undefined;
}

/**
 * The second tries to make, in order, each cumulative (a later one keeps what the earlier added):
 * the main file when there is no bin; the README's variables with dummy values; `--stdio`. Empty
 * when the cause is not one a second try can fix (a missing dependency, an old Node). Pure.
 */
export function secondTries(input: RetryInput): SecondTry[] {
  const out: SecondTry[] = [];
  if (input.cause === 'not-a-server') {
    if (input.main === undefined) return out;
  } else if (!['needs-credentials', 'needs-network', 'timeout', 'no-tools', 'protocol', 'exited'].includes(input.cause)) {
    return out;
  }
  let env: Record<string, string> = {};
  const main = input.cause === 'not-a-server' ? input.main : undefined;
  if (main !== undefined) out.push({ kind: 'main', env: {}, args: [], main });
  const fresh = input.readmeEnv.filter((n) => !(n in input.env));
  if (fresh.length) {
    env = Object.fromEntries(fresh.map((n) => [n, dummyValue(n)]));
    out.push({ kind: 'readme-env', env, args: [], ...(main !== undefined ? { main } : {}) });
  }
  if (!input.args.includes('--stdio') && !input.args.includes('stdio')) {
    out.push({ kind: 'stdio-arg', env, args: ['--stdio'], ...(main !== undefined ? { main } : {}) });
  }
  return out;
}
