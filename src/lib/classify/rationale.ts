/**
 * The one-sentence rationale, generated from the rules that fired, e.g. "This maps to Destructive
 * rather than Write because it deletes, removes, cancels, closes or shuts down something ("delete"
 * in the name)."
 */
import { riskRank, type Category, type Risk } from '../schema/classification.js';
import { cue } from './conflicts.js';
import type { Decision } from './decide.js';
import { RISK_FLOORS, type FiredModifier } from './risk.js';

/** The category a verdict is contrasted with when no other category's rule fired. */
export const DEFAULT_CONTRAST: Readonly<Record<Category, Category>> = {
  Destructive: 'Write',
  Financial: 'Write',
  Execute: 'Write',
  Write: 'Read',
  Read: 'Write',
  Other: 'Read',
};

/**
 * One sentence explaining the category and, when modifiers or weak evidence raised it, the risk.
 * @param lowConfidence the confidence reason of a low-confidence verdict (its risk is at least Medium)
 */
export function rationaleFor(decision: Decision, risk: Risk, fired: readonly FiredModifier[], lowConfidence?: string): string {
  const { category, decider } = decision;
  let head: string;
  if (!decider) {
    head = `No rule recognised what this tool does, so it maps to ${category}`;
  } else {
    const contrast = decider.from ?? decision.runnerUp ?? DEFAULT_CONTRAST[category];
    const first = decider.evidence[0];
    head = `This maps to ${category} rather than ${contrast} because ${decider.because}${first ? ` (${cue(first)})` : ''}`;
  }
  const floor = RISK_FLOORS[category];
  if (riskRank(risk) > riskRank(floor)) {
    const reasons = [...new Set(fired.filter((f) => !f.modifier.rule.at_most).map((f) => f.modifier.rule.because))];
    if (lowConfidence !== undefined) reasons.push(`the evidence is weak or contradictory (${lowConfidence})`);
    return `${head}, and its risk rises to ${risk} because ${reasons.join(' and ')}.`;
  }
  if (riskRank(risk) < riskRank(floor)) {
    const reasons = [...new Set(fired.filter((f) => f.modifier.rule.at_most).map((f) => f.modifier.rule.because))];
    return `${head}, and its risk is ${risk} rather than ${floor} because ${reasons.join(' and ')}.`;
  }
  // At the floor because a cap took back a raise (free-form SQL limited to read-only queries).
  const caps = fired.filter((f) => f.modifier.rule.at_most);
  if (caps.length > 0 && fired.some((f) => f.modifier.rule.raise > 0)) {
    return `${head}, and its risk stays ${risk} because ${[...new Set(caps.map((f) => f.modifier.rule.because))].join(' and ')}.`;
  }
  return `${head}.`;
}
