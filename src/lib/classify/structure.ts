/**
 * Category signals read from a tool's structure rather than from one word: the values an
 * operation-like parameter accepts, and a force / override / bypass modifier on the tool's verb.
 * Both are general mechanisms over the rules' verb groups (no word of their own names a category).
 * Documented in catalog/rules/README.md ("Operation parameters", "Force modifiers").
 */
import type { Evidence } from '../schema/classification.js';
import { precedenceRank } from './precedence.js';
import type { CompiledVerb, RuleSet } from './rule-set.js';
import type { CategorySignal } from './signals.js';
import { tokenize } from './tokenize.js';
import type { ToolView } from './tool-view.js';
import { maskCompounds, objectFor } from './verbs.js';

/** Rule id of the operation-parameter signal. */
export const OPERATION_ENUM_RULE = 'schema-operation-enum';
/** Rule id of the force-modifier signal. */
export const FORCE_MODIFIER_RULE = 'modifier-force';

/** Parameter names (last word) that choose what a multi-operation tool does. */
const OPERATION_PARAMS: ReadonlySet<string> = new Set(['operation', 'operations', 'action', 'actions', 'method', 'op', 'mode', 'verb', 'command', 'subcommand', 'task']);
/** Words that widen a verb past its usual safeguards ("force unlock", "override lock", "bypass checks"). */
const FORCE_WORDS: ReadonlySet<string> = new Set(['force', 'forced', 'forcibly', 'forcefully', 'override', 'overriding', 'bypass', 'bypassing']);

function verbAt(tokens: readonly string[], i: number, rules: RuleSet): CompiledVerb | undefined {
  const first = tokens[i];
  if (!first) return undefined;
  const forms = [first];
  if (first.length > 3 && first.endsWith('es')) forms.push(first.slice(0, -2));
  if (first.length > 2 && first.endsWith('s') && !first.endsWith('ss')) forms.push(first.slice(0, -1));
  for (const f of forms) {
    for (const c of rules.verbs.get(f) ?? []) if (c.tokens.every((t, k) => k === 0 || tokens[i + k] === t)) return c;
  }
  return undefined;
}

/** The most dangerous verb among a value's words (an enum value such as "delete_index" or "DELETE"). */
function valueVerb(value: string, rules: RuleSet): CompiledVerb | undefined {
  const tokens = tokenize(value, 8);
  let best: CompiledVerb | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const v = verbAt(tokens, i, rules);
    if (v && (!best || precedenceRank(v.rule.category) < precedenceRank(best.rule.category) || (precedenceRank(v.rule.category) === precedenceRank(best.rule.category) && v.rule.hints.destructive && !best.rule.hints.destructive))) best = v;
  }
  return best;
}

/**
 * The operation-parameter signal: an `operation` / `action` / `method` / `mode`... parameter whose
 * enum values name verbs says what the tool can do; the most dangerous value decides (`["list",
 * "get", "delete"]`: Destructive; `["GET", "POST"]`: Write). Undefined when no such enum names a
 * verb, or when every value only reads (a name verb then keeps its own meaning).
 */
export function operationEnumSignal(view: ToolView, rules: RuleSet): CategorySignal | undefined {
  let best: { verb: CompiledVerb; value: string; path: string } | undefined;
  for (const p of view.props) {
    if (p.enumValues.length < 2 || !OPERATION_PARAMS.has(p.tokens[p.tokens.length - 1] ?? '')) continue;
    for (const value of p.enumValues) {
      const v = valueVerb(value, rules);
      if (!v) continue;
      if (!best || precedenceRank(v.rule.category) < precedenceRank(best.verb.rule.category) || (precedenceRank(v.rule.category) === precedenceRank(best.verb.rule.category) && v.rule.hints.destructive && !best.verb.rule.hints.destructive)) {
        best = { verb: v, value, path: p.path };
      }
    }
  }
  if (!best || best.verb.rule.category === 'Read' || best.verb.rule.hints.readOnly) return undefined;
  // The same object nouns that change a verb's meaning in a name change it here ("close" + "tab": Write).
  const hit = { verb: best.verb, index: -1, field: 'name' as const, matched: best.value };
  const obj = objectFor(hit, maskCompounds(view.nameTokens, rules), view, rules);
  const evidence: Evidence[] = [{ rule: OPERATION_ENUM_RULE, field: best.path, match: best.value.slice(0, 40) }];
  if (obj && obj.object.rule.category !== best.verb.rule.category) {
    return {
      ruleId: OPERATION_ENUM_RULE,
      category: obj.object.rule.category,
      because: `its operation parameter accepts "${best.value.slice(0, 40)}": ${obj.object.rule.because}`,
      evidence: [...evidence, { rule: obj.object.rule.id, field: obj.field, match: obj.matched.slice(0, 80) }],
      hints: obj.object.rule.hints ?? best.verb.rule.hints,
      from: best.verb.rule.category,
    };
  }
  return {
    ruleId: OPERATION_ENUM_RULE,
    category: best.verb.rule.category,
    because: `its operation parameter accepts "${best.value.slice(0, 40)}": ${best.verb.rule.because}`,
    evidence,
    hints: best.verb.rule.hints,
  };
}

/**
 * The force-modifier signal: a force / override / bypass word right before or after a verb that
 * changes state, in the name or the describing sentence ("force_unlock", "Force-push a branch",
 * "override the lock"): Destructive (the safeguard that keeps the change reversible is skipped).
 */
export function forceModifierSignal(view: ToolView, rules: RuleSet): CategorySignal | undefined {
  const fields: { field: 'name' | 'description'; tokens: readonly string[] }[] = [
    { field: 'name', tokens: view.nameTokens },
    { field: 'description', tokens: view.leadWords },
  ];
  for (const { field, tokens } of fields) {
    for (let i = 0; i < tokens.length; i++) {
      if (!FORCE_WORDS.has(tokens[i]!)) continue;
      for (const j of [i + 1, i - 1]) {
        const v = j >= 0 ? verbAt(tokens, j, rules) : undefined;
        if (!v || v.rule.category === 'Read' || v.rule.hints.readOnly || v.rule.category === 'Financial') continue;
        const evidence: Evidence = { rule: FORCE_MODIFIER_RULE, field, match: `${tokens[Math.min(i, j)]} ${tokens[Math.max(i, j)]}` };
        return {
          ruleId: FORCE_MODIFIER_RULE,
          category: 'Destructive',
          because: 'its verb is forced past the safeguards that keep the change reversible',
          evidence: [evidence],
          hints: { readOnly: false, destructive: true, idempotent: false },
        };
      }
    }
  }
  return undefined;
}
