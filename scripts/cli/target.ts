/**
 * Flags shared by the commands that list a live server (`ingest`, `diff`): the listing limits, a
 * stdio command with its `--env` pairs, and a Streamable HTTP URL. Errors are `CliError`s whose
 * message starts with the command's name.
 */
import type { ListLimits } from '../../src/lib/ingest/index.js';
import { CliError, oneLine, positiveInt } from './common.js';
import { SplitError, splitCommand } from './split.js';

/** `--timeout`, `--max-pages`, `--max-tools`, `--max-bytes` as listing limits (absent flags keep the defaults). */
export function limitsFrom(values: Record<string, unknown>): Partial<ListLimits> {
  const out: Partial<ListLimits> = {};
  const timeout = positiveInt('timeout', values.timeout as string | undefined);
  if (timeout !== undefined) {
    out.totalTimeoutMs = timeout;
    out.requestTimeoutMs = Math.min(timeout, 30_000);
  }
  const pages = positiveInt('max-pages', values['max-pages'] as string | undefined);
  if (pages !== undefined) out.maxPages = pages;
  const tools = positiveInt('max-tools', values['max-tools'] as string | undefined);
  if (tools !== undefined) out.maxTools = tools;
  const bytes = positiveInt('max-bytes', values['max-bytes'] as string | undefined);
  if (bytes !== undefined) out.maxBytes = bytes;
  return out;
}

/** `--env NAME=VALUE` pairs (repeatable) as an environment for a stdio server. */
export function parseEnv(cmd: string, pairs: readonly string[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const p of pairs) {
    const eq = p.indexOf('=');
    const name = eq > 0 ? p.slice(0, eq) : '';
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new CliError(`${cmd}: --env: expected NAME=VALUE, got ${JSON.stringify(oneLine(p, 60))}`);
    env[name] = p.slice(eq + 1);
  }
  return env;
}

/** `--command "<cmd>"` split shell-like (no shell runs it), with the `--env` pairs. */
export function stdioCommand(cmd: string, values: Record<string, unknown>): { command: string; args: string[]; env: Record<string, string> } {
  let argv: string[];
  try {
    argv = splitCommand(values.command as string);
  } catch (e) {
    if (e instanceof SplitError) throw new CliError(`${cmd}: --command: ${e.message}`);
    throw e;
  }
  const [command, ...args] = argv as [string, ...string[]];
  return { command, args, env: parseEnv(cmd, (values.env as string[] | undefined) ?? []) };
}

/** `--url`, which must be an http(s) URL. */
export function httpUrl(cmd: string, url: string): string {
  if (!/^https?:\/\/[^\s]+$/i.test(url)) throw new CliError(`${cmd}: --url: expected an http(s) URL, got ${JSON.stringify(oneLine(url, 80))}`);
  return url;
}
