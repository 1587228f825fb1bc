/**
 * Words, URL segments and ordering for risk levels and categories. Pages never show a level by colour
 * alone: every badge carries one of these words.
 */
import { CATEGORIES, RISK_LEVELS, riskRank, type Category, type Risk } from '../schema/index.js';

/** One sentence per risk level, shown beside the level on badges and banners. */
export const RISK_MEANING: Record<Risk, string> = {
  Low: 'Reads or reports; misuse is unlikely to cause lasting harm.',
  Medium: 'Changes state or reaches outside systems; misuse can cause limited, recoverable harm.',
  High: 'Changes important state or runs actions; misuse can cause serious harm that is hard to undo.',
  Critical: 'Deletes, pays or executes; misuse can cause irreversible harm or loss.',
};

/** One sentence per category, used on tool and category pages. */
export const CATEGORY_MEANING: Record<Category, string> = {
  Read: 'reads or lists data without changing it',
  Write: 'creates or changes data or state',
  Execute: 'runs code, commands or workflows',
  Destructive: 'deletes, closes or irreversibly ends something',
  Financial: 'moves money or places trades',
  Other: 'does something none of the other categories describe',
};

/** Lowercase URL segment of a risk level (`Critical` -> `critical`). */
export function riskSegment(risk: Risk): string {
  return risk.toLowerCase();
}

/** Lowercase URL segment of a category (`Destructive` -> `destructive`). */
export function categorySegment(category: Category): string {
  return category.toLowerCase();
}

/** The risk level whose URL segment is `segment`, or undefined. */
export function riskFromSegment(segment: string): Risk | undefined {
  return RISK_LEVELS.find((r) => riskSegment(r) === segment.toLowerCase());
}

/** The category whose URL segment is `segment`, or undefined. */
export function categoryFromSegment(segment: string): Category | undefined {
  return CATEGORIES.find((c) => categorySegment(c) === segment.toLowerCase());
}

/** Risk levels from most to least dangerous (display order). */
export const RISKS_DESC: readonly Risk[] = [...RISK_LEVELS].reverse();

/** Category display order: the most dangerous kinds first. */
export const CATEGORY_ORDER: readonly Category[] = ['Destructive', 'Financial', 'Execute', 'Write', 'Read', 'Other'];

/** Sort rank of a category in display order (0 = shown first). */
export function categoryRank(category: Category): number {
  const i = CATEGORY_ORDER.indexOf(category);
  return i < 0 ? CATEGORY_ORDER.length : i;
}

/** Comparator: most dangerous first (risk, then category), then by name. */
export function compareDanger(
  a: { risk: Risk; category: Category; name: string },
  b: { risk: Risk; category: Category; name: string },
): number {
  return (
    riskRank(b.risk) - riskRank(a.risk) ||
    categoryRank(a.category) - categoryRank(b.category) ||
    (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)
  );
}

/** `1 tool`, `2 tools`. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}
