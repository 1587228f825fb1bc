/** Spawning the `mcp-risk` CLI from source (node --import tsx scripts/cli.ts) for integration tests. */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** Repository root. */
export const ROOT = resolve(import.meta.dirname, '..', '..');
/** The CLI entry point. */
export const CLI = join(ROOT, 'scripts', 'cli.ts');

/** What a CLI run produced. */
export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Run the CLI with `args` (cwd = repo root unless given), optional stdin text, killed after
 * `timeoutMs`. Stderr lines from npm itself are dropped.
 */
export function runCli(args: string[], opts: { cwd?: string; stdin?: string; env?: Record<string, string>; timeoutMs?: number; entry?: string[] } = {}): Promise<CliRun> {
  return new Promise((done, fail) => {
    const entry = opts.entry ?? ['--import', 'tsx', CLI];
    const child = spawn(process.execPath, [...entry, ...args], {
      cwd: opts.cwd ?? ROOT,
      env: { ...process.env, MCP_CATALOG_DIR: '', MCP_RISK_DEBUG: '', ...opts.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 60_000);
    child.on('error', fail);
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr });
    });
    child.stdin.end(opts.stdin ?? '');
  });
}

/** A temp folder and its cleanup. */
export function tempFolder(prefix = 'mcp-risk-cli-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The last line of stderr that starts with `mcp-risk:` (the error line). */
export function errorLine(run: CliRun): string {
  const lines = run.stderr.split('\n').filter((l) => l.startsWith('mcp-risk: '));
  return lines[lines.length - 1] ?? '';
}
