/**
 * Reading a tool list given on the command line (`<file>` or `-` for stdin) for `classify`,
 * `check` and `policy`: the same shapes and bounds as `ingest --file` (`readToolsFile`), then
 * normalised (entries without a usable name are skipped with a warning).
 */
import { basename, extname } from 'node:path';
import { DEFAULT_LIMITS, IngestError, normalizeListedTools, parseToolsJson, readToolsFile, type NormalizedTool } from '../../src/lib/ingest/index.js';
import { CliError, EXIT, oneLine, type CliIO } from './common.js';

/** A tool list read from a file or stdin. */
export interface ToolsInput {
  tools: NormalizedTool[];
  /** One line per skipped entry. */
  warnings: string[];
  /** File base name without extension (`stdin` for `-`), a default server name for exports. */
  baseName: string;
}

/** Read `<file|->`; a missing or malformed input is a `CliError` (exit 2) naming it. */
export async function readToolsInput(arg: string | undefined, command: string, io: CliIO): Promise<ToolsInput> {
  if (arg === undefined) throw new CliError(`${command}: expected a tools file or - for stdin (see mcp-risk ${command} --help)`);
  try {
    const listed = arg === '-' ? parseToolsJson(await io.readStdin(DEFAULT_LIMITS.maxBytes), '<stdin>') : await readToolsFile(arg);
    const normalized = normalizeListedTools(listed.tools);
    return {
      tools: normalized.tools,
      warnings: normalized.skipped.map((s) => oneLine(s.reason)),
      baseName: arg === '-' ? 'stdin' : basename(arg, extname(arg)),
    };
  } catch (e) {
    if (e instanceof IngestError) throw new CliError(oneLine(e.message), EXIT.usage);
    throw e;
  }
}
