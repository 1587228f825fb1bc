/**
 * `npm run eval`: measures the classifier against the maintainers' own annotations in the
 * development corpus (`eval/corpus/`; tools classified with their annotations removed): in-sample,
 * grouped k-fold cross-validation by server and by family (the headline), the servers that entered
 * after the rules were written, and the hand-labelled category set (`eval/category-labels.jsonl`).
 *
 * Usage: npm run eval -- [--corpus DIR] [--rules DIR] [--folds K] [--markdown] [--json]
 *        npm run eval -- --explain SERVER         every disagreement of one server, with the deciding rule
 *        npm run eval -- --snapshot CATALOG_DIR [--seen]   add or refresh a catalogue's servers in the corpus
 *                                                 (new servers are marked unseen unless --seen; ids in
 *                                                 eval/excluded.json are skipped)
 *        npm run eval -- --write                  rewrite the generated blocks of README.md (eval:readme) and
 *                                                 docs/eval.md (eval:corpus) from this run
 *        npm run eval -- --catalog DIR            the older in-sample report over a catalogue folder
 * Exit codes: 0 every grouped target met, 1 a target missed, 2 bad usage or malformed input.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  readExclusions,
  readFamilyOverrides,
  renderCorpusMarkdown,
  renderCorpusText,
  renderDocBlock,
  renderExplain,
  renderMarkdown,
  renderReadmeBlock,
  replaceMarked,
  renderText,
  runCorpusEvaluation,
  runEvaluation,
  snapshotCatalog,
  writeCorpusReadme,
} from '../src/lib/eval/index.js';

const USAGE =
  'Usage: npm run eval -- [--corpus DIR] [--rules DIR] [--folds K] [--markdown] [--json] [--write] | --explain SERVER | --snapshot CATALOG_DIR [--seen] | --catalog DIR\n';

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
        write: { type: 'boolean' },
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
  if (flags.write && (flags.corpus !== undefined || flags.rules !== undefined)) {
    process.stderr.write('eval: --write: only for the shipped rules on eval/corpus (the figures the docs report)\n');
    return 2;
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
      const exclusions = readExclusions(resolve(corpus, '..', 'excluded.json'));
      const s = snapshotCatalog(resolve(flags.snapshot), corpus, { overrides, exclusions, newServersSeen: flags.seen === true });
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
    if (flags.write) {
      const date = new Date().toISOString().slice(0, 10);
      rewrite(resolve('README.md'), (t) => replaceMarked(t, '<!-- eval:readme -->', renderReadmeBlock(e, date)));
      rewrite(resolve('docs', 'eval.md'), (t) => replaceMarked(t, '<!-- eval:corpus -->', renderDocBlock(e)));
      process.stdout.write('wrote the eval:readme block of README.md and the eval:corpus block of docs/eval.md\n');
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

/** Rewrites a file through `edit` (temporary file, then rename). */
function rewrite(file: string, edit: (text: string) => string): void {
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, edit(readFileSync(file, 'utf8')));
  renameSync(tmp, file);
}

process.exitCode = main(process.argv.slice(2));
