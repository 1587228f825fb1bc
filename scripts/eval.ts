/**
 * `npm run eval`: measures the classifier against the maintainers' own annotations in the
 * development corpus (`eval/corpus/`; tools classified with their annotations removed): in-sample,
 * grouped k-fold cross-validation by server and by family (the headline), the servers that entered
 * after the rules were written, and the hand-labelled category set (`eval/category-labels.jsonl`).
 *
 * Usage: npm run eval -- [--corpus DIR] [--rules DIR] [--folds K] [--markdown] [--json]
 *        npm run eval -- --explain SERVER         every disagreement of one server, with the deciding rule
 *        npm run eval -- --snapshot CATALOG_DIR [--seen]   add or refresh a catalogue's servers in the corpus
 *                                                 (new servers are marked unseen unless --seen)
 *        npm run eval -- --catalog DIR            the older in-sample report over a catalogue folder
 * Exit codes: 0 every grouped target met, 1 a target missed, 2 bad usage or malformed input.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  readFamilyOverrides,
  renderCorpusMarkdown,
  renderCorpusText,
  renderExplain,
  renderMarkdown,
  renderText,
  runCorpusEvaluation,
  runEvaluation,
  snapshotCatalog,
  writeCorpusReadme,
} from '../src/lib/eval/index.js';

const USAGE =
  'Usage: npm run eval -- [--corpus DIR] [--rules DIR] [--folds K] [--markdown] [--json] | --explain SERVER | --snapshot CATALOG_DIR [--seen] | --catalog DIR\n';

function main(argv: string[]): number {
  let flags;
  try {
    flags = parseArgs({
      args: argv,
      options: {
        corpus: { type: 'string' },
        rules: { type: 'string' },
        folds: { type: 'string' },
        explain: { type: 'string' },
        snapshot: { type: 'string' },
        seen: { type: 'boolean' },
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
    process.stdout.write(USAGE);
    return 0;
  }
  const corpus = resolve(flags.corpus ?? 'eval/corpus');
  const folds = flags.folds === undefined ? 10 : Number(flags.folds);
  if (!Number.isInteger(folds) || folds < 2) {
    process.stderr.write(`eval: --folds: expected an integer >= 2, got ${JSON.stringify(flags.folds)}\n`);
    return 2;
  }
  try {
    if (flags.snapshot) {
      const overrides = readFamilyOverrides(resolve(corpus, '..', 'families.json'));
      const s = snapshotCatalog(resolve(flags.snapshot), corpus, { overrides, newServersSeen: flags.seen === true });
      writeCorpusReadme(corpus);
      process.stdout.write(`added ${s.added.length}: ${s.added.join(' ')}\nupdated ${s.updated.length}: ${s.updated.join(' ')}\n`);
      for (const k of s.skipped) process.stdout.write(`skipped ${k.id}: ${k.reason}\n`);
      return 0;
    }
    if (flags.catalog) {
      const evaluation = runEvaluation(resolve(flags.catalog), { heldOut: !flags['no-held-out'] });
      if (flags.json) process.stdout.write(`${JSON.stringify(evaluation, null, 2)}\n`);
      else if (flags.markdown) process.stdout.write(renderMarkdown(evaluation));
      else process.stdout.write(renderText(evaluation, { disagreements: !flags['no-disagreements'] }));
      return evaluation.targets.every((t) => t.met) ? 0 : 1;
    }
    const e = runCorpusEvaluation(corpus, { rulesDir: flags.rules ? resolve(flags.rules) : undefined, folds });
    if (flags.explain) {
      if (!e.report.perServer.some((s) => s.server === flags.explain) && !e.categories?.misses.some((m) => m.server === flags.explain)) {
        process.stderr.write(`eval: --explain: no labelled server ${JSON.stringify(flags.explain)} in ${corpus}\n`);
        return 2;
      }
      process.stdout.write(renderExplain(e, flags.explain));
      return 0;
    }
    if (flags.json) process.stdout.write(`${JSON.stringify(e, null, 2)}\n`);
    else if (flags.markdown) process.stdout.write(renderCorpusMarkdown(e));
    else process.stdout.write(renderCorpusText(e));
    return e.targets.every((t) => t.met) ? 0 : 1;
  } catch (err) {
    process.stderr.write(`eval: ${(err as Error).message.split('\n')[0]}\n`);
    return 2;
  }
}

process.exitCode = main(process.argv.slice(2));
