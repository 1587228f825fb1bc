/**
 * `mcp-risk check <file|->` for server authors: the classifier's findings about each tool's declared
 * annotation hints. Prints `tool: field: message` per finding; exit 1 when any finding is an error
 * (a declared hint contradicting strong evidence), 0 when there are only warnings (missing hints).
 */
import { checkTool } from '../../src/lib/classify/index.js';
import { catalogDir } from '../../src/lib/catalog/index.js';
import { plural as count } from '../../src/lib/view/labels.js';
import { EXIT, oneLine, parseFlags, type CliIO } from './common.js';
import { rulesFor } from './rules.js';
import { readToolsInput } from './tools-input.js';
import { LIVE_HELP, LIVE_OPTIONS } from './target.js';

export const CHECK_HELP = `Usage: mcp-risk check (<tools.json | -> | --command "<cmd>" | --url <url>) [--catalog DIR]

For server authors: checks each tool's annotations (readOnlyHint, destructiveHint, idempotentHint,
openWorldHint) against what the classifier sees. Prints "tool: field: message" per finding.
Your own server can be checked as it runs: mcp-risk check --command "node dist/index.js".
${LIVE_HELP}
Exit: 0 no errors (warnings only), 1 a declared hint contradicts strong evidence, 2 bad input,
3 the server could not be listed.
`;

/** Run `mcp-risk check`; returns the exit code. */
export async function runCheck(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseFlags('check', args, { catalog: { type: 'string' }, ...LIVE_OPTIONS });
  if (values.help) {
    io.stdout(CHECK_HELP);
    return EXIT.ok;
  }
  const input = await readToolsInput(positionals[0], 'check', io, values);
  for (const w of input.warnings) io.stderr(`mcp-risk: warning: ${w}\n`);
  const rules = rulesFor(catalogDir(values.catalog, io.env));
  let errors = 0;
  let warnings = 0;
  for (const t of input.tools) {
    for (const f of checkTool(t.definition, rules)) {
      if (f.severity === 'error') errors += 1;
      else warnings += 1;
      io.stdout(`${oneLine(t.definition.name, 100)}: ${oneLine(f.field, 100)}: ${f.severity}: ${oneLine(f.message, 500)}\n`);
    }
  }
  io.stderr(`mcp-risk: check: ${count(input.tools.length, 'tool')}, ${count(errors, 'error')}, ${count(warnings, 'warning')}\n`);
  return errors > 0 ? EXIT.findings : EXIT.ok;
}
