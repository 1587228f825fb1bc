/**
 * The generated parts of README.md and docs/eval.md (`npm run eval -- --write`): the text between a
 * start marker (`<!-- eval:corpus -->`, `<!-- eval:readme -->`) and the next `<!-- eval:end -->` is
 * replaced by figures rendered from one evaluation; everything outside the markers is prose and is
 * left alone. The unseen-servers block is not generated: it compares two rule sets and is written by
 * hand from two runs (docs/eval.md says how).
 */
import type { CorpusEvaluation } from './corpus-run.js';
import { countOf, renderCorpusMarkdown } from './corpus-format.js';
import { fmt } from './format.js';
import { CATEGORY_TARGETS, GROUPED_TARGETS } from './targets.js';

export const END_MARKER = '<!-- eval:end -->';

/**
 * `text` with the part between `start` and the next end marker replaced by `content`.
 * @throws Error when the start marker or the end marker after it is missing
 */
export function replaceMarked(text: string, start: string, content: string): string {
  const i = text.indexOf(start);
  if (i < 0) throw new Error(`no ${start} marker`);
  const j = text.indexOf(END_MARKER, i + start.length);
  if (j < 0) throw new Error(`no ${END_MARKER} after ${start}`);
  const body = content.endsWith('\n') ? content : `${content}\n`;
  return `${text.slice(0, i + start.length)}\n${body}${text.slice(j)}`;
}

/** 5996 -> "5,996". */
function n(x: number): string {
  return x.toLocaleString('en-US');
}

/** The corpus sentence shared by both blocks. */
function corpusSentence(e: CorpusEvaluation, bold: boolean): string {
  const b = (s: string) => (bold ? `**${s}**` : s);
  return `${b(`${e.servers} servers in ${e.families} families, ${n(e.tools)} tools`)}, of which ${b(`${n(e.report.overall.labelled)} tools on ${e.report.perServer.length} servers`)} set \`readOnlyHint\` or \`destructiveHint\` explicitly`;
}

/** The `eval:corpus` block of docs/eval.md: the full tables. */
export function renderDocBlock(e: CorpusEvaluation): string {
  return [
    `Measured over ${corpusSentence(e, true)}. Every figure: value [95% cluster-bootstrap interval] (count); the target`,
    'applies to the grouped-by-family line.',
    '',
    renderCorpusMarkdown(e).trimEnd(),
    '',
  ].join('\n');
}

/** The `eval:readme` block of README.md: the headline table, dated. */
export function renderReadmeBlock(e: CorpusEvaluation, date: string): string {
  const rows = GROUPED_TARGETS.map((t) => {
    const r = e.targets.find((x) => x.key === t.key)!;
    const label = t.key === 'nonDestructiveRate' ? 'specificity (non-destructive predicted so)' : t.label;
    const i = e.byFamily.intervals[t.key];
    return `| ${label} | ${fmt(e.inSample.overall[t.key])} (${countOf(e.inSample.overall, t.key)}) | ${fmt(r.value)} [${fmt(i.low)}, ${fmt(i.high)}] (${countOf(e.byFamily.overall, t.key)}) | >= ${t.min.toFixed(2)} | ${r.met ? 'met' : '**not met**'} |`;
  });
  const c = e.categories;
  if (c) {
    const fin = c.perCategory.find((p) => p.category === 'Financial')!;
    const accMet = (c.accuracy ?? 0) >= CATEGORY_TARGETS.accuracy;
    const finMet = (fin.recall ?? 0) >= CATEGORY_TARGETS.financialRecall;
    rows.push(`| category accuracy, hand-labelled set (${c.matched} tools) | ${fmt(c.accuracy)} (${c.correct}/${c.matched}) | | >= ${CATEGORY_TARGETS.accuracy.toFixed(2)} | ${accMet ? 'met' : '**not met**'} |`);
    rows.push(`| Financial recall, same set | ${fmt(fin.recall)} (${fin.correct}/${fin.labelled}) | | >= ${CATEGORY_TARGETS.financialRecall.toFixed(2)} | ${finMet ? 'met' : '**not met**'} |`);
  }
  const conf = (['high', 'medium', 'low'] as const).map((l) => {
    const x = e.byConfidence[l];
    return `${(x.tools === 0 ? 0 : x.agree / x.tools).toFixed(2)} of ${l === 'high' ? 'high-confidence verdicts' : l} (${x.tools})`;
  });
  const lines = [
    `${date} over ${corpusSentence(e, false)}:`,
    '',
    '| measure | in-sample | grouped by family | target | |',
    '|---|---:|---:|---:|---|',
    ...rows,
    '',
  ];
  if (e.unseen) {
    const u = e.unseen.overall;
    lines.push(
      `On the ${e.unseen.servers} servers marked unseen (they entered the corpus after the rules were first written; a later round's`,
      `tuning may have looked at them), today's rules score destructive recall ${fmt(u.destructiveRecall)}, specificity ${fmt(u.nonDestructiveRate)},`,
      `read-only precision ${fmt(u.readOnlyPrecision)} and recall ${fmt(u.readOnlyRecall)}; each batch measured with the rules as they were before it was`,
      'looked at is in docs/eval.md.',
      '',
    );
  }
  const c2 = e.ceiling;
  if (c2) {
    const k = c2.consistency;
    const reachable = (c2.oracle.specificityAtRecall ?? 0) >= c2.minSpecificity;
    lines.push(
      `What these labels allow (docs/eval.md, "What the labels allow"): ${k.constantFamilies.length} families give every tool the same \`destructiveHint\`; on the`,
      `other families, held out by family, destructive recall is ${fmt(k.discriminating.destructiveRecall)} (${countOf(k.discriminating, 'destructiveRecall')}) and specificity ${fmt(k.discriminating.nonDestructiveRate)} (${countOf(k.discriminating, 'nonDestructiveRate')}). ${reachable ? 'A' : 'No'} choice of`,
      `verdict per deciding verb, fitted to the test labels, ${reachable ? 'could reach' : 'reaches'} both destructive targets: at destructive recall ${fmt(c2.minRecall)}`,
      `its specificity is ${fmt(c2.oracle.specificityAtRecall)} at most (${fmt(c2.oracleDiscriminating.specificityAtRecall)} on those families); a word model trained on other families reaches ${fmt(c2.wordModel.specificityAtRecall)}.`,
      '',
    );
  }
  lines.push(`Hints agree with the maintainers' on ${conf[0]}, ${conf[1]} and ${conf[2]}.`);
  return `${lines.join('\n')}\n`;
}
