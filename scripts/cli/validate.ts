/** `mcp-risk validate`: load the whole catalogue and its data files; exit 0, or 2 with one line naming the file and field. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { plural as count } from '../../src/lib/view/labels.js';
import { catalogDir, loadCatalog } from '../../src/lib/catalog/index.js';
import { formatSourceIssue, loadSources } from '../../src/lib/sources/index.js';
import { expandServerJsonSources } from '../../src/lib/registry/index.js';
import { readHistory } from '../../src/lib/history/index.js';
import { loadTrifectaRules } from '../../src/lib/analysis/index.js';
import { CliError, EXIT, oneLine, parseFlags, type CliIO } from './common.js';
import { mappingFor, rulesFor } from './rules.js';

export const VALIDATE_HELP = `Usage: mcp-risk validate [--catalog DIR]

Loads every server of the catalogue and checks every file against its schema, then the
classifier rules (rules/), the policy mapping (policy-mapping.yaml) and sources.yaml when present,
each server's history.jsonl and the trifecta rules (analysis/trifecta.yaml).
Exit: 0 valid, 2 with one line naming the file and field that is wrong.
`;

/** Run `mcp-risk validate`; returns the exit code (a malformed file throws a one-line error). */
export async function runValidate(args: string[], io: CliIO): Promise<number> {
  const { values } = parseFlags('validate', args, { catalog: { type: 'string' } }, false);
  if (values.help) {
    io.stdout(VALIDATE_HELP);
    return EXIT.ok;
  }
  const dir = catalogDir(values.catalog, io.env);
  const catalog = loadCatalog(dir);
  rulesFor(dir);
  mappingFor(dir);
  for (const s of catalog.servers) readHistory(dir, s.id);
  loadTrifectaRules(dir);
  if (existsSync(join(dir, 'sources.yaml'))) {
    const loaded = await loadSources(join(dir, 'sources.yaml'));
    const first = loaded.issues[0];
    if (first) throw new CliError(oneLine(formatSourceIssue(first)));
    await expandServerJsonSources(loaded.sources, dir); // every serverJson: file parses and names something runnable
  }
  const tools = catalog.servers.reduce((n, s) => n + s.tools.length, 0);
  io.stdout(`catalogue ok: ${count(catalog.servers.length, 'server')}, ${count(tools, 'tool')}\n`);
  return EXIT.ok;
}
