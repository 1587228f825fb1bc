/**
 * `mcp-risk audit <config>`: a whole MCP client config (Claude Desktop, Claude Code, Cursor,
 * VS Code, Windsurf, Codex) against the catalogue: per server tools by risk, conflicts, flags and
 * snapshot/version match, the cross-server lethal trifecta, and one combined policy. The logic
 * is `src/lib/audit` (the `/audit/` page runs the same code); this file reads the file, loads the
 * catalogue, optionally lists unknown servers live (`audit-live.ts`), and prints.
 */
import { readFile, stat } from 'node:fs/promises';
import { AuditInputError, CLIENTS, MAX_CONFIG_CHARS, auditParsed, exportAudit, isClientId, parseConfig, renderAuditTable, type AuditServer } from '../../src/lib/audit/index.js';
import { loadCatalogueFor } from '../../src/lib/audit/load.js';
import { catalogDir } from '../../src/lib/catalog/index.js';
import { EXPORT_FORMATS } from '../../src/lib/policy/index.js';
import { CliError, EXIT, oneLine, parseFlags, type CliIO } from './common.js';
import { limitsFrom } from './target.js';

export const AUDIT_HELP = `Usage: mcp-risk audit <config | -> [--client C] [--json] [--format F] [--live [--use-env]] [--catalog DIR]

Audits every MCP server of a client config: claude_desktop_config.json, .mcp.json, ~/.claude.json,
Cursor mcp.json, .vscode/mcp.json, Windsurf mcp_config.json or Codex config.toml (detected from
the file name, else its shape; --client ${Object.keys(CLIENTS).join('|')} to say which).

Prints, per server: tools by risk, annotation conflicts, flags, whether the catalogue's snapshot is
of the version the config runs; the lethal-trifecta paths across servers; unknown servers with the
command to check them. Secret values (env, headers, tokens in arguments or URLs) are never printed.
  --json       the report as JSON (a stable contract: see README "Audit your own stack")
  --format F   print only the combined recommended policy, in ${EXPORT_FORMATS.map((f) => f.id).join(', ')}
  --live       list the servers not in the catalogue, in the same sandbox as ingest (dummy env values)
  --use-env    with --live: give them the config's own env values (never written anywhere)
  --scratch DIR, --timeout MS: for --live
Exit: 0 clean, 1 findings (Critical tools allowed, a trifecta, unknown servers), 2 bad input,
3 a server could not be listed (--live).
`;

async function readConfig(arg: string, io: CliIO): Promise<string> {
  if (arg === '-') return io.readStdin(MAX_CONFIG_CHARS * 4);
  try {
    const st = await stat(arg);
    if (!st.isFile()) throw new AuditInputError(arg, '', 'expected a file');
    if (st.size > MAX_CONFIG_CHARS * 4) throw new AuditInputError(arg, '', `the file is over ${MAX_CONFIG_CHARS} characters`);
    return await readFile(arg, 'utf8');
  } catch (e) {
    if (e instanceof AuditInputError) throw e;
    throw new AuditInputError(arg, '', `cannot read the file (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

/** Run `mcp-risk audit`; returns the exit code. */
export async function runAudit(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseFlags('audit', args, {
    json: { type: 'boolean' }, format: { type: 'string' }, client: { type: 'string' }, catalog: { type: 'string' },
    live: { type: 'boolean' }, 'use-env': { type: 'boolean' }, scratch: { type: 'string' }, timeout: { type: 'string' },
  });
  if (values.help) {
    io.stdout(AUDIT_HELP);
    return EXIT.ok;
  }
  const file = positionals[0];
  if (file === undefined || positionals.length > 1) throw new CliError('audit: expected one config file (or -) (see mcp-risk audit --help)');
  if (values.client !== undefined && !isClientId(values.client)) throw new CliError(`audit: --client: expected one of ${Object.keys(CLIENTS).join(', ')}`);
  if (values.format !== undefined && !EXPORT_FORMATS.some((f) => f.id === values.format)) {
    throw new CliError(`audit: --format: expected one of ${EXPORT_FORMATS.map((f) => f.id).join(', ')}`);
  }
  if (values['use-env'] && !values.live) throw new CliError('audit: --use-env only applies to --live');
  const name = file === '-' ? 'stdin' : file;
  const text = await readConfig(file, io);
  const client = values.client !== undefined && isClientId(values.client) ? values.client : undefined;
  let parsed;
  try {
    parsed = parseConfig(text, name, { ...(client ? { client } : {}), keepSecrets: values['use-env'] === true });
  } catch (e) {
    if (e instanceof AuditInputError) throw new CliError(e.message, EXIT.usage);
    throw e;
  }
  io.stderr(`mcp-risk: audit: ${oneLine(name)}: ${parsed.label} (detected by ${parsed.detectedBy}), ${parsed.servers.length} servers\n`);
  const catalogue = loadCatalogueFor(catalogDir(values.catalog, io.env), parsed);

  let live: Map<string, AuditServer | { error: string }> | undefined;
  if (values.live) {
    const { listUnknown } = await import('./audit-live.js');
    live = await listUnknown(parsed, catalogue, {
      catalog: catalogDir(values.catalog, io.env),
      useEnv: values['use-env'] === true,
      limits: limitsFrom(values),
      ...(values.scratch !== undefined ? { scratch: values.scratch } : {}),
      progress: (line) => io.stderr(`mcp-risk: audit: ${oneLine(line)}\n`),
    });
  }
  // Secrets are never needed past listing: drop them before anything is reported.
  delete parsed.secrets;
  const report = auditParsed(parsed, catalogue, live ? { live } : {});
  const unlisted = report.servers.some((s) => s.status === 'unlisted');
  const code = unlisted ? EXIT.unlisted : report.exitCode;

  if (values.format !== undefined && !values.json) {
    const out = exportAudit(report, values.format);
    io.stdout(out.text === '' || out.text.endsWith('\n') ? out.text : `${out.text}\n`);
    for (const n of out.notes) io.stderr(`mcp-risk: audit: note: ${oneLine(n, 1000)}\n`);
    for (const f of report.findings) io.stderr(`mcp-risk: audit: finding: ${oneLine(f.message, 1000)}\n`);
    return code;
  }
  if (values.json) {
    const json: Record<string, unknown> = { ...report, exitCode: code };
    if (values.format !== undefined) {
      const out = exportAudit(report, values.format);
      json.export = { format: out.format, filename: out.filename, mediaType: out.mediaType, text: out.text, notes: out.notes };
    }
    io.stdout(`${JSON.stringify(json, null, 2)}\n`);
    return code;
  }
  io.stdout(renderAuditTable(report).map((l) => oneLine(l, 4000)).join('\n') + '\n');
  return code;
}
