/**
 * The verdict that applies once a human review is taken into account. A review may set the category,
 * the risk, or both, and always gives a reason. Changing the category alone never lowers the risk:
 * to lower it, the reviewer sets `risk` explicitly.
 */
import { maxRisk, type Category, type Classification, type Risk } from '../schema/classification.js';
import type { Review } from '../schema/tool-file.js';
import { RISK_FLOORS } from './risk.js';

/** The verdict shown and used for policy. */
export interface EffectiveVerdict {
  category: Category;
  risk: Risk;
  /** True when a review changed the category or the risk. */
  overridden: boolean;
  /** The review's reason, when there is a review. */
  reason?: string;
}

/**
 * Applies a review to a classification.
 * - review with `risk`: that risk, whatever the category;
 * - review with only `category`: the higher of the classifier's risk and the new category's floor;
 * - review with neither (a note confirming the verdict): the classifier's verdict, with the reason.
 */
export function effectiveVerdict(c: Classification, review?: Review): EffectiveVerdict {
  if (!review) return { category: c.category, risk: c.risk, overridden: false };
  const category = review.category ?? c.category;
  const risk = review.risk ?? (review.category ? maxRisk(c.risk, RISK_FLOORS[category]) : c.risk);
  return {
    category,
    risk,
    overridden: category !== c.category || risk !== c.risk,
    reason: review.reason,
  };
}
