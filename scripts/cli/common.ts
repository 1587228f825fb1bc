/**
 * What every `mcp-risk` subcommand shares: the I/O it writes to, typed errors with their exit
 * codes, flag parsing with one-line usage errors, and safe printing of strangers' text.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** Exit codes: 0 ok, 1 findings, 2 bad input/usage, 3 a server could not be listed. */
export const EXIT = { ok: 0, findings: 1, usage: 2, unlisted: 3 } as const;

/** Where a command reads and writes (the real process, or buffers in tests). */
export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Reads all of stdin, up to `maxBytes` (throws a `CliError` when over). */
  readStdin: (maxBytes: number) => Promise<string>;
  env: NodeJS.ProcessEnv;
  /** stderr is a terminal (progress bars), and its width. */
  stderrIsTTY?: boolean;
  stderrColumns?: number;
}

/** An error the CLI reports as one line `mcp-risk: <message>` and exits with `exitCode`. */
export class CliError extends Error {
  override readonly name = 'CliError';
  constructor(
    message: string,
    readonly exitCode: number = EXIT.usage,
  ) {
    super(message);
  }
}

/**
 * `parseArgs` with `strict` on; unknown flags or missing values become a `CliError` (exit 2)
 * naming the command.
 */
export function parseFlags<T extends NonNullable<ParseArgsConfig['options']>>(
  command: string,
  args: string[],
  options: T,
  allowPositionals = true,
) {
  try {
    return parseArgs({ args, options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals, strict: true });
  } catch (e) {
    throw new CliError(`${command}: ${oneLine((e as Error).message)} (see mcp-risk ${command} --help)`);
  }
}

/** Text made safe for one terminal line: control characters (escape sequences!) shown as `\uXXXX`. */
export function oneLine(text: string, max = 300): string {
  // eslint-disable-next-line no-control-regex
  const safe = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) => (c === '\n' || c === '\t' ? ' ' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
  return safe.length > max ? `${safe.slice(0, max - 1)}…` : safe;
}

/** A positive integer flag value, or undefined when absent; a `CliError` naming the flag otherwise. */
export function positiveInt(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^[0-9]+$/.test(value) || Number(value) <= 0 || !Number.isSafeInteger(Number(value))) {
    throw new CliError(`--${flag}: expected a positive integer, got ${JSON.stringify(oneLine(value, 40))}`);
  }
  return Number(value);
}

/** Pads cells into aligned columns (for the readable tables). */
export function table(rows: string[][]): string {
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, [...c].length)));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c + ' '.repeat((widths[i] ?? 0) - [...c].length))).join('  ')).join('\n') + '\n';
}
