/** `mcp-risk validate`: load the whole catalogue; exit 0, or 2 with the first `CatalogError` line. */
import { catalogDir, loadCatalog } from '../../src/lib/catalog/index.js';
import { EXIT, parseFlags, type CliIO } from './common.js';

export const VALIDATE_HELP = `Usage: mcp-risk validate [--catalog DIR]

Loads every server of the catalogue and checks every file against its schema.
Exit: 0 valid, 2 with one line naming the file and field that is wrong.
`;

/** Run `mcp-risk validate`; returns the exit code (a malformed file throws `CatalogError`). */
export async function runValidate(args: string[], io: CliIO): Promise<number> {
  const { values } = parseFlags('validate', args, { catalog: { type: 'string' } }, false);
  if (values.help) {
    io.stdout(VALIDATE_HELP);
    return EXIT.ok;
  }
  const catalog = loadCatalog(catalogDir(values.catalog, io.env));
  const tools = catalog.servers.reduce((n, s) => n + s.tools.length, 0);
  io.stdout(`catalogue ok: ${catalog.servers.length} servers, ${tools} tools\n`);
  return EXIT.ok;
}
