/**
 * The evaluation over the development corpus (eval/corpus, data in the repo: independent of the
 * shipped catalogue's size): every tool whose maintainers set readOnlyHint or destructiveHint is
 * classified with its annotations removed and compared with their labels, in-sample and in grouped
 * cross-validation. Fails when a grouped-by-family figure drops below its target, or, for a target
 * not yet met, below the documented floor just under the measured value (src/lib/eval/targets.ts).
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { defaultRules } from '../../src/lib/classify/index.js';
import {
  CATEGORY_FLOORS,
  CATEGORY_TARGETS,
  checkTargets,
  evaluateItems,
  GROUPED_FLOORS,
  GROUPED_TARGETS,
  MEASURE_KEYS,
  readCorpus,
  readExclusions,
  renderCorpusMarkdown,
  renderCorpusText,
  renderExplain,
  runCorpusEvaluation,
  type EvalItem,
} from '../../src/lib/eval/index.js';

const CORPUS = fileURLToPath(new URL('../../eval/corpus/', import.meta.url));

describe('the classifier against maintainers\' annotations in the development corpus', () => {
  const e = runCorpusEvaluation(CORPUS);
  const text = renderCorpusText(e, { perServer: false });

  test('grouped-by-family figures hold their targets, or the documented floor where a target is not met', () => {
    console.log(text);
    const failures: string[] = [];
    for (const t of e.targets) {
      const floor = GROUPED_FLOORS[t.key];
      const min = Math.min(t.min, floor);
      if (t.value === undefined || t.value < min) failures.push(`${t.label} ${t.value} < ${min}`);
    }
    expect(failures, text).toEqual([]);
  });

  test('category accuracy on the hand-labelled set holds its target or floor', () => {
    const c = e.categories;
    if (!c) return expect.fail('eval/category-labels.jsonl is missing or empty');
    expect(c.matched).toBeGreaterThanOrEqual(300);
    expect(c.accuracy!).toBeGreaterThanOrEqual(Math.min(CATEGORY_TARGETS.accuracy, CATEGORY_FLOORS.accuracy));
    const fin = c.perCategory.find((p) => p.category === 'Financial')!;
    expect(fin.recall!).toBeGreaterThanOrEqual(Math.min(CATEGORY_TARGETS.financialRecall, CATEGORY_FLOORS.financialRecall));
  });

  test('measures a real, grouped corpus; no group is on both sides of a fold', () => {
    expect(e.servers).toBeGreaterThanOrEqual(40);
    // the corpus target: at least 3,000 labelled tools from at least 80 servers
    expect(e.report.overall.labelled).toBeGreaterThanOrEqual(3000);
    expect(e.report.perServer.length).toBeGreaterThanOrEqual(80);
    expect(e.families).toBeLessThan(e.servers);
    for (const cv of [e.byServer, e.byFamily]) {
      expect(cv.overall.labelled).toBe(e.report.overall.labelled);
      const groups = cv.removed.flatMap((f) => f.groups);
      expect(new Set(groups).size).toBe(groups.length);
      for (const k of MEASURE_KEYS) {
        const i = cv.intervals[k];
        expect(i.low! <= cv.overall[k]! && cv.overall[k]! <= i.high!, `${cv.by} ${k}`).toBe(true);
      }
    }
  });

  test('no excluded server is in the corpus (this project\'s own server writes its own hints)', () => {
    const excluded = readExclusions(fileURLToPath(new URL('../../eval/excluded.json', import.meta.url)));
    expect(Object.keys(excluded).length).toBeGreaterThan(0);
    const ids = new Set(readCorpus(CORPUS).map((x) => x.id));
    expect(Object.keys(excluded).filter((id) => ids.has(id))).toEqual([]);
  });

  test('confidence means something: low-confidence verdicts agree with maintainers less often than high ones', () => {
    const rate = (l: 'high' | 'medium' | 'low') => e.byConfidence[l].agree / e.byConfidence[l].tools;
    expect(e.byConfidence.low.tools).toBeGreaterThan(0);
    expect(rate('low')).toBeLessThan(rate('medium'));
    expect(rate('medium')).toBeLessThan(rate('high'));
  });

  test('the unseen servers are measured apart', () => {
    expect(e.unseen).toBeDefined();
    expect(e.unseen!.servers).toBeGreaterThan(0);
    expect(e.unseen!.overall.labelled).toBeLessThan(e.report.overall.labelled);
  });

  test('the report is reproducible (seeded intervals) and the Markdown has a row per target', () => {
    const again = runCorpusEvaluation(CORPUS, { crossValidation: false });
    expect(again.inSample.intervals).toEqual(e.inSample.intervals);
    const md = renderCorpusMarkdown(e);
    for (const t of GROUPED_TARGETS) expect(md).toContain(`| ${t.label} |`);
  });

  test('the ceiling section covers the same labels as the headline, and its split adds up to it', () => {
    const c = e.ceiling!;
    const d = e.report.overall.destructive;
    expect(c.oracle.positives).toBe(d.tp + d.fn);
    expect(c.oracle.negatives).toBe(d.tn + d.fp);
    expect(c.wordModel.positives).toBe(c.oracle.positives);
    const split = c.consistency;
    expect(split.constantFamilies.length).toBeGreaterThan(0);
    for (const k of ['tp', 'fp', 'fn', 'tn'] as const) {
      expect(split.constant.destructive[k] + split.discriminating.destructive[k], k).toBe(e.byFamily.overall.destructive[k]);
    }
    expect(c.oracle.specificityAtRecall).toBeDefined();
    expect(text).toContain('verb-group oracle');
  });

  test('--explain lists every in-sample disagreement of a server with its deciding rule', () => {
    const server = e.report.disagreements[0]!.server;
    const out = renderExplain(e, server);
    const n = e.report.disagreements.filter((d) => d.server === server).length;
    expect(out.split('\n').filter((l) => l.includes('deciding rule')).length).toBeGreaterThanOrEqual(n);
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
