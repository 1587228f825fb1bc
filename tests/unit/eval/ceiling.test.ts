/**
 * The ceiling measures: the recall / specificity sweep, the verb-group oracle, the out-of-fold word
 * model and the label-consistency split, on small real-world-shaped definitions.
 */
import { describe, expect, test } from 'vitest';
import { parseRules, SHIPPED_RULES_FILES } from '../../../src/lib/classify/index.js';
import {
  destructiveExamples,
  labelConsistency,
  tradeoff,
  verbGroupOracle,
  wordFeatures,
  wordModelScores,
  type DestructiveExample,
} from '../../../src/lib/eval/ceiling.js';
import { crossValidate, type EvalItem } from '../../../src/lib/eval/index.js';

const rules = parseRules(SHIPPED_RULES_FILES);

function item(family: string, name: string, description: string, destructive: boolean, props: Record<string, unknown> = { id: { type: 'string' } }): EvalItem {
  return {
    server: `${family}-server`,
    family,
    tool: name,
    definition: { name, description, inputSchema: { type: 'object', properties: props }, annotations: { readOnlyHint: false, destructiveHint: destructive } },
  };
}

describe('tradeoff', () => {
  test.each([
    // perfectly separated: recall 1 with specificity 1
    [[[3, true], [2, true], [1, false], [0, false]], 1, 1, 1, 1],
    // one negative above a positive: recall 1 costs one negative of two
    [[[3, true], [2, false], [1, true], [0, false]], 1, 1, 0.5, 0.5],
    // ties cut together: the only thresholds are all or nothing
    [[[1, true], [1, false], [1, true], [1, false]], 0.6, 0.5, 0, 0],
  ] as const)('%j', (pairs, minRecall, minSpec, spec, recall) => {
    const t = tradeoff(pairs.map(([score, positive]) => ({ score, positive })), minRecall, minSpec);
    expect(t.specificityAtRecall).toBe(spec);
    expect(t.recallAtSpecificity).toBe(recall);
  });

  test('a floor no threshold reaches, and one class missing, are undefined', () => {
    expect(tradeoff([{ score: 1, positive: true }], 0.9, 0.9).specificityAtRecall).toBeUndefined();
    const t = tradeoff([{ score: 1, positive: true }, { score: 1, positive: false }], 0.9, 0.9);
    expect(t.specificityAtRecall).toBe(0);
    expect(t.recallAtSpecificity).toBe(0);
  });
});

describe('verb-group oracle', () => {
  test('tools decided by the same verb share one score, the share of their group labelled destructive', () => {
    const items = [
      item('a', 'update_issue', 'Update an existing issue', true),
      item('b', 'update_page', 'Update a page', false),
      item('c', 'update_user', 'Update a user', false),
      item('a', 'delete_issue', 'Delete an issue permanently', true),
    ];
    const examples = destructiveExamples(items, rules);
    expect(examples).toHaveLength(4);
    const byName = new Map(examples.map((e, i) => [e.item.tool, verbGroupOracle(examples)[i]!.score]));
    expect(byName.get('update_issue')).toBeCloseTo(1 / 3);
    expect(byName.get('update_page')).toBeCloseTo(1 / 3);
    expect(byName.get('delete_issue')).toBe(1);
    // with the updates split 1 : 2, recall 1 costs both non-destructive updates
    const t = tradeoff(verbGroupOracle(examples), 1, 0.5);
    expect(t.specificityAtRecall).toBe(0);
    expect(t.recallAtSpecificity).toBe(0.5);
  });

  test('read-only tools and tools without a destructive label are left out', () => {
    const ro: EvalItem = { ...item('a', 'get_issue', 'Get an issue', false), definition: { name: 'get_issue', inputSchema: { type: 'object' }, annotations: { readOnlyHint: true, destructiveHint: false } } };
    const none: EvalItem = { ...item('a', 'list_issues', 'List issues', false), definition: { name: 'list_issues', inputSchema: { type: 'object' }, annotations: { readOnlyHint: false } } };
    expect(destructiveExamples([ro, none], rules)).toEqual([]);
  });
});

describe('word model', () => {
  test('features: name, description, property names and string enum values', () => {
    const f = wordFeatures(item('a', 'manageRecords', 'Manage the records of a table', true, { operation: { type: 'string', enum: ['read', 'purge_all', 3] } }));
    expect(f).toEqual(expect.arrayContaining(['name:manage', 'name:records', 'desc:table', 'prop:operation', 'enum:purge', 'enum:all', 'enum:read']));
    expect(f.some((x) => x.includes('3'))).toBe(false);
  });

  test('a word that marks destructive tools in every family ranks the held-out family right', () => {
    const items: EvalItem[] = [];
    for (const fam of ['a', 'b', 'c', 'd']) {
      items.push(item(fam, `purge_${fam}_cache`, `Purge the ${fam} cache`, true), item(fam, `append_${fam}_note`, `Append a note to ${fam}`, false));
    }
    const examples = destructiveExamples(items, rules);
    const fold = (e: DestructiveExample) => ['a', 'b', 'c', 'd'].indexOf(e.item.family!);
    const t = tradeoff(wordModelScores(examples, fold), 1, 1);
    expect(t.specificityAtRecall).toBe(1);
  });

  test("a fold's own labels never reach its scores", () => {
    const items = [item('a', 'purge_cache', 'Purge the cache', true), item('a', 'add_note', 'Add a note', false), item('b', 'purge_queue', 'Purge the queue', true), item('b', 'add_tag', 'Add a tag', false)];
    const flipped = items.map((i) => (i.family === 'b' ? item('b', i.tool, String(i.definition.description), !(i.definition.annotations as { destructiveHint: boolean }).destructiveHint) : i));
    const fold = (e: DestructiveExample) => (e.item.family === 'a' ? 0 : 1);
    const score = (xs: EvalItem[]) => wordModelScores(destructiveExamples(xs, rules), fold).map((s) => s.score);
    // fold b is scored by a model trained on fold a only: flipping b's labels leaves b's scores alone
    expect(score(flipped).slice(2)).toEqual(score(items).slice(2));
    // and fold a's scores change, since a's model learns from b
    expect(score(flipped).slice(0, 2)).not.toEqual(score(items).slice(0, 2));
  });
});

describe('label consistency', () => {
  test("families whose labels take one value are split from the others, on the held-out figures", () => {
    const items = [
      // every tool true, the create included: a server-wide default
      item('blanket', 'add_comment', 'Add a comment to an issue', true),
      item('blanket', 'delete_folder', 'Delete a folder', true),
      // labels that discriminate
      item('careful', 'add_label', 'Add a label to an issue', false),
      item('careful', 'delete_page', 'Delete a page', true),
      item('careful2', 'add_comment', 'Add a comment', false),
      item('careful2', 'remove_comment', 'Remove a comment', true),
    ];
    const cv = crossValidate(items, SHIPPED_RULES_FILES, { by: 'family', folds: 3, seed: 1 });
    const k = labelConsistency(items, cv, 1);
    expect(k.constantFamilies).toEqual(['blanket']);
    expect(k.constant.destructive.tp + k.constant.destructive.fn).toBe(2);
    expect(k.discriminating.destructive.tp + k.discriminating.destructive.fn).toBe(2);
    expect(k.discriminating.destructive.tn + k.discriminating.destructive.fp).toBe(2);
    // the blanket family's addition is the miss; the careful families' additions are predicted additive
    expect(k.constant.destructiveRecall).toBe(0.5);
    expect(k.discriminating.nonDestructiveRate).toBe(1);
  });
});
