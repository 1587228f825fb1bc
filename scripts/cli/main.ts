/**
 * The `mcp-risk` dispatcher: picks the subcommand, runs it, and turns every error into one line
 * `mcp-risk: <message>` on stderr with the right exit code (a stack only with MCP_RISK_DEBUG=1).
 */
import { CatalogError } from '../../src/lib/catalog/index.js';
import { CliError, EXIT, oneLine, type CliIO } from './common.js';

export const MAIN_HELP = `Usage: mcp-risk <command> [options]

Commands:
  ingest     list a server's tools (file, stdio command, URL, or all of sources.yaml) into the catalogue
  classify   classify the tools of a tools/list JSON file (--json for machine-readable output)
  policy     print the recommended policy for a tools file or a catalogue server (--id)
  check      for server authors: missing or contradicting annotation hints (exit 1 on errors)
  validate   check every file of the catalogue
  diff       drift check: compare a server's tools now with the catalogue's snapshot (exit 1 on a risky change)
  mcp        serve the catalogue as an MCP server (stdio, or Streamable HTTP with --port)
  audit      a whole MCP client config: every server's risk, cross-server trifecta, one combined policy
  merge      fold catalogue shards (ingest --all --shard I/N --out DIR) into the catalogue

Every command takes --help. Exit codes: 0 ok, 1 findings, 2 bad input or usage, 3 a server could not be listed.
The catalogue folder is --catalog DIR, else $MCP_CATALOG_DIR, else ./catalog.
`;

type Command = (args: string[], io: CliIO) => Promise<number>;

const COMMANDS: Record<string, () => Promise<Command>> = {
  ingest: async () => (await import('./ingest.js')).runIngest,
  classify: async () => (await import('./classify.js')).runClassify,
  policy: async () => (await import('./policy.js')).runPolicy,
  check: async () => (await import('./check.js')).runCheck,
  validate: async () => (await import('./validate.js')).runValidate,
  diff: async () => (await import('./diff.js')).runDiff,
  mcp: async () => (await import('./mcp.js')).runMcp,
  audit: async () => (await import('./audit.js')).runAudit,
  merge: async () => (await import('./merge.js')).runMerge,
};

/** Exit code for a thrown error (bad input unless the error says otherwise). */
function exitCodeOf(e: unknown): number {
  if (e instanceof CliError) return e.exitCode;
  if (e instanceof CatalogError) return EXIT.usage;
  const code = (e as { code?: unknown })?.code;
  if ((e as Error)?.name === 'IngestError') return code === 'bad-file' ? EXIT.usage : EXIT.unlisted;
  return EXIT.usage;
}

/** Run the CLI with `argv` (without node and script); returns the exit code, never throws. */
export async function runCli(argv: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  try {
    if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
      io.stdout(MAIN_HELP);
      return name === undefined ? EXIT.usage : EXIT.ok;
    }
    if (name === '--version') {
      io.stdout('mcp-risk 0.1.0\n');
      return EXIT.ok;
    }
    const load = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
    if (!load) throw new CliError(`unknown command ${JSON.stringify(oneLine(name, 40))} (expected one of ${Object.keys(COMMANDS).join(', ')})`);
    return await (await load())(rest, io);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    io.stderr(`mcp-risk: ${oneLine(message, 2000)}\n`);
    if (io.env.MCP_RISK_DEBUG === '1' && e instanceof Error && e.stack) io.stderr(`${e.stack}\n`);
    return exitCodeOf(e);
  }
}

/** The real process's I/O. */
export function processIO(): CliIO {
  return {
    stdout: (t) => void process.stdout.write(t),
    stderr: (t) => void process.stderr.write(t),
    env: process.env,
    stderrIsTTY: process.stderr.isTTY === true,
    ...(process.stderr.columns ? { stderrColumns: process.stderr.columns } : {}),
    readStdin: async (maxBytes) => {
      const chunks: Buffer[] = [];
      let total = 0;
      for await (const chunk of process.stdin) {
        const buf = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
        total += buf.length;
        if (total > maxBytes) throw new CliError(`<stdin>: input is over ${maxBytes} bytes`);
        chunks.push(buf);
      }
      return Buffer.concat(chunks).toString('utf8');
    },
  };
}
