/**
 * Text and Markdown renderings of the corpus evaluation, and `--explain <server>`. Tool names and
 * evidence are strangers' text: escaped and capped by `safeText`.
 */
import type { CorpusEvaluation } from './corpus-run.js';
import { fmt, safeText } from './format.js';
import type { Interval, MeasureKey } from './grouped.js';
import type { Disagreement, Measures, ServerMeasures } from './measure.js';
import { CATEGORY_TARGETS, GROUPED_TARGETS } from './targets.js';

const ROWS: readonly { key: MeasureKey; label: string }[] = GROUPED_TARGETS.map((t) => ({ key: t.key, label: t.label }));

/** `num of den` for one measure. */
export function countOf(m: Measures, key: MeasureKey): string {
  const ro = m.readOnly;
  const d = m.destructive;
  switch (key) {
    case 'destructiveRecall':
      return `${d.tp}/${d.tp + d.fn}`;
    case 'nonDestructiveRate':
      return `${d.tn}/${d.tn + d.fp}`;
    case 'readOnlyPrecision':
      return `${ro.tp}/${ro.tp + ro.fp}`;
    case 'readOnlyRecall':
      return `${ro.tp}/${ro.tp + ro.fn}`;
  }
}

function interval(i: Interval): string {
  return i.low === undefined ? '' : ` [${fmt(i.low)}, ${fmt(i.high)}]`;
}

function cell(m: Measures, i: Interval, key: MeasureKey): string {
  return `${fmt(m[key])}${interval(i)} (${countOf(m, key)})`;
}

function pad(cells: readonly string[], widths: readonly number[]): string {
  return cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  return [pad(header, widths), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map((r) => pad(r, widths))];
}

function mdTable(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  return [`| ${header.join(' | ')} |`, `|${header.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)];
}

function headlineRows(e: CorpusEvaluation): string[][] {
  return ROWS.map(({ key, label }) => {
    const t = e.targets.find((x) => x.key === key)!;
    const row = [label, cell(e.inSample.overall, e.inSample.intervals[key], key), cell(e.byServer.overall, e.byServer.intervals[key], key), cell(e.byFamily.overall, e.byFamily.intervals[key], key)];
    if (e.unseen) row.push(cell(e.unseen.overall, e.unseen.intervals[key], key));
    row.push(`>= ${t.min}${t.met ? '' : ' (missed)'}`);
    return row;
  });
}

function headlineHeader(e: CorpusEvaluation): string[] {
  const h = ['measure', 'in-sample', `by server (${e.byServer.folds} folds)`, `by family (${e.byFamily.folds} folds)`];
  if (e.unseen) h.push(`unseen servers (${e.unseen.servers})`);
  h.push('target (by family)');
  return h;
}

function categoryLines(e: CorpusEvaluation, md: boolean): string[] {
  const c = e.categories;
  if (!c) return ['Category labels: none (no eval/category-labels.jsonl).'];
  const fin = c.perCategory.find((p) => p.category === 'Financial')!;
  const rows = c.perCategory.map((p) => [p.category, String(p.labelled), String(p.predicted), String(p.correct), fmt(p.precision), fmt(p.recall)]);
  const header = ['category', 'labelled', 'predicted', 'agree', 'precision', 'recall'];
  return [
    `Category accuracy on the hand-labelled set: ${fmt(c.accuracy)} (${c.correct} of ${c.matched}; target >= ${CATEGORY_TARGETS.accuracy}), Financial recall ${fmt(fin.recall)} (${fin.correct} of ${fin.labelled}; target >= ${CATEGORY_TARGETS.financialRecall}); risk level agrees on ${fmt(c.riskAgreement)} (${c.riskAgreeing} of ${c.matched})${c.unmatched > 0 ? `; ${c.unmatched} labels name no corpus tool` : ''}.`,
    '',
    ...(md ? mdTable(header, rows) : table(header, rows)),
  ];
}

function confidenceLine(e: CorpusEvaluation): string {
  const parts = (['high', 'medium', 'low'] as const).map((l) => {
    const x = e.byConfidence[l];
    return `${l} ${fmt(x.tools === 0 ? undefined : x.agree / x.tools)} (${x.agree} of ${x.tools})`;
  });
  return `Labelled tools whose every labelled hint the prediction matches, by the verdict's confidence: ${parts.join(', ')}.`;
}

/** What the destructive labels allow any classifier reading the definitions (ceiling.ts). */
export function ceilingLines(e: CorpusEvaluation): string[] {
  const c = e.ceiling;
  if (!c) return [];
  const r = fmt(c.minRecall);
  const s = fmt(c.minSpecificity);
  const pair = (t: typeof c.oracle) =>
    `at destructive recall >= ${r}, specificity at most ${fmt(t.specificityAtRecall)}; at specificity >= ${s}, recall at most ${fmt(t.recallAtSpecificity)}`;
  const k = c.consistency;
  const d = k.discriminating;
  const dk = k.discriminatingIntervals;
  return [
    `What these labels allow (${c.oracle.positives} destructive and ${c.oracle.negatives} non-destructive labels; no verdict uses this):`,
    `- label consistency: ${k.constantFamilies.length} families give every counted tool the same destructiveHint (a server-wide default, not a per-tool judgement). Held out by family, the rules score on the other families destructive recall ${fmt(d.destructiveRecall)}${dk.destructiveRecall.low === undefined ? '' : ` [${fmt(dk.destructiveRecall.low)}, ${fmt(dk.destructiveRecall.high)}]`} (${countOf(d, 'destructiveRecall')}) and specificity ${fmt(d.nonDestructiveRate)}${dk.nonDestructiveRate.low === undefined ? '' : ` [${fmt(dk.nonDestructiveRate.low)}, ${fmt(dk.nonDestructiveRate.high)}]`} (${countOf(d, 'nonDestructiveRate')}); on the ${k.constantFamilies.length}, ${fmt(k.constant.destructiveRecall)} (${countOf(k.constant, 'destructiveRecall')}) and ${fmt(k.constant.nonDestructiveRate)} (${countOf(k.constant, 'nonDestructiveRate')}).`,
    `- verb-group oracle, in-sample and fitted to the test labels (${c.oracleGroups} groups of category, deciding rule and word, each predicted as a whole): ${pair(c.oracle)}.`,
    `- the same oracle on the families whose labels take both values (${c.oracleDiscriminating.positives} and ${c.oracleDiscriminating.negatives} labels): ${pair(c.oracleDiscriminating)}.`,
    `- word model, a logistic regression over the definitions' words trained on the other folds' families: ${pair(c.wordModel)}.`,
  ];
}

function serverRow(s: ServerMeasures): string[] {
  const m = s.measures;
  return [s.server, String(m.labelled), fmt(m.readOnlyPrecision), fmt(m.readOnlyRecall), fmt(m.destructiveRecall), fmt(m.nonDestructiveRate)];
}

/** The text report of `npm run eval` over the corpus. */
export function renderCorpusText(e: CorpusEvaluation, options: { perServer?: boolean } = {}): string {
  const m = e.report.overall;
  const lines = [
    `Development corpus: ${e.servers} servers in ${e.families} families, ${e.tools} tools; ${m.labelled} tools on ${e.report.perServer.length} servers set readOnlyHint or destructiveHint explicitly.`,
    `Each figure: value [95% cluster-bootstrap interval over families, or servers for "by server"] (count). Held-out folds drop the rule entries only that fold's labels support.`,
    '',
    ...table(headlineHeader(e), headlineRows(e)),
    '',
    ...e.targets.map((t) => `${t.met ? 'PASS' : 'FAIL'}  by family: ${t.label}: ${fmt(t.value)} (target >= ${t.min})`),
    '',
    ...categoryLines(e, false),
    '',
    confidenceLine(e),
    ...(e.ceiling ? ['', ...ceilingLines(e)] : []),
  ];
  if (options.perServer !== false) {
    lines.push('', 'Per server, in-sample:', ...table(['server', 'labelled', 'RO prec', 'RO rec', 'D recall', 'non-D'], e.report.perServer.map(serverRow)));
  }
  return `${lines.join('\n')}\n`;
}

/** Markdown tables for docs/eval.md and the README. */
export function renderCorpusMarkdown(e: CorpusEvaluation): string {
  const lines = [
    ...mdTable(headlineHeader(e), headlineRows(e)),
    '',
    ...categoryLines(e, true),
    '',
    confidenceLine(e),
    ...(e.ceiling ? ['', ...ceilingLines(e)] : []),
    '',
    ...mdTable(['server', 'labelled', 'RO prec', 'RO rec', 'D recall', 'non-D'], e.report.perServer.map(serverRow)),
  ];
  return `${lines.join('\n')}\n`;
}

function disagreementLine(d: Disagreement, heldOutToo: boolean): string {
  const decider = d.evidence.find((x) => x.rule !== 'annotation-declared');
  const rest = d.evidence
    .filter((x) => x !== decider && x.rule !== 'annotation-declared')
    .slice(0, 3)
    .map((x) => `${x.rule}:${safeText(x.match, 30)}`)
    .join(', ');
  return `  ${safeText(d.tool, 60)}  ${d.hint}: maintainer ${d.maintainer}, predicted ${d.predicted}  ${d.category}/${d.risk}  deciding rule ${decider ? `${decider.rule} (${decider.field}: ${safeText(decider.match, 40)})` : 'none (no rule fired)'}${rest ? `; also ${rest}` : ''}${d.conflict ? ' [annotation-conflict]' : ''}${heldOutToo ? '' : ' [in-sample only]'}`;
}

/** `--explain <server>`: every disagreement for one server, with the deciding rule. */
export function renderExplain(e: CorpusEvaluation, server: string): string {
  const own = e.report.disagreements.filter((d) => d.server === server);
  const held = e.byFamily.disagreements.filter((d) => d.server === server);
  const heldKeys = new Set(held.map((d) => `${d.tool}\u0000${d.hint}`));
  const inSampleKeys = new Set(own.map((d) => `${d.tool}\u0000${d.hint}`));
  const measures = e.report.perServer.find((s) => s.server === server);
  const lines = [`${server}: ${measures ? `${measures.measures.labelled} labelled tools` : 'no labelled tools'}; ${own.length} in-sample disagreements, ${held.length} when its family is held out.`];
  for (const d of own) lines.push(disagreementLine(d, heldKeys.has(`${d.tool}\u0000${d.hint}`)));
  const heldOnly = held.filter((d) => !inSampleKeys.has(`${d.tool}\u0000${d.hint}`));
  if (heldOnly.length > 0) {
    lines.push(`Only when the family is held out (rule entries no other fold supports removed):`);
    for (const d of heldOnly) lines.push(disagreementLine(d, true));
  }
  const misses = e.categories?.misses.filter((x) => x.server === server) ?? [];
  if (misses.length > 0) {
    lines.push('Category labels that disagree:');
    for (const x of misses) lines.push(`  ${safeText(x.tool, 60)}  label ${x.label}/${x.labelRisk}, predicted ${x.predicted}/${x.predictedRisk}  deciding rule ${x.decidingRule ? safeText(x.decidingRule, 60) : 'none'}`);
  }
  return `${lines.join('\n')}\n`;
}
