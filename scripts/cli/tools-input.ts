/**
 * Reading a tool list given on the command line (`<file>` or `-` for stdin, or a server listed now
 * with `--command` / `--url`) for `classify`, `check` and `policy`: the same shapes and bounds as
 * `ingest --file` (`readToolsFile`) and `ingest --command` (`listTools`), then normalised (entries
 * without a usable name are skipped with a warning).
 */
import { basename, extname } from 'node:path';
import { DEFAULT_LIMITS, IngestError, normalizeListedTools, parseToolsJson, readToolsFile, type NormalizedTool } from '../../src/lib/ingest/index.js';
import { launchPackage } from '../../src/lib/audit/launch.js';
import { CliError, EXIT, oneLine, type CliIO } from './common.js';
import { listLive, stdioCommand } from './target.js';

/** A tool list read from a file or stdin. */
export interface ToolsInput {
  tools: NormalizedTool[];
  /** One line per skipped entry. */
  warnings: string[];
  /** File base name without extension (`stdin` for `-`; a live server's package, script or host), a default server name for exports. */
  baseName: string;
}

/** A default server name for a live listing: the package or script a command runs, or the URL's host. */
function liveName(values: Record<string, unknown>): string {
  if (typeof values.url === 'string') {
    try {
      return new URL(values.url).hostname || 'server';
    } catch {
      return 'server';
    }
  }
  const { command, args } = stdioCommand('live', values);
  const pkg = launchPackage(command, args);
  if (pkg) return pkg.name.split('/').pop() ?? pkg.name;
  const script = args.find((a) => !a.startsWith('-') && (/[\\/]/.test(a) || /\.(?:[cm]?js|ts|py)$/.test(a)));
  const named = script ?? command;
  return basename(named, extname(named));
}

/**
 * Read `<file|->`, or with `--command` / `--url` in `values` (`LIVE_OPTIONS`) list that server now;
 * a missing or malformed input is a `CliError` (exit 2) naming it, a server that cannot be listed
 * one exiting 3.
 */
export async function readToolsInput(arg: string | undefined, command: string, io: CliIO, values: Record<string, unknown> = {}): Promise<ToolsInput> {
  const live = values.command !== undefined || values.url !== undefined;
  if (values.env !== undefined && values.command === undefined) throw new CliError(`${command}: --env only applies to --command`);
  if (live && arg !== undefined) throw new CliError(`${command}: expected a tools file (or -) or --command / --url, not both (see mcp-risk ${command} --help)`);
  if (!live && arg === undefined) throw new CliError(`${command}: expected a tools file, - for stdin, or --command / --url (see mcp-risk ${command} --help)`);
  try {
    const listed = live ? await listLive(command, values) : arg === '-' ? parseToolsJson(await io.readStdin(DEFAULT_LIMITS.maxBytes), '<stdin>') : await readToolsFile(arg!);
    const normalized = normalizeListedTools(listed.tools);
    return {
      tools: normalized.tools,
      warnings: [...(live ? listed.warnings.map((w) => oneLine(w)) : []), ...normalized.skipped.map((s) => oneLine(s.reason))],
      baseName: live ? liveName(values) : arg === '-' ? 'stdin' : basename(arg!, extname(arg!)),
    };
  } catch (e) {
    if (e instanceof IngestError) throw new CliError(oneLine(e.message), EXIT.usage);
    throw e;
  }
}
