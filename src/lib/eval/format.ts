/**
 * Text and Markdown renderings of an evaluation: confusion matrices, the figures against their
 * targets, a table per server, the held-out estimate and every disagreement with its evidence.
 * Tool names and evidence are strangers' text: control characters are escaped, lengths capped.
 */
import type { HeldOutReport } from './heldout.js';
import type { Confusion, Disagreement, Measures, ServerMeasures } from './measure.js';
import type { Evaluation } from './run.js';

/** One terminal-safe line: control and bidirectional characters escaped, capped at `max`. */
export function safeText(text: string, max = 120): string {
  // eslint-disable-next-line no-control-regex
  const s = text.replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]/g, (c) =>
    c === '\n' || c === '\t' ? ' ' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/** A ratio as `0.985`, or `-` when undefined. */
export function fmt(x: number | undefined): string {
  return x === undefined ? '-' : x.toFixed(3);
}

function pad(cells: readonly string[], widths: readonly number[]): string {
  return cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  return [pad(header, widths), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map((r) => pad(r, widths))];
}

function matrix(title: string, c: Confusion): string[] {
  return [
    `${title} (n=${c.tp + c.fp + c.fn + c.tn})`,
    ...table(
      ['', 'predicted true', 'predicted false'],
      [
        ['maintainer true', String(c.tp), String(c.fn)],
        ['maintainer false', String(c.fp), String(c.tn)],
      ],
    ).map((l) => `  ${l}`),
  ];
}

function serverRow(s: ServerMeasures): string[] {
  const m = s.measures;
  const ro = m.readOnly;
  const d = m.destructive;
  return [
    s.server,
    String(m.labelled),
    fmt(m.readOnlyPrecision),
    fmt(m.readOnlyRecall),
    fmt(m.destructiveRecall),
    fmt(m.nonDestructiveRate),
    `${ro.tp}/${ro.fp}/${ro.fn}/${ro.tn}`,
    `${d.tp}/${d.fp}/${d.fn}/${d.tn}`,
  ];
}

const SERVER_HEADER = ['server', 'labelled', 'RO prec', 'RO rec', 'D recall', 'non-D', 'RO tp/fp/fn/tn', 'D tp/fp/fn/tn'];

function disagreementLine(d: Disagreement): string {
  const ev = d.evidence
    .filter((e) => e.rule !== 'annotation-declared')
    .slice(0, 4)
    .map((e) => `${e.rule}:${safeText(e.match, 40)}`)
    .join(', ');
  const flag = d.conflict ? ' [annotation-conflict]' : '';
  return `  ${safeText(d.tool, 60)}  ${d.hint} maintainer ${d.maintainer} -> predicted ${d.predicted}  ${d.category}/${d.risk}${flag}  ${ev}`;
}

/** The held-out lines: overall figures and the servers whose figures drop. */
export function heldOutLines(h: HeldOutReport, limit = 10): string[] {
  const drop = (f: Measures, g: Measures): number =>
    Math.max(
      ...(['readOnlyPrecision', 'readOnlyRecall', 'destructiveRecall', 'nonDestructiveRate'] as const).map(
        (k) => (f[k] ?? 0) - (g[k] ?? 0),
      ),
    );
  const o = h.overall;
  const worst = [...h.servers].filter((s) => drop(s.full, s.heldOut) > 0).sort((a, b) => drop(b.full, b.heldOut) - drop(a.full, a.heldOut));
  return [
    `Held-out estimate (rule entries only one server's labels support removed for that server):`,
    `  read-only precision ${fmt(o.readOnlyPrecision)}, recall ${fmt(o.readOnlyRecall)}; destructive recall ${fmt(o.destructiveRecall)}; non-destructive ${fmt(o.nonDestructiveRate)}`,
    ...worst
      .slice(0, limit)
      .map(
        (s) =>
          `  ${s.server}: RO rec ${fmt(s.full.readOnlyRecall)} -> ${fmt(s.heldOut.readOnlyRecall)}, D recall ${fmt(s.full.destructiveRecall)} -> ${fmt(s.heldOut.destructiveRecall)}, non-D ${fmt(s.full.nonDestructiveRate)} -> ${fmt(s.heldOut.nonDestructiveRate)} (without ${s.removed.join(', ')})`,
      ),
  ];
}

/** The full text report of `npm run eval`. */
export function renderText(e: Evaluation, options: { disagreements?: boolean } = {}): string {
  const m = e.report.overall;
  const lines = [
    `Classifier vs maintainers' annotations: ${e.servers} servers, ${e.tools} tools; ${m.labelled} tools on ${e.report.perServer.length} servers set readOnlyHint or destructiveHint explicitly.`,
    '',
    ...matrix('readOnlyHint, tools that set it', m.readOnly),
    '',
    ...matrix('destructiveHint, tools that set it and are not declared read-only', m.destructive),
    '',
    ...e.targets.map((t) => `${t.met ? 'PASS' : 'FAIL'}  ${t.label}: ${fmt(t.value)} (target >= ${t.min})`),
    '',
    'Per server (RO = readOnlyHint, D = destructiveHint on tools not declared read-only):',
    ...table(SERVER_HEADER, e.report.perServer.map(serverRow)),
  ];
  if (e.heldOut) lines.push('', ...heldOutLines(e.heldOut));
  if (options.disagreements !== false) {
    lines.push('', `Disagreements (${e.report.disagreements.length}), with the classifier's evidence:`);
    let server = '';
    for (const d of e.report.disagreements) {
      if (d.server !== server) lines.push(`${(server = d.server)}:`);
      lines.push(disagreementLine(d));
    }
  }
  return `${lines.join('\n')}\n`;
}

function mdTable(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  return [`| ${header.join(' | ')} |`, `|${header.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)];
}

/** Markdown tables for docs/eval.md: the figures against their targets, and per server. */
export function renderMarkdown(e: Evaluation): string {
  const m = e.report.overall;
  const ro = m.readOnly;
  const d = m.destructive;
  const counts: Record<string, string> = {
    destructiveRecall: `${d.tp} of ${d.tp + d.fn}`,
    readOnlyPrecision: `${ro.tp} of ${ro.tp + ro.fp}`,
    readOnlyRecall: `${ro.tp} of ${ro.tp + ro.fn}`,
    nonDestructiveRate: `${d.tn} of ${d.tn + d.fp}`,
  };
  const lines = [
    ...mdTable(
      ['measure', 'value', 'count', 'target'],
      e.targets.map((t) => [t.label, fmt(t.value), counts[t.key]!, `>= ${t.min}${t.met ? '' : ' (missed)'}`]),
    ),
    '',
    ...mdTable(SERVER_HEADER, e.report.perServer.map(serverRow)),
  ];
  return `${lines.join('\n')}\n`;
}
