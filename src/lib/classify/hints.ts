/**
 * The classifier's own prediction of the four MCP hints, with the spec's meanings, from the decision
 * alone: a server's declared annotations are never copied (they are checked against this instead).
 *
 * - readOnlyHint: the tool does not modify its environment (Read, and inert Other tools).
 * - destructiveHint: may overwrite or delete existing state; false when read-only. Execute,
 *   Destructive and Financial tools always may; a force/overwrite switch always may. A Write tool
 *   takes its verb group's default (additive verbs such as create, add, append: false; update, set,
 *   edit: true) unless a `destructive_hints` rule fires (the first one decides): an addition that can
 *   land on what exists ("create or update", a create addressed by names the caller picks) is
 *   destructive, one that refuses to ("only if it does not exist") is not.
 * - idempotentHint: repeating the call with the same arguments has no further effect.
 * - openWorldHint: reaches external entities (web, APIs, chains) rather than a closed local domain.
 */
import type { Category, Evidence, PredictedAnnotations } from '../schema/classification.js';
import type { Decision } from './decide.js';
import type { HintDefaults } from './rules-schema.js';
import { firstHint } from './hint-rules.js';
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

/** The predicted hints, and the evidence of the hint rules that decided, if any did. */
export interface HintPrediction {
  readonly annotations: PredictedAnnotations;
  readonly evidence: readonly Evidence[];
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
): HintPrediction {
  const { category } = decision;
  const base =
    category === 'Read' ? CATEGORY_HINTS.Read : (decision.decider?.hints ?? CATEGORY_HINTS[category]);
  const verbRuleId = decision.decider?.ruleId;
  const groupWords = (verbRuleId === undefined ? undefined : rules.verbRules.get(verbRuleId))?.words ?? [];
  const evidence: Evidence[] = [];
  let readOnly = base.readOnly;
  let destructiveOverride: boolean | undefined;
  const ro = firstHint(rules.readOnlyHints, view, verbRuleId, groupWords, (h) => h.appliesTo.has(category));
  if (ro) {
    readOnly = ro.rule.rule.read_only;
    destructiveOverride = ro.rule.rule.destructive;
    evidence.push(ro.evidence);
  }
  let destructive = false;
  if (!readOnly) {
    if (forcedDestructive || ALWAYS_DESTRUCTIVE.has(category)) destructive = true;
    else if (destructiveOverride !== undefined) destructive = destructiveOverride;
    else if (category === 'Write') {
      const hit = firstHint(rules.destructiveHints, view, verbRuleId, groupWords);
      destructive = hit ? hit.rule.rule.destructive : base.destructive;
      if (hit) evidence.push(hit.evidence);
    } else destructive = base.destructive;
  }
  return {
    annotations: {
      readOnlyHint: readOnly,
      destructiveHint: destructive,
      idempotentHint: readOnly || base.idempotent,
      openWorldHint: predictOpenWorld(view, category, rules),
    },
    evidence,
  };
}
