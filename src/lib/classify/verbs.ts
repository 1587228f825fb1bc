/**
 * Finding a tool's primary verb: in its name first, else at the head of its description, and the
 * object nouns that change what the verb means ("cancel" + "order").
 */
import { precedenceRank } from './precedence.js';
import type { CompiledObject, CompiledVerb, RuleSet } from './rule-set.js';
import type { ToolView } from './tool-view.js';

/** A verb found in the name or description. */
export interface VerbHit {
  readonly verb: CompiledVerb;
  /** Token index in the name, or word index in the description's first sentence. */
  readonly index: number;
  readonly field: 'name' | 'description';
  /** The text as matched, e.g. "keep alive" or "retrieves". */
  readonly matched: string;
}

/** What the name says about the primary verb. */
export interface NameVerbs {
  /** The primary verb of the name, if any. */
  readonly primary: VerbHit | undefined;
  /** The first verb of the name that is not noun-like, if any. */
  readonly strong: VerbHit | undefined;
  /** Every verb of the name, in order. */
  readonly all: readonly VerbHit[];
}

/** Words that join coordinated verbs: "create or update", "list, create, close or select". */
const JOINERS: ReadonlySet<string> = new Set(['or', 'and']);
/** Words after which a description word is a noun ("a set of", "the order"). */
const DETERMINERS: ReadonlySet<string> = new Set(['a', 'an', 'the', 'this', 'that', 'your', 'its', 'their', 'each', 'every', 'any', 'some']);

/** The more dangerous of two verbs: higher category precedence, then the one that destroys state. */
function moreDangerous(a: VerbHit, b: VerbHit): VerbHit {
  const ra = precedenceRank(a.verb.rule.category);
  const rb = precedenceRank(b.verb.rule.category);
  if (ra !== rb) return ra < rb ? a : b;
  return !a.verb.rule.hints.destructive && b.verb.rule.hints.destructive ? b : a;
}

/**
 * The tokens with every compound noun ("margin call", "order book") blanked out, same length, so
 * its words are neither verbs nor objects.
 */
export function maskCompounds(tokens: readonly string[], rules: RuleSet): readonly string[] {
  if (rules.compounds.size === 0) return tokens;
  let out: string[] | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const candidates = rules.compounds.get(tokens[i]!);
    if (!candidates) continue;
    for (const c of candidates) {
      if (c.every((t, k) => tokens[i + k] === t)) {
        out ??= [...tokens];
        for (let k = 0; k < c.length; k++) out[i + k] = '';
        i += c.length - 1;
        break;
      }
    }
  }
  return out ?? tokens;
}

/** Inflected forms a description uses for a verb: "retrieves" -> "retrieve", "fetches" -> "fetch". */
function baseForms(word: string): string[] {
  const out: string[] = [];
  if (word.length > 3 && word.endsWith('ies')) out.push(`${word.slice(0, -3)}y`);
  if (word.length > 3 && word.endsWith('es')) out.push(word.slice(0, -2));
  if (word.length > 2 && word.endsWith('s') && !word.endsWith('ss')) out.push(word.slice(0, -1));
  return out;
}

function matchForm(tokens: readonly string[], i: number, form: string, rules: RuleSet): CompiledVerb | undefined {
  const candidates = rules.verbs.get(form);
  if (!candidates) return undefined;
  for (const c of candidates) {
    let ok = true;
    for (let k = 1; k < c.tokens.length; k++) {
      if (tokens[i + k] !== c.tokens[k]) {
        ok = false;
        break;
      }
    }
    if (ok) return c;
  }
  return undefined;
}

function matchAt(tokens: readonly string[], i: number, rules: RuleSet, inflected: boolean): CompiledVerb | undefined {
  const first = tokens[i]!;
  if (first === '') return undefined;
  const exact = matchForm(tokens, i, first, rules);
  if (exact || !inflected || !first.endsWith('s')) return exact;
  for (const form of baseForms(first)) {
    const v = matchForm(tokens, i, form, rules);
    if (v) return v;
  }
  return undefined;
}

/**
 * The primary verb of a name: the first verb that is not noun-like; a noun-like verb ("transfer",
 * "order") only when it is the name's first word or no other verb follows it. Plural forms are
 * nouns ("orders"), so names match verbs exactly.
 */
export function nameVerbs(tokens: readonly string[], rules: RuleSet): NameVerbs {
  let firstNoun: VerbHit | undefined;
  let strong: VerbHit | undefined;
  const all: VerbHit[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const v = matchAt(tokens, i, rules, false);
    if (!v) continue;
    let hit: VerbHit = { verb: v, index: i, field: 'name', matched: v.word };
    i += v.tokens.length - 1;
    // "get_or_create": coordinated verbs act as one, the most dangerous deciding.
    while (JOINERS.has(tokens[i + 1] ?? '')) {
      const next = matchAt(tokens, i + 2, rules, false);
      if (!next) break;
      const nextHit: VerbHit = { verb: next, index: i + 2, field: 'name', matched: next.word };
      hit = moreDangerous(hit, nextHit);
      i += 1 + next.tokens.length;
    }
    all.push(hit);
    if (hit.verb.nounable) firstNoun ??= hit;
    else strong ??= hit;
  }
  const primary = firstNoun && (firstNoun.index === 0 || !strong) ? firstNoun : strong;
  return { primary, strong, all };
}

/**
 * The leading verb of a description: the first verb among the first three words of its first
 * sentence that are not lead-in words ("This tool allows users to ..."). Third-person forms count.
 * A noun-like verb counts only as the first of those words ("Whitelist of trading pairs" has none).
 * When that sentence has none, a label skipped before a spaced dash is read the same way.
 */
export function descriptionVerb(view: ToolView, rules: RuleSet): VerbHit | undefined {
  return (
    leadVerb(view.leadWords, view.leadListed, rules) ??
    // "Get weather for a location — current conditions, ...": the label skipped as an opener was the sentence
    (view.labelWords.length > 0 ? leadVerb(view.labelWords, view.labelListed, rules) : undefined)
  );
}

/** The leading verb among `words` (lowercase, with their list separators), as `descriptionVerb` reads it. */
function leadVerb(words: readonly string[], listed: readonly boolean[], rules: RuleSet): VerbHit | undefined {
  const w = maskCompounds(words, rules);
  let looked = 0;
  for (let i = 0; i < w.length && looked < 3; i++) {
    if (rules.leadIn.has(w[i]!)) continue;
    looked++;
    if (looked > 1 && DETERMINERS.has(w[i - 1]!)) continue;
    const v = matchAt(w, i, rules, true);
    if (v && v.nounable && looked > 1) continue;
    if (v) {
      let hit: VerbHit = { verb: v, index: i, field: 'description', matched: w.slice(i, i + v.tokens.length).join(' ') };
      // "List, create, close, or select a tab": every coordinated verb counts, the most dangerous decides.
      let j = i + v.tokens.length;
      let joined = false;
      while (j < w.length) {
        if (JOINERS.has(w[j]!)) {
          joined = true;
          j++;
          continue;
        }
        // Only listed verbs count ("Close/delete", "List, create or select"), not "Get withdraw history".
        if (!joined && !listed[j]) break;
        joined = false;
        const next = matchAt(w, j, rules, true);
        if (!next) break;
        const nextHit: VerbHit = { verb: next, index: j, field: 'description', matched: w.slice(j, j + next.tokens.length).join(' ') };
        hit = moreDangerous(hit, nextHit);
        j += next.tokens.length;
      }
      return hit;
    }
  }
  return undefined;
}

/** True when the name ends with a record noun ("history", "status"): it reads records of an action. */
export function endsWithRecordNoun(tokens: readonly string[], rules: RuleSet): string | undefined {
  const last = tokens[tokens.length - 1];
  return last !== undefined && tokens.length > 1 && rules.recordNouns.has(last) ? last : undefined;
}

/** An object noun that upgraded a verb. */
export interface ObjectHit {
  readonly object: CompiledObject;
  readonly field: 'name' | 'description';
  readonly matched: string;
}

/** True when `words` holds the word or its singular ("orders" -> "order"). */
function hasWord(words: ReadonlySet<string>, word: string): boolean {
  if (words.has(word)) return true;
  if (!word.endsWith('s')) return false;
  return baseForms(word).some((f) => words.has(f));
}

/**
 * The first object rule that upgrades this verb and whose noun is in the name or first sentence,
 * unless the description says the noun names something else there.
 * @param nameTokens the name's tokens with compound nouns masked (see `maskCompounds`)
 */
export function objectFor(
  hit: VerbHit,
  nameTokens: readonly string[],
  view: ToolView,
  rules: RuleSet,
): ObjectHit | undefined {
  for (const o of rules.objects) {
    if (!o.withRules.has(hit.verb.rule.id) && !o.withWords.has(hit.verb.word)) continue;
    if (o.unlessDescription?.test(view.description)) continue;
    const toks = nameTokens;
    for (let i = 0; i < toks.length; i++) {
      if (hit.field === 'name' && i >= hit.index && i < hit.index + hit.verb.tokens.length) continue;
      // The verb's own word is never its object ("Transfer an issue" in a tool named transfer_issue).
      if (toks[i] === '' || hit.verb.tokens.includes(toks[i]!)) continue;
      if (hasWord(o.words, toks[i]!)) return { object: o, field: 'name', matched: toks[i]! };
    }
    if (o.description) {
      const m = o.description.exec(view.firstSentence);
      if (m) return { object: o, field: 'description', matched: m[0] };
    }
  }
  return undefined;
}
