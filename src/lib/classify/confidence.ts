/**
 * How firmly a verdict is supported: high when the name's verb decides and nothing contradicts it,
 * medium when the description or the schema alone decides or another category's rule also fired,
 * low when no rule fired or a read-only verdict is contradicted by a verb or phrase that destroys
 * state. A low-confidence call falls to the safer side (not read-only, may be destructive) and is
 * flagged for review (classify.ts). Documented in catalog/rules/README.md ("Confidence").
 */
import type { Category, Confidence } from '../schema/classification.js';
import type { Decision } from './decide.js';
import type { CategorySignal } from './signals.js';

/** Flag id of a low-confidence verdict. */
export const LOW_CONFIDENCE_FLAG = 'low-confidence';

const CHANGES: ReadonlySet<Category> = new Set(['Destructive', 'Execute', 'Financial', 'Write']);

function where(s: CategorySignal): string {
  const e = s.evidence[0];
  if (!e) return s.ruleId;
  const field = e.field === 'name' || e.field === 'description' ? `the ${e.field}` : e.field.startsWith('inputSchema') ? 'a parameter' : e.field;
  return `"${e.match.slice(0, 40)}" in ${field} (${s.ruleId})`;
}

/** The confidence of a decision. */
export function confidenceOf(decision: Decision): Confidence {
  const d = decision.decider;
  if (decision.noSignal || !d) return { level: 'low', reason: 'no rule recognised what the tool does' };
  const others = decision.signals.slice(1);
  const reads = d.category === 'Read' || d.hints?.readOnly === true;
  const contra = others.find((s) => (reads ? CHANGES.has(s.category) && s.hints?.readOnly !== true : s.category === 'Read' || s.hints?.readOnly === true));
  // Only a verb or phrase that destroys state, in the name or the description, makes a read doubtful
  // ("get" + "deletes the cache"); a filter enum or "runs a query" does not.
  const destroys = others.find((s) => s.category === 'Destructive' && (s.evidence[0]?.field === 'name' || s.evidence[0]?.field === 'description'));
  if (reads && destroys) {
    return { level: 'low', reason: `${where(d)} says it changes nothing, but ${where(destroys)} says it destroys state` };
  }
  if (contra) return { level: 'medium', reason: `${where(d)} decided over ${where(contra)}` };
  if (d.evidence[0]?.field !== 'name') {
    // The name may hold a verb the rules know that says less (an "update" that takes a command).
    const named = others.find((s) => s.evidence[0]?.field === 'name');
    return { level: 'medium', reason: named ? `${where(d)} decided over ${where(named)}` : `only ${where(d)} decided: the name has no verb the rules know` };
  }
  const confirmed = others.some((s) => s.category === d.category);
  return { level: 'high', reason: confirmed ? `the name's verb (${where(d)}) and the description agree` : `the name's verb decides (${where(d)}) and no other rule contradicts it` };
}
