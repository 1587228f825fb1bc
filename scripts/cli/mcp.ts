/**
 * `mcp-risk mcp [--port N [--host H]] [--catalog DIR]`: the catalogue as an MCP server, over stdio
 * (default) or Streamable HTTP at http://<host>:<port>/mcp (127.0.0.1 unless --host says
 * otherwise; a warning when that is not loopback). Read-only tools: lookup_tool, search_catalog,
 * get_server_policy, audit_config (catalogue only), check_definition. Logic: src/lib/mcp.
 */
import { catalogDir } from '../../src/lib/catalog/index.js';
import { catalogService } from '../../src/lib/mcp/catalog-service.js';
import { isLoopback, serveHttp, serveStdio } from '../../src/lib/mcp/transports.js';
import { CliError, EXIT, oneLine, parseFlags, type CliIO } from './common.js';

export const MCP_HELP = `Usage: mcp-risk mcp [--port N [--host H]] [--catalog DIR]

Serves the catalogue as an MCP server, with read-only tools: lookup_tool, search_catalog,
get_server_policy, audit_config (catalogue only: nothing in the config is started) and
check_definition. Over stdio by default (for Claude Desktop, Claude Code, ...); with --port, over
Streamable HTTP at http://127.0.0.1:N/mcp (stateless; --port 0 picks a free port and prints it).
  --host H   the address to bind (default 127.0.0.1; anything but loopback is reachable by others)
Logs go to stderr. Stops on end of stdin (stdio) or Ctrl-C.
`;

/** Run `mcp-risk mcp`; returns the exit code once the server stops. */
export async function runMcp(args: string[], io: CliIO): Promise<number> {
  const { values } = parseFlags('mcp', args, { port: { type: 'string' }, host: { type: 'string' }, catalog: { type: 'string' } }, false);
  if (values.help) {
    io.stdout(MCP_HELP);
    return EXIT.ok;
  }
  let port: number | undefined;
  if (values.port !== undefined) {
    if (!/^[0-9]{1,5}$/.test(values.port) || Number(values.port) > 65535) throw new CliError(`mcp: --port: expected 0 to 65535, got ${JSON.stringify(oneLine(values.port, 40))}`);
    port = Number(values.port);
  }
  if (values.host !== undefined && port === undefined) throw new CliError('mcp: --host only applies with --port');
  const host = values.host ?? '127.0.0.1';
  if (!/^[A-Za-z0-9.:[\]-]{1,255}$/.test(host)) throw new CliError(`mcp: --host: expected an address or host name, got ${JSON.stringify(oneLine(host, 60))}`);
  const svc = catalogService(catalogDir(values.catalog, io.env));
  if (svc.serverIds().length === 0) io.stderr(`mcp-risk: mcp: warning: no servers in ${svc.dir}\n`);

  if (port === undefined) {
    io.stderr(`mcp-risk: mcp: serving ${svc.dir} over stdio (${svc.serverIds().length} servers)\n`);
    try {
      await serveStdio(svc);
    } catch (e) {
      throw new CliError(`mcp: ${(e as Error).message}`);
    }
    return EXIT.ok;
  }
  if (!isLoopback(host)) io.stderr(`mcp-risk: mcp: warning: --host ${oneLine(host, 60)} is not loopback: anyone who can reach it can query this server (no authentication)\n`);
  let handle;
  try {
    handle = await serveHttp(svc, { host: host.replace(/^\[|\]$/g, ''), port });
  } catch (e) {
    throw new CliError(`mcp: cannot listen on ${oneLine(host, 60)}:${port} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  io.stderr(`mcp-risk: mcp: serving ${svc.dir} at ${handle.url} (${svc.serverIds().length} servers)\n`);
  await new Promise<void>((done) => handle.server.on('close', done));
  return EXIT.ok;
}
