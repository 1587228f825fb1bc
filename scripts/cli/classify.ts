/**
 * `mcp-risk classify <file|->`: classify every tool of a tools/list result. Default output is a
 * table; `--json` prints ONLY a JSON array of `{ name, category, risk, annotations, evidence, flags,
 * rationale }` (a stable contract, documented in catalog/README.md).
 */
import { classify, peerFlags } from '../../src/lib/classify/index.js';
import { catalogDir } from '../../src/lib/catalog/index.js';
import type { Classification } from '../../src/lib/schema/index.js';
import { EXIT, oneLine, parseFlags, table, type CliIO } from './common.js';
import { rulesFor } from './rules.js';
import { readToolsInput } from './tools-input.js';
import { LIVE_HELP, LIVE_OPTIONS } from './target.js';

export const CLASSIFY_HELP = `Usage: mcp-risk classify (<tools.json | -> | --command "<cmd>" | --url <url>) [--json] [--catalog DIR]

Input: a tools/list result {"tools": [...]} or a bare array of tools ("-" reads stdin), or a server
listed now: ${LIVE_HELP}
Output: a table (name, category, risk, flags), or with --json a JSON array of
  { name, category, risk, annotations, evidence, flags, rationale } per tool, in listing order
  (flags include the server-wide ones: duplicate names, shadowing common tools, outlier lengths).
Rules: <catalog>/rules when that folder exists, else the rules shipped with mcp-risk.
`;

/** One entry of the `--json` output (the stable contract). */
export type ClassifyJsonEntry = { name: string } & Classification;

/** Run `mcp-risk classify`; returns the exit code. */
export async function runClassify(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseFlags('classify', args, { json: { type: 'boolean' }, catalog: { type: 'string' }, ...LIVE_OPTIONS });
  if (values.help) {
    io.stdout(CLASSIFY_HELP);
    return EXIT.ok;
  }
  const input = await readToolsInput(positionals[0], 'classify', io, values);
  for (const w of input.warnings) io.stderr(`mcp-risk: warning: ${w}\n`);
  const rules = rulesFor(catalogDir(values.catalog, io.env));
  const peers = peerFlags(input.tools.map((t) => t.definition), rules);
  const entries: ClassifyJsonEntry[] = input.tools.map((t, i) => {
    const c = classify(t.definition, rules);
    const flags = [...c.flags, ...(peers.get(i) ?? [])];
    return { name: t.definition.name, category: c.category, risk: c.risk, annotations: c.annotations, evidence: c.evidence, flags, rationale: c.rationale, confidence: c.confidence };
  });
  if (values.json) {
    io.stdout(`${JSON.stringify(entries, null, 2)}\n`);
    return EXIT.ok;
  }
  const rows = [['NAME', 'CATEGORY', 'RISK', 'FLAGS'], ...entries.map((e) => [oneLine(e.name, 60), e.category, e.risk, String(e.flags.length)])];
  io.stdout(table(rows));
  return EXIT.ok;
}
