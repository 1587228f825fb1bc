/**
 * Category and risk agreement with the hand-labelled set (`eval/category-labels.jsonl`, one JSON
 * object a line: server, tool, category, risk, why), labelled from the definitions by the rules of
 * catalog/rules/README.md without running the classifier. Each labelled tool is looked up in the
 * corpus and classified with its annotations removed.
 */
import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { CatalogError, parseWithIssues } from '../catalog/errors.js';
import { classify, type RuleSet } from '../classify/index.js';
import { CATEGORIES, CategorySchema, RiskSchema, type Category, type Risk } from '../schema/index.js';
import { stripAnnotations } from './labels.js';
import { ratio, type EvalItem } from './measure.js';

export const CategoryLabelSchema = z
  .object({ server: z.string().min(1), tool: z.string().min(1), category: CategorySchema, risk: RiskSchema, why: z.string() })
  .passthrough();
export type CategoryLabel = z.infer<typeof CategoryLabelSchema>;

/** Reads the labels file; an absent file is no labels. Bad lines fail with the file, line and field. */
export function readCategoryLabels(file: string): CategoryLabel[] {
  if (!existsSync(file)) return [];
  const out: CategoryLabel[] = [];
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, n) => {
      if (line.trim() === '') return;
      const where = `${file}:${n + 1}`;
      let data: unknown;
      try {
        data = JSON.parse(line);
      } catch (e) {
        throw new CatalogError(where, '', `not valid JSON (${(e as Error).message.split('\n')[0]})`);
      }
      out.push(parseWithIssues(CategoryLabelSchema, data, where));
    });
  return out;
}

/** Precision and recall of one category. */
export interface CategoryScore {
  readonly category: Category;
  /** Labelled with this category. */
  readonly labelled: number;
  /** Predicted with this category (among labelled tools). */
  readonly predicted: number;
  readonly correct: number;
  readonly precision: number | undefined;
  readonly recall: number | undefined;
}

/** One tool where the label and the prediction differ. */
export interface CategoryMiss {
  readonly server: string;
  readonly tool: string;
  readonly label: Category;
  readonly labelRisk: Risk;
  readonly predicted: Category;
  readonly predictedRisk: Risk;
  readonly decidingRule: string | undefined;
}

export interface CategoryReport {
  /** Labels whose server and tool were found in the corpus. */
  readonly matched: number;
  /** Labels naming a tool the corpus does not hold. */
  readonly unmatched: number;
  readonly correct: number;
  readonly accuracy: number | undefined;
  readonly riskAgreement: number | undefined;
  readonly riskAgreeing: number;
  readonly perCategory: readonly CategoryScore[];
  readonly misses: readonly CategoryMiss[];
}

/** Category accuracy, per-category precision and recall and risk agreement on the labelled tools. */
export function categoryAgreement(labels: readonly CategoryLabel[], items: readonly EvalItem[], rules: RuleSet): CategoryReport {
  const byKey = new Map(items.map((i) => [`${i.server}\u0000${i.tool}`, i]));
  let matched = 0;
  let correct = 0;
  let riskAgreeing = 0;
  const counts = new Map<Category, { labelled: number; predicted: number; correct: number }>(CATEGORIES.map((c) => [c, { labelled: 0, predicted: 0, correct: 0 }]));
  const misses: CategoryMiss[] = [];
  const seen = new Set<string>();
  for (const l of labels) {
    const key = `${l.server}\u0000${l.tool}`;
    const item = byKey.get(key);
    if (!item || seen.has(key)) continue;
    seen.add(key);
    matched++;
    const c = classify(stripAnnotations(item.definition), rules);
    counts.get(l.category)!.labelled++;
    counts.get(c.category)!.predicted++;
    if (c.risk === l.risk) riskAgreeing++;
    if (c.category === l.category) {
      correct++;
      counts.get(l.category)!.correct++;
    } else {
      const decider = c.evidence.find((e) => e.rule !== 'annotation-declared');
      misses.push({ server: l.server, tool: l.tool, label: l.category, labelRisk: l.risk, predicted: c.category, predictedRisk: c.risk, decidingRule: decider ? `${decider.rule}:${decider.match}` : undefined });
    }
  }
  return {
    matched,
    unmatched: labels.length - matched,
    correct,
    accuracy: ratio(correct, matched),
    riskAgreement: ratio(riskAgreeing, matched),
    riskAgreeing,
    perCategory: CATEGORIES.map((category) => {
      const n = counts.get(category)!;
      return { category, ...n, precision: ratio(n.correct, n.predicted), recall: ratio(n.correct, n.labelled) };
    }),
    misses,
  };
}
