/**
 * Flags shared by the commands that list a live server (`ingest`, `diff`, `check`, `classify`,
 * `policy`): the listing limits, a stdio command with its `--env` pairs, and a Streamable HTTP URL.
 * Errors are `CliError`s whose message starts with the command's name.
 */
import { IngestError, listTools, type ListLimits, type ListResult } from '../../src/lib/ingest/index.js';
import { CliError, EXIT, oneLine, positiveInt } from './common.js';
import { SplitError, splitCommand } from './split.js';

/** The `parseFlags` options of a live listing: `--command` (with `--env`) or `--url`, and the limits. */
export const LIVE_OPTIONS = {
  command: { type: 'string' },
  url: { type: 'string' },
  env: { type: 'string', multiple: true },
  timeout: { type: 'string' },
  'max-pages': { type: 'string' },
  'max-tools': { type: 'string' },
  'max-bytes': { type: 'string' },
} as const;

/** The help lines of `LIVE_OPTIONS`. */
export const LIVE_HELP = `--command "<cmd> [args]" [--env NAME=VALUE]... lists a stdio server now (no shell runs it);
--url <http(s)://host/mcp> lists a Streamable HTTP server now (SSE as a fallback). Every read is
bounded: --timeout MS, --max-pages N, --max-tools N, --max-bytes N.`;

/**
 * List the server that `--command` or `--url` names (exactly one must be given), within the limits.
 * A server that cannot be listed is a `CliError` exiting 3.
 */
export async function listLive(cmd: string, values: Record<string, unknown>): Promise<ListResult> {
  if ((values.command === undefined) === (values.url === undefined)) throw new CliError(`${cmd}: expected one of --command or --url, not both`);
  if (values.env !== undefined && values.command === undefined) throw new CliError(`${cmd}: --env only applies to --command`);
  const limits = limitsFrom(values);
  try {
    if (typeof values.command === 'string') {
      const { command, args, env } = stdioCommand(cmd, values);
      return await listTools({ kind: 'stdio', command, args, env }, limits);
    }
    return await listTools({ kind: 'http', url: httpUrl(cmd, values.url as string) }, limits);
  } catch (e) {
    if (e instanceof IngestError) throw new CliError(`${cmd}: ${oneLine(e.message)}`, e.code === 'bad-file' ? EXIT.usage : EXIT.unlisted);
    throw e;
  }
}

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
