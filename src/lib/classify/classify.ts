/**
 * `classify(tool)`: category, risk, predicted hints, evidence, flags and a one-line rationale for one
 * tool definition. Pure, deterministic and bounded: the definition is read through `viewTool`
 * (capped text, bounded schema walk), and every pattern was compiled when the rules were loaded.
 */
import { maxRisk, riskRank, type Classification, type Evidence, type Flag } from '../schema/classification.js';
import { HINT_KEYS, type ToolDefinition } from '../schema/tool-definition.js';
import { annotationConflicts } from './conflicts.js';
import { confidenceOf, LOW_CONFIDENCE_FLAG } from './confidence.js';
import { decide } from './decide.js';
import { defaultRules } from './default-rules.js';
import { patternFlags, structuralFlags } from './flags.js';
import { predictHints } from './hints.js';
import { rationaleFor } from './rationale.js';
import type { RuleSet } from './rule-set.js';
import { firedModifiers, riskFor } from './risk.js';
import { viewTool } from './tool-view.js';

/** Rule id of the evidence entries that record hints the server declared. */
export const DECLARED_ANNOTATION_RULE = 'annotation-declared';

function dedupe(evidence: Evidence[]): Evidence[] {
  const seen = new Set<string>();
  return evidence.filter((e) => {
    const key = `${e.rule}\u0000${e.field}\u0000${e.match}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Classifies one tool definition.
 *
 * @param tool a `tools/list` entry; any shape is tolerated (untrusted input never makes this throw)
 * @param rules compiled rules; defaults to the shipped rules
 */
export function classify(tool: ToolDefinition, rules: RuleSet = defaultRules()): Classification {
  const view = viewTool(tool, rules.limits);
  const decision = decide(view, rules);
  const { category } = decision;

  const firedSchema = new Map<string, Evidence>();
  for (const s of decision.signals) {
    if (s.evidence[0]?.field.startsWith('inputSchema')) firedSchema.set(s.ruleId, s.evidence[0]);
  }
  const flags: Flag[] = [...patternFlags(view, rules, firedSchema), ...structuralFlags(view, rules)].map(
    ({ id, message }) => ({ id, message }),
  );
  const flagIds = new Set(flags.map((f) => f.id));

  const preliminary = firedModifiers(category, view, rules, flagIds, decision.noSignal);
  const forcedDestructive = preliminary.some((f) => f.modifier.rule.destructive);
  const predicted = predictHints(decision, view, rules, forcedDestructive);
  const { evidence: hintEvidence } = predicted;
  const confidence = confidenceOf(decision);
  // A weak or contradicted destructive-or-not call falls to the safer side and asks for a review.
  const annotations =
    confidence.level === 'low' && predicted.annotations.readOnlyHint
      ? { ...predicted.annotations, readOnlyHint: false, destructiveHint: true, idempotentHint: false }
      : predicted.annotations;
  if (confidence.level === 'low') {
    flags.push({ id: LOW_CONFIDENCE_FLAG, message: `Low confidence: ${confidence.reason}; treated as possibly destructive until a human reviews it.` });
    flagIds.add(LOW_CONFIDENCE_FLAG);
  }

  const conflicts = annotationConflicts(view.declared, category, annotations, decision.decider?.evidence[0]);
  let fired = preliminary;
  if (conflicts.length > 0) {
    flags.push({
      id: 'annotation-conflict',
      message: `The server ${conflicts.map((c) => c.reason).join('; ')}: ${conflicts.map((c) => c.fix).join('; ')}.`,
    });
    flagIds.add('annotation-conflict');
    fired = firedModifiers(category, view, rules, flagIds, decision.noSignal);
  }
  // A low-confidence verdict is never shown as a confident Low.
  const ruled = riskFor(category, fired);
  const risk = confidence.level === 'low' ? maxRisk(ruled, 'Medium') : ruled;

  const evidence: Evidence[] = [];
  for (const s of decision.signals) evidence.push(...s.evidence);
  for (const f of fired) evidence.push(f.evidence);
  evidence.push(...hintEvidence);
  for (const k of HINT_KEYS) {
    const v = view.declared[k];
    if (v !== undefined) evidence.push({ rule: DECLARED_ANNOTATION_RULE, field: `annotations.${k}`, match: String(v) });
  }

  return {
    category,
    risk,
    annotations,
    evidence: dedupe(evidence),
    flags,
    rationale: rationaleFor(decision, risk, fired, riskRank(risk) > riskRank(ruled) ? confidence.reason : undefined),
    confidence,
  };
}
