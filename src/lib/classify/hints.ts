/**
 * The classifier's own prediction of the four MCP hints, with the spec's meanings, from the decision
 * alone: a server's declared annotations are never copied (they are checked against this instead).
 *
 * - readOnlyHint: the tool does not modify its environment (Read, and inert Other tools).
 * - destructiveHint: may overwrite or delete existing state; false when read-only; additive verbs
 *   (create, add, append) are not destructive in a closed world (a local graph or folder), unless a
 *   force/overwrite switch says otherwise; in an open world the spec's default (true) stands.
 * - idempotentHint: repeating the call with the same arguments has no further effect.
 * - openWorldHint: reaches external entities (web, APIs, chains) rather than a closed local domain.
 */
import type { Category, PredictedAnnotations } from '../schema/classification.js';
import type { Decision } from './decide.js';
import type { HintDefaults } from './rules-schema.js';
import type { RuleSet } from './rule-set.js';
import type { ToolView } from './tool-view.js';

/** Hints of a category when no verb group or phrase rule says more. Unknown tools get the spec defaults. */
export const CATEGORY_HINTS: Readonly<Record<Category, HintDefaults>> = {
  Read: { readOnly: true, destructive: false, idempotent: true },
  Write: { readOnly: false, destructive: true, idempotent: false },
  Execute: { readOnly: false, destructive: true, idempotent: false },
  Destructive: { readOnly: false, destructive: true, idempotent: true },
  Financial: { readOnly: false, destructive: true, idempotent: false },
  Other: { readOnly: false, destructive: true, idempotent: false },
};

/** Categories whose tools always may destroy or irreversibly spend something. */
const ALWAYS_DESTRUCTIVE: ReadonlySet<Category> = new Set(['Destructive', 'Financial', 'Execute']);

/** True when the name or the description's first words speak of an open world (or of nothing closed). */
export function predictOpenWorld(view: ToolView, category: Category, rules: RuleSet): boolean {
  if (category === 'Financial') return true;
  const { open, closed, pairStarts } = rules.openWorld;
  let sawClosed = false;
  for (const list of [view.nameTokens, view.leadWords]) {
    for (let i = 0; i < list.length; i++) {
      const w = list[i]!;
      if (open.has(w)) return true;
      if (closed.has(w)) sawClosed = true;
      if (pairStarts.has(w) && i + 1 < list.length) {
        const pair = `${w} ${list[i + 1]}`;
        if (open.has(pair)) return true;
        if (closed.has(pair)) sawClosed = true;
      }
    }
  }
  return !sawClosed;
}

/**
 * Predicts the four hints.
 * @param forcedDestructive a modifier (e.g. a `force` or `overwrite` switch) makes the tool destructive
 */
export function predictHints(
  decision: Decision,
  view: ToolView,
  rules: RuleSet,
  forcedDestructive: boolean,
): PredictedAnnotations {
  const { category } = decision;
  const base =
    category === 'Read' ? CATEGORY_HINTS.Read : (decision.decider?.hints ?? CATEGORY_HINTS[category]);
  const readOnly = base.readOnly;
  const openWorld = predictOpenWorld(view, category, rules);
  // Adding to an open world (a cloud resource, a message, a record in someone's service) can collide
  // with or replace what is there and cannot be taken back by the agent: only closed-world additions
  // (a local graph, a local folder) count as purely additive.
  const additiveOutThere = category === 'Write' && openWorld;
  const destructive =
    !readOnly && (base.destructive || forcedDestructive || ALWAYS_DESTRUCTIVE.has(category) || additiveOutThere);
  const idempotent = readOnly || base.idempotent;
  return {
    readOnlyHint: readOnly,
    destructiveHint: destructive,
    idempotentHint: idempotent,
    openWorldHint: openWorld,
  };
}
