/**
 * Category decision. The primary verb (name first, else the description's leading verb), upgraded by
 * object nouns, competes with description phrases and schema shapes; the highest category in
 * PRECEDENCE wins, except that a primary verb that changes nothing (reads, pings, self-tests) wins
 * outright ("get_delete_status" is Read). Documented in catalog/rules/README.md ("Precedence").
 */
import type { Category, Evidence } from '../schema/classification.js';
import { precedenceRank } from './precedence.js';
import type { RuleSet } from './rule-set.js';
import { phraseSignals, schemaSignals, type CategorySignal } from './signals.js';
import { forceModifierSignal, operationEnumSignal } from './structure.js';
import type { ToolView } from './tool-view.js';
import { descriptionVerb, endsWithRecordNoun, maskCompounds, nameVerbs, objectFor, type ObjectHit, type VerbHit } from './verbs.js';

export { PRECEDENCE } from './precedence.js';

/** Rule id of the built-in record-noun rule ("withdraw history" reads records of withdrawals). */
export const RECORD_NOUN_RULE = 'record-noun';

/** The outcome of the category contest. */
export interface Decision {
  readonly category: Category;
  /** The signal that decided the category; undefined when nothing fired. */
  readonly decider: CategorySignal | undefined;
  /** The best category that lost, for "rather than ..." in the rationale. */
  readonly runnerUp: Category | undefined;
  /** Every signal that fired, decider first. */
  readonly signals: readonly CategorySignal[];
  /** True when no category rule fired at all. */
  readonly noSignal: boolean;
}

const rank = precedenceRank;

/** A description that limits what a tool runs to reading ("a read-only SQL query", "SELECT-only"). */
const READ_ONLY_RUN = /\bread[- ]?only\b|\bselect[- ]only\b/i;

function verbSignal(hit: VerbHit, tokens: readonly string[], view: ToolView, rules: RuleSet): CategorySignal {
  const rule = hit.verb.rule;
  const verbEvidence: Evidence = { rule: rule.id, field: hit.field, match: hit.matched };
  // A reading verb takes an object only where an object rule names that very verb ("open" + "url").
  const obj = rule.category === 'Read' ? readVerbObject(hit, tokens, view, rules) : objectFor(hit, tokens, view, rules);
  if (obj && obj.object.rule.category !== rule.category) {
    return {
      ruleId: obj.object.rule.id,
      category: obj.object.rule.category,
      because: obj.object.rule.because,
      evidence: [verbEvidence, { rule: obj.object.rule.id, field: obj.field, match: obj.matched.slice(0, 80) }],
      hints: obj.object.rule.hints,
      from: rule.category,
    };
  }
  return { ruleId: rule.id, category: rule.category, because: rule.because, evidence: [verbEvidence], hints: rule.hints };
}

/** An object for a reading verb: only a rule that lists the verb's word in `with_words` applies. */
function readVerbObject(hit: VerbHit, tokens: readonly string[], view: ToolView, rules: RuleSet): ObjectHit | undefined {
  const obj = objectFor(hit, tokens, view, rules);
  return obj && obj.object.withWords.has(hit.verb.word) ? obj : undefined;
}

function recordSignal(noun: string, hit: VerbHit | undefined): CategorySignal {
  const evidence: Evidence[] = [{ rule: RECORD_NOUN_RULE, field: 'name', match: noun }];
  if (hit) evidence.push({ rule: hit.verb.rule.id, field: hit.field, match: hit.matched });
  return {
    ruleId: RECORD_NOUN_RULE,
    category: 'Read',
    because: `its name ends in "${noun}", so it reads records of the action rather than performing it`,
    evidence,
    hints: { readOnly: true, destructive: false, idempotent: true },
  };
}

/** The primary signal, and the name's own verb when the description's verb took its place. */
interface Primary {
  readonly signal: CategorySignal | undefined;
  readonly displaced: VerbHit | undefined;
}

/**
 * The primary signal: the name's verb (the one the description confirms, when it confirms one), the
 * record-noun rule, or the description's verb when the name's verb is noun-like (and the
 * description's is not, or reads) or absent.
 */
function primarySignal(tokens: readonly string[], view: ToolView, rules: RuleSet, dv: VerbHit | undefined): Primary {
  const nv = nameVerbs(tokens, rules);
  const record = endsWithRecordNoun(tokens, rules);
  let p = nv.primary;
  if (dv) {
    // The description says which of the name's words is its verb ("compute_disk_create": "Creates ...").
    const same = nv.all.filter((h) => h.verb.rule === dv.verb.rule);
    const confirmed = same.find((h) => h.verb.word === dv.verb.word) ?? same[0];
    if (confirmed) p = confirmed;
  }
  if (p) {
    // "claim_fees" described as "Claim accrued fees ...": the description says the noun-like verb is the
    // action, so the name's record noun names what it acts on, not records of it
    const actionConfirmed = dv !== undefined && dv.verb.word === p.verb.word;
    if (p.verb.nounable && !nv.strong && record && !p.verb.tokens.includes(record) && !actionConfirmed) {
      return { signal: recordSignal(record, p), displaced: undefined };
    }
    const dvStrongOrReads = dv && (!dv.verb.nounable || dv.verb.rule.category === 'Read');
    if (p.verb.nounable && dv && dvStrongOrReads && dv.verb.rule !== p.verb.rule) {
      return { signal: verbSignal(dv, tokens, view, rules), displaced: p };
    }
    return { signal: verbSignal(p, tokens, view, rules), displaced: undefined };
  }
  if (dv) return { signal: verbSignal(dv, tokens, view, rules), displaced: undefined };
  if (record) return { signal: recordSignal(record, undefined), displaced: undefined };
  return { signal: undefined, displaced: undefined };
}

/** Decides the category of a tool from its bounded view. Pure and deterministic. */
export function decide(view: ToolView, rules: RuleSet): Decision {
  const tokens = maskCompounds(view.nameTokens, rules);
  const dv = descriptionVerb(view, rules);
  const { signal: primary, displaced } = primarySignal(tokens, view, rules, dv);
  const others: CategorySignal[] = [];
  if (displaced) others.push(verbSignal(displaced, tokens, view, rules));
  if (dv && primary && !primary.evidence.some((e) => e.field === 'description' && e.rule === dv.verb.rule.id)) {
    others.push(verbSignal(dv, tokens, view, rules));
  }
  others.push(...phraseSignals(view, rules.phrases), ...schemaSignals(view, rules));
  for (const s of [operationEnumSignal(view, rules), forceModifierSignal(view, rules)]) if (s) others.push(s);
  const all = primary ? [primary, ...others] : others;
  if (all.length === 0) {
    return { category: 'Other', decider: undefined, runnerUp: undefined, signals: [], noSignal: true };
  }
  let winner: CategorySignal = all[0]!;
  // A primary verb that changes nothing (a read, a ping, a self-test) wins outright; a read that only
  // an object noun made of another verb ("run" + "scan") does not, against a parameter that takes code
  // or a command ("percyRunCommand"): that parameter runs, whatever the verb's object.
  // Nor does a name's reading verb win when the description's own verb executes and a parameter takes
  // the code or command it runs ("nodejs_inspect": "Executes JavaScript code", `js_code`), unless the
  // description limits the run to reading ("Run a read-only SQL query").
  const codeParam = others.some((s) => s.category === 'Execute' && s.ruleId.startsWith('schema-'));
  const describedRun = dv !== undefined && dv.verb.rule.category === 'Execute' && codeParam && !READ_ONLY_RUN.test(view.description);
  const inert =
    primary !== undefined &&
    (primary.category === 'Read' || primary.hints?.readOnly === true) &&
    !(primary.from !== undefined && codeParam) &&
    !(primary.evidence[0]?.field === 'name' && describedRun);
  if (!inert) {
    for (const s of all) if (rank(s.category) < rank(winner.category)) winner = s;
  }
  let runnerUp: Category | undefined;
  for (const s of all) {
    if (s.category !== winner.category && (runnerUp === undefined || rank(s.category) < rank(runnerUp))) {
      runnerUp = s.category;
    }
  }
  const signals = [winner, ...all.filter((s) => s !== winner)];
  return { category: winner.category, decider: winner, runnerUp, signals, noSignal: false };
}
