/**
 * What npm and PyPI sources share once their package is installed: a fresh run folder (`{scratch}`,
 * holding HOME, TMPDIR and XDG_RUNTIME_DIR, with the source's `files:` written into it) and the
 * command wrapped so it runs with exactly `env` (`env -i`) and, where the machine allows, without
 * network beyond loopback.
 */
import { mkdir, rm } from 'node:fs/promises';
import type { Source } from '../schema/source.js';
import { substituteScratch, type SandboxDirs } from './env.js';
import { SourceError } from './errors.js';
import { writeSourceFiles } from './files.js';
import { type NetIsolation, netIsolation, wrapCommand } from './sandbox.js';

/** A command ready to run in the sandbox, and how to remove its run folder. */
export interface SandboxedRun {
  command: string;
  args: string[];
  cleanup(): Promise<void>;
  isolation: NetIsolation;
}

/**
 * Make `dirs` afresh with the source's files and wrap `base` (plus the source's args, `{scratch}`
 * substituted) in the sandbox. A note on the isolation is pushed to `notes`; errors name the source
 * and `field` (the field that chose the command: `bin`, `pypi`).
 */
export async function sandboxedRun(
  source: Source,
  dirs: SandboxDirs,
  base: { command: string; args: readonly string[] },
  env: Record<string, string>,
  opts: { isolation?: NetIsolation },
  notes: string[],
  field: string,
): Promise<SandboxedRun> {
  await rm(dirs.scratch, { recursive: true, force: true });
  const cleanup = () => rm(dirs.scratch, { recursive: true, force: true });
  try {
    await mkdir(dirs.home, { recursive: true });
    await mkdir(dirs.tmp, { recursive: true });
    await mkdir(dirs.runtime, { recursive: true, mode: 0o700 });
    await writeSourceFiles(source.files ?? {}, dirs.scratch);
  } catch (e) {
    await cleanup();
    throw new SourceError(source.id, `cannot create scratch folder: ${(e as Error).message}`, 'files');
  }

  const args = [...base.args, ...source.args.map((a) => substituteScratch(a, dirs.scratch))];
  const isolation = opts.isolation ?? (await netIsolation());
  if (process.platform === 'win32') {
    notes.push('environment passed as given (no env -i on Windows); no network isolation');
    return { command: base.command, args, cleanup, isolation };
  }
  if (base.command.includes('=')) {
    await cleanup();
    throw new SourceError(source.id, `command path ${base.command} contains "=" and cannot be run through env -i`, field);
  }
  const wrapped = wrapCommand(base.command, args, env, isolation);
  notes.push(
    isolation.kind === 'unshare'
      ? `network: new namespace, loopback only (unshare ${isolation.flags.join(' ')})`
      : `network: NOT isolated (${isolation.reason})`,
  );
  return { command: wrapped.command, args: wrapped.args, cleanup, isolation };
}
