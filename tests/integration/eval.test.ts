/**
 * The evaluation over the shipped catalogue (library, not a subprocess): every tool whose
 * maintainers set readOnlyHint or destructiveHint is classified with its annotations removed and
 * compared with their labels. Fails below the targets of docs/eval.md, printing the table.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { defaultRules } from '../../src/lib/classify/index.js';
import {
  checkTargets,
  evaluateItems,
  renderMarkdown,
  renderText,
  runEvaluation,
  TARGETS,
  type EvalItem,
} from '../../src/lib/eval/index.js';

const CATALOG = fileURLToPath(new URL('../../catalog/', import.meta.url));

describe('the classifier against maintainers\' annotations in the shipped catalogue', () => {
  const evaluation = runEvaluation(CATALOG, { heldOut: true });
  const text = renderText(evaluation, { disagreements: false });

  test('meets every target (the table is printed)', () => {
    console.log(text);
    const missed = evaluation.targets.filter((t) => !t.met).map((t) => `${t.label} ${t.value} < ${t.min}`);
    expect(missed, text).toEqual([]);
  });

  test('measures a real, labelled catalogue', () => {
    expect(evaluation.servers).toBeGreaterThanOrEqual(30);
    expect(evaluation.tools).toBeGreaterThanOrEqual(2000);
    const m = evaluation.report.overall;
    expect(m.labelled).toBeGreaterThan(1000);
    // every labelled tool is counted in at least one matrix
    const ro = m.readOnly.tp + m.readOnly.fp + m.readOnly.fn + m.readOnly.tn;
    expect(ro).toBeLessThanOrEqual(m.labelled);
    expect(evaluation.report.perServer.reduce((n, s) => n + s.measures.labelled, 0)).toBe(m.labelled);
  });

  test('every disagreement carries the classifier\'s evidence', () => {
    for (const d of evaluation.report.disagreements) {
      expect(d.evidence.length, `${d.server}/${d.tool}`).toBeGreaterThan(0);
      expect(d.maintainer).not.toBe(d.predicted);
    }
  });

  test('the held-out estimate covers every labelled server and removes only single-server entries', () => {
    const h = evaluation.heldOut!;
    expect(h.servers.map((s) => s.server)).toEqual(evaluation.report.perServer.map((s) => s.server));
    expect(h.overall.labelled).toBe(evaluation.report.overall.labelled);
    const removed = h.servers.flatMap((s) => s.removed.map((r) => `${s.server} ${r}`));
    expect(new Set(removed).size).toBe(removed.length);
  });

  test('the Markdown for docs/eval.md holds one row per target and per server', () => {
    const md = renderMarkdown(evaluation);
    for (const t of TARGETS) expect(md).toContain(`| ${t.label} |`);
    for (const s of evaluation.report.perServer) expect(md).toContain(`| ${s.server} |`);
  });
});

describe('what counts as a label', () => {
  const item = (tool: string, annotations: unknown, description = ''): EvalItem => ({
    server: 's',
    tool,
    definition: { name: tool, description, inputSchema: { type: 'object', properties: {} }, annotations },
  });
  const rules = defaultRules();

  test('only explicit booleans count; destructiveHint only when not declared read-only', () => {
    const r = evaluateItems(
      [
        item('get_file', { readOnlyHint: true, destructiveHint: true }, 'Get a file.'),
        item('delete_file', { destructiveHint: true }, 'Delete a file.'),
        item('add_comment', { readOnlyHint: false, destructiveHint: false }, 'Add a comment.'),
        item('list_things', {}, 'List things.'),
        item('update_thing', { readOnlyHint: 'no', destructiveHint: null }, 'Update a thing.'),
        item('read_thing', { readOnlyHint: true, destructiveHint: 'maybe' }, 'Read a thing.'),
      ],
      rules,
    );
    expect(r.tools).toBe(6);
    expect(r.overall.labelled).toBe(4);
    expect(r.overall.readOnly).toEqual({ tp: 2, fp: 0, fn: 0, tn: 1 });
    expect(r.overall.destructive).toEqual({ tp: 1, fp: 0, fn: 0, tn: 1 });
    expect(r.overall.destructiveRecall).toBe(1);
    expect(r.overall.nonDestructiveRate).toBe(1);
  });

  test('tools are classified without their annotations, and a wrong label is a shown conflict', () => {
    const r = evaluateItems([item('delete_everything', { readOnlyHint: true }, 'Delete every record.')], rules);
    expect(r.overall.readOnly).toEqual({ tp: 0, fp: 0, fn: 1, tn: 0 });
    expect(r.disagreements).toHaveLength(1);
    expect(r.disagreements[0]).toMatchObject({ hint: 'readOnlyHint', maintainer: true, predicted: false, category: 'Destructive', conflict: true });
  });

  test('a measure with nothing labelled is undefined and misses its target', () => {
    const r = evaluateItems([item('get_x', { readOnlyHint: true }, 'Get x.')], rules);
    expect(r.overall.destructiveRecall).toBeUndefined();
    const t = checkTargets(r.overall).find((x) => x.key === 'destructiveRecall')!;
    expect(t.met).toBe(false);
  });
});
