/**
 * Matching the hint rules (`destructive_hints`, `read_only_hints`) against a tool's bounded view.
 */
import type { Evidence } from '../schema/classification.js';
import type { CompiledHintMatch, CompiledRequiredShape } from './rule-set.js';
import { propertyMatches } from './signals.js';
import type { ToolView } from './tool-view.js';

/** Properties of array items describe each element, not the call's own arguments. */
const ITEMS = '.items.';

/** The names of the required properties matching the shape, or undefined when it does not fit. */
function requiredShapeHits(view: ToolView, shape: CompiledRequiredShape): string[] | undefined {
  const hits: string[] = [];
  for (const p of view.props) {
    if (!p.required || p.path.includes(ITEMS)) continue;
    const none =
      (shape.noneWords && propertyMatches(p, shape.noneWords, '') !== undefined) || shape.noneDescription?.test(p.description);
    if (none) return undefined;
    if ((shape.words && propertyMatches(p, shape.words, '') !== undefined) || shape.description?.test(p.description)) {
      hits.push(p.name);
    }
  }
  return hits.length >= shape.atLeast ? hits : undefined;
}

/** Words that end a name's object phrase ("create_issue_from_template" acts on an issue). */
const PREPOSITIONS: ReadonlySet<string> = new Set(['from', 'to', 'for', 'in', 'into', 'on', 'with', 'by', 'of', 'as', 'at']);

/**
 * The head noun of what the tool acts on: the last word of the name's phrase after its verb of the
 * deciding group (up to a preposition), or the word right before the verb when the verb ends the
 * name (`create_team_label` acts on a label, `loadtesting_test_create` on a test).
 */
function actedOn(view: ToolView, groupWords: readonly string[]): string | undefined {
  const t = view.nameTokens;
  const i = t.findIndex((w) => groupWords.includes(w));
  if (i < 0) return undefined;
  let head: string | undefined;
  for (let j = i + 1; j < t.length && !PREPOSITIONS.has(t[j]!); j++) head = t[j];
  return head ?? t[i - 1];
}

/** A required identifier property named after the thing the tool acts on (`test-id` for a test). */
function ownIdentifierProperty(view: ToolView, words: ReadonlySet<string>, groupWords: readonly string[]): string | undefined {
  let object: string | undefined | null = null;
  for (const p of view.props) {
    if (!p.required || p.path.includes(ITEMS) || p.tokens.length !== 2 || !words.has(p.tokens[1]!)) continue;
    if (object === null) object = actedOn(view, groupWords);
    if (object === undefined) return undefined;
    const head = p.tokens[0]!;
    if (head === object || `${head}s` === object) return p.name;
  }
  return undefined;
}

/**
 * The evidence of a hint rule that fires, or undefined.
 * @param groupWords the words of the deciding verb group (to find what the tool acts on)
 */
export function hintMatch(h: CompiledHintMatch, view: ToolView, groupWords: readonly string[]): Evidence | undefined {
  const id = h.id;
  if (h.nameWords.size > 0) {
    for (const t of view.nameTokens) if (h.nameWords.has(t)) return { rule: id, field: 'name', match: t };
  }
  if (h.description) {
    const m = h.description.exec(view.description);
    if (m) return { rule: id, field: 'description', match: m[0].slice(0, 80) };
  }
  if (h.sentence) {
    const m = h.sentence.exec(view.firstSentence);
    if (m) return { rule: id, field: 'description', match: m[0].slice(0, 80) };
  }
  if (h.required) {
    const hits = requiredShapeHits(view, h.required);
    if (hits) return { rule: id, field: 'inputSchema.required', match: hits.join(', ').slice(0, 80) };
  }
  if (h.ownIdentifier.size > 0) {
    const prop = ownIdentifierProperty(view, h.ownIdentifier, groupWords);
    if (prop !== undefined) return { rule: id, field: 'inputSchema.required', match: prop.slice(0, 80) };
  }
  return undefined;
}

/** The first rule of `list` that applies to the deciding verb rule and fires, with its evidence. */
export function firstHint<T extends CompiledHintMatch>(
  list: readonly T[],
  view: ToolView,
  verbRuleId: string | undefined,
  groupWords: readonly string[],
  applies: (h: T) => boolean = () => true,
): { rule: T; evidence: Evidence } | undefined {
  for (const h of list) {
    if (!applies(h)) continue;
    if (h.withRules.size > 0 && (verbRuleId === undefined || !h.withRules.has(verbRuleId))) continue;
    if (h.exceptWords.size > 0 && view.nameTokens.some((t) => h.exceptWords.has(t))) continue;
    const evidence = hintMatch(h, view, groupWords);
    if (evidence) return { rule: h, evidence };
  }
  return undefined;
}
