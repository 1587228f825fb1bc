/**
 * Category signals that do not come from the primary verb: description phrases and the shape of the
 * input schema. Also the property matcher shared with modifiers and flags.
 */
import type { Category, Evidence } from '../schema/classification.js';
import type { HintDefaults } from './rules-schema.js';
import type { CompiledPhrase, CompiledPropertyMatch, CompiledSchemaRule, RuleSet } from './rule-set.js';
import type { PropertyView, ToolView } from './tool-view.js';

/** True when the property's name ends with one of the matcher's words and its type/description fit. */
export function propertyMatches(p: PropertyView, m: CompiledPropertyMatch, toolDescription: string): string | undefined {
  const last = p.tokens[p.tokens.length - 1];
  if (last === undefined) return undefined;
  const candidates = m.byLast.get(last);
  if (!candidates) return undefined;
  let word: string | undefined;
  for (const c of candidates) {
    if (c.length > p.tokens.length) continue;
    let ok = true;
    for (let k = 1; k <= c.length; k++) {
      if (p.tokens[p.tokens.length - k] !== c[c.length - k]) {
        ok = false;
        break;
      }
    }
    if (ok) {
      word = c.join(' ');
      break;
    }
  }
  if (word === undefined) return undefined;
  if (m.types && !p.types.some((t) => m.types!.has(t))) return undefined;
  if (m.description && !m.description.test(p.description) && !(m.orToolDescription && m.description.test(toolDescription))) {
    return undefined;
  }
  return word;
}

/** The first property matching any of the matchers. */
export function findProperty(
  view: ToolView,
  matchers: readonly CompiledPropertyMatch[],
): { prop: PropertyView; word: string } | undefined {
  for (const m of matchers) {
    for (const p of view.props) {
      const word = propertyMatches(p, m, view.description);
      if (word !== undefined) return { prop: p, word };
    }
  }
  return undefined;
}

/** A fired rule with its category and evidence. */
export interface CategorySignal {
  readonly ruleId: string;
  readonly category: Category;
  readonly because: string;
  readonly evidence: Evidence[];
  /** Hints implied by the rule that fired (a verb group, or a phrase rule that declares them). */
  readonly hints?: HintDefaults | undefined;
  /** The verb's own category when an object noun changed it ("cancel" + "order": Destructive). */
  readonly from?: Category | undefined;
}

/** Description phrase rules that match the (capped) description. */
export function phraseSignals(view: ToolView, phrases: readonly CompiledPhrase[]): CategorySignal[] {
  const out: CategorySignal[] = [];
  if (!view.description) return out;
  for (const ph of phrases) {
    const m = ph.re.exec(view.description);
    if (m) {
      out.push({
        ruleId: ph.rule.id,
        category: ph.rule.category,
        because: ph.rule.because,
        evidence: [{ rule: ph.rule.id, field: 'description', match: m[0].slice(0, 80) }],
        hints: ph.rule.hints,
      });
    }
  }
  return out;
}

function schemaRuleFires(view: ToolView, r: CompiledSchemaRule): Evidence[] | undefined {
  if (r.unlessDescription && (r.unlessDescription.test(view.description) || r.unlessDescription.test(view.paramsText))) return undefined;
  if (r.anyOf.length > 0) {
    const hit = findProperty(view, r.anyOf);
    if (hit) return [{ rule: r.rule.id, field: hit.prop.path, match: hit.prop.name.slice(0, 80) }];
  }
  if (r.allOf.length > 0) {
    const ev: Evidence[] = [];
    const used = new Set<PropertyView>();
    for (const group of r.allOf) {
      const p = view.props.find((q) => !used.has(q) && propertyMatches(q, group, '') !== undefined);
      if (!p) return undefined;
      used.add(p);
      ev.push({ rule: r.rule.id, field: p.path, match: p.name.slice(0, 80) });
    }
    return ev;
  }
  return undefined;
}

/** Schema rules that fire on the tool's input properties. */
export function schemaSignals(view: ToolView, rules: RuleSet): CategorySignal[] {
  const out: CategorySignal[] = [];
  if (view.props.length === 0) return out;
  for (const r of rules.schema) {
    const evidence = schemaRuleFires(view, r);
    if (evidence) out.push({ ruleId: r.rule.id, category: r.rule.category, because: r.rule.because, evidence });
  }
  return out;
}
