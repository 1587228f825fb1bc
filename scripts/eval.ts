/**
 * `npm run eval`: measures the classifier against the maintainers' own annotations in the catalogue
 * (tools classified with their annotations removed) and prints the confusion matrices, the figures
 * against their targets, a table per server, a held-out estimate and every disagreement.
 *
 * Usage: npm run eval -- [--catalog DIR] [--markdown] [--json] [--no-held-out] [--no-disagreements]
 * Exit codes: 0 every target met, 1 a target missed, 2 bad usage or a malformed catalogue/rules file.
 */
import { parseArgs } from 'node:util';
import { catalogDir } from '../src/lib/catalog/index.js';
import { renderMarkdown, renderText, runEvaluation } from '../src/lib/eval/index.js';

function main(argv: string[]): number {
  let flags;
  try {
    flags = parseArgs({
      args: argv,
      options: {
        catalog: { type: 'string' },
        markdown: { type: 'boolean' },
        json: { type: 'boolean' },
        'no-held-out': { type: 'boolean' },
        'no-disagreements': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: false,
      strict: true,
    }).values;
  } catch (e) {
    process.stderr.write(`eval: ${(e as Error).message.split('\n')[0]}\n`);
    return 2;
  }
  if (flags.help) {
    process.stdout.write('Usage: npm run eval -- [--catalog DIR] [--markdown] [--json] [--no-held-out] [--no-disagreements]\n');
    return 0;
  }
  let evaluation;
  try {
    evaluation = runEvaluation(catalogDir(flags.catalog), { heldOut: !flags['no-held-out'] });
  } catch (e) {
    process.stderr.write(`eval: ${(e as Error).message.split('\n')[0]}\n`);
    return 2;
  }
  if (flags.json) process.stdout.write(`${JSON.stringify(evaluation, null, 2)}\n`);
  else if (flags.markdown) process.stdout.write(renderMarkdown(evaluation));
  else process.stdout.write(renderText(evaluation, { disagreements: !flags['no-disagreements'] }));
  return evaluation.targets.every((t) => t.met) ? 0 : 1;
}

process.exitCode = main(process.argv.slice(2));
