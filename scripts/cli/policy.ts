/**
 * `mcp-risk policy (<file> | --id <server-id>) [--tool NAME] [--server NAME] [--format F]`: the
 * recommended policy for a whole server (default deny, one entry per tool) or one tool's snippet.
 * For a catalogue server (`--id`) the verdicts are the EFFECTIVE ones: a human review wins.
 */
import { classify, effectiveVerdict } from '../../src/lib/classify/index.js';
import { catalogDir, loadServer, listServerIds } from '../../src/lib/catalog/index.js';
import { EXPORT_FORMATS, exportPolicy, generateServerPolicy, generateToolPolicy } from '../../src/lib/policy/index.js';
import type { Review } from '../../src/lib/schema/index.js';
import type { ToolDefinition } from '../../src/lib/schema/index.js';
import { CliError, EXIT, oneLine, parseFlags, type CliIO } from './common.js';
import { mappingFor, rulesFor } from './rules.js';
import { readToolsInput } from './tools-input.js';
import { LIVE_HELP, LIVE_OPTIONS } from './target.js';

export const POLICY_HELP = `Usage: mcp-risk policy (<tools.json | -> | --id <server-id> | --command "<cmd>" | --url <url>) [--tool NAME] [--server NAME] [--format F] [--catalog DIR]

Prints the recommended policy: for the whole server (default "deny", an entry for every tool), or
with --tool for one tool (default "allow", that tool hidden or given one rule).
--id reads a catalogue server and uses reviewed verdicts where a human review exists.
--format: ${EXPORT_FORMATS.map((f) => f.id).join(', ')} (default policy).
--server names the server where a format needs it (default: the id, else the file's base name or
the listed server's package, script or host, which is then said on stderr). What a format cannot
express (e.g. a rate limit written as "ask") is said on stderr, one "note:" line each.
${LIVE_HELP}
`;

/** A default server name every export format accepts: `A-Z a-z 0-9 _ -`, at most 64 characters. */
export function exportServerName(raw: string): string {
  const cleaned = raw.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 64);
  return cleaned || 'server';
}

/** Run `mcp-risk policy`; returns the exit code. */
export async function runPolicy(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseFlags('policy', args, {
    id: { type: 'string' }, tool: { type: 'string' }, server: { type: 'string' }, format: { type: 'string' }, catalog: { type: 'string' }, ...LIVE_OPTIONS,
  });
  if (values.help) {
    io.stdout(POLICY_HELP);
    return EXIT.ok;
  }
  const sources = [values.id !== undefined, positionals[0] !== undefined, values.command !== undefined || values.url !== undefined].filter(Boolean).length;
  if (sources !== 1) throw new CliError('policy: expected exactly one of a tools file (or -), --id <server-id>, or --command / --url (see mcp-risk policy --help)');
  const catalog = catalogDir(values.catalog, io.env);
  const rules = rulesFor(catalog);
  const mapping = mappingFor(catalog);

  let tools: { definition: ToolDefinition; review?: Review }[];
  let defaultServer: string;
  if (values.id !== undefined) {
    if (!listServerIds(catalog).includes(values.id)) throw new CliError(`policy: --id: no server ${JSON.stringify(oneLine(values.id, 80))} in ${catalog}`);
    tools = loadServer(catalog, values.id).tools;
    defaultServer = values.id;
  } else {
    const input = await readToolsInput(positionals[0], 'policy', io, values);
    for (const w of input.warnings) io.stderr(`mcp-risk: warning: ${w}\n`);
    tools = input.tools;
    defaultServer = input.baseName;
  }
  const verdicts = tools.map((t) => {
    const v = effectiveVerdict(classify(t.definition, rules), t.review);
    return { name: t.definition.name, verdict: { category: v.category, risk: v.risk } };
  });

  let policy;
  if (values.tool !== undefined) {
    const found = verdicts.find((v) => v.name === values.tool);
    if (!found) throw new CliError(`policy: --tool: no tool named ${JSON.stringify(oneLine(values.tool, 80))}`);
    policy = generateToolPolicy(found.name, found.verdict, mapping);
  } else {
    policy = generateServerPolicy(verdicts, mapping);
  }
  const format = values.format ?? 'policy';
  const server = values.server ?? exportServerName(defaultServer);
  const out = exportPolicy(format, policy, { server });
  // policy.json does not name its server; every other format does.
  if (format !== 'policy' && values.server === undefined && values.id === undefined) {
    const after = positionals[0] !== undefined ? 'the file name' : values.url !== undefined ? "the URL's host" : 'the package or script it runs';
    io.stderr(`mcp-risk: policy: the server is named ${JSON.stringify(server)} after ${after}; pass --server NAME to use the name your client config gives it\n`);
  }
  for (const note of out.notes) io.stderr(`mcp-risk: policy: note: ${oneLine(note, 500)}\n`);
  io.stdout(out.text.endsWith('\n') ? out.text : `${out.text}\n`);
  return EXIT.ok;
}
