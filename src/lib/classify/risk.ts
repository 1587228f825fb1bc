/**
 * Risk: each category has a floor; modifiers raise it (capped at Critical), and a modifier with
 * `at_most` caps it for a narrow reversible case (a removed label can be put back). The order is:
 * floor, plus every raise, capped at Critical, then every `at_most`, then every `at_least`.
 */
import { RISK_LEVELS, riskRank, type Category, type Evidence, type Risk } from '../schema/classification.js';
import type { CompiledModifier, RuleSet } from './rule-set.js';
import { findProperty } from './signals.js';
import type { ToolView } from './tool-view.js';

/** The lowest risk of each category. */
export const RISK_FLOORS: Readonly<Record<Category, Risk>> = {
  Read: 'Low',
  Other: 'Low',
  Write: 'Medium',
  Execute: 'High',
  Destructive: 'Critical',
  Financial: 'Critical',
};

/** A modifier that fired, with what triggered it. */
export interface FiredModifier {
  readonly modifier: CompiledModifier;
  readonly evidence: Evidence;
}

/** What triggers a modifier, or undefined when it does not fire. */
function trigger(m: CompiledModifier, view: ToolView, flagIds: ReadonlySet<string>, noSignal: boolean): Evidence | undefined {
  for (const t of view.nameTokens) if (m.unlessNameWords.has(t)) return undefined;
  if (m.unlessDescription?.test(view.description)) return undefined;
  const id = m.rule.id;
  for (const t of view.nameTokens) if (m.nameWords.has(t)) return { rule: id, field: 'name', match: t };
  for (const groups of m.nameAllOf) {
    const hits = groups.map((group) => view.nameTokens.find((t) => group.has(t)));
    if (hits.every((h) => h !== undefined)) return { rule: id, field: 'name', match: hits.join(' ') };
  }
  if (m.description) {
    const hit = m.description.exec(view.description);
    if (hit) return { rule: id, field: 'description', match: hit[0].slice(0, 80) };
  }
  if (m.properties.length > 0) {
    const p = findProperty(view, m.properties);
    if (p) return { rule: id, field: p.prop.path, match: p.prop.name.slice(0, 80) };
  }
  for (const f of m.flags) if (flagIds.has(f)) return { rule: id, field: 'flags', match: f };
  if (m.rule.no_signal && noSignal) return { rule: id, field: 'name', match: view.name.slice(0, 80) };
  return undefined;
}

/** The modifiers that fire for this tool in this category. */
export function firedModifiers(
  category: Category,
  view: ToolView,
  rules: RuleSet,
  flagIds: ReadonlySet<string>,
  noSignal: boolean,
): FiredModifier[] {
  const out: FiredModifier[] = [];
  for (const m of rules.modifiers) {
    if (m.appliesTo && !m.appliesTo.has(category)) continue;
    const evidence = trigger(m, view, flagIds, noSignal);
    if (evidence) out.push({ modifier: m, evidence });
  }
  return out;
}

/** The category's floor raised by every fired modifier, capped at Critical. */
export function riskFor(category: Category, fired: readonly FiredModifier[]): Risk {
  let level = riskRank(RISK_FLOORS[category]);
  for (const f of fired) level += f.modifier.rule.raise;
  level = Math.min(level, RISK_LEVELS.length - 1);
  for (const f of fired) {
    if (f.modifier.rule.at_most) level = Math.min(level, riskRank(f.modifier.rule.at_most));
  }
  for (const f of fired) {
    if (f.modifier.rule.at_least) level = Math.max(level, riskRank(f.modifier.rule.at_least));
  }
  return RISK_LEVELS[level]!;
}
