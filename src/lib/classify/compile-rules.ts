/**
 * Turns validated, merged rules data into a `RuleSet`: sets, maps and one precompiled regular
 * expression per rule (its patterns joined as alternatives), so `classify` compiles nothing per call.
 */
import type { Category } from '../schema/classification.js';
import { compileHintMatch } from './compile-hints.js';
import { compilePatterns, compileProperty } from './compile-patterns.js';
import type { DestructiveHintRule, ReadOnlyHintRule } from './hint-rules-schema.js';
import type {
  FlagRule,
  Limits,
  ModifierRule,
  ObjectRule,
  PhraseRule,
  SchemaRule,
  VerbRule,
} from './rules-schema.js';
import { DEFAULT_LIMITS, type CompiledVerb, type RuleSet } from './rule-set.js';
import { tokenize } from './tokenize.js';

export { PatternError } from './compile-patterns.js';

/** A rule with where it came from, for error messages. */
export interface Located<T> {
  rule: T;
  file: string;
  index: number;
}

/** All rules files merged, before compiling. */
export interface MergedRules {
  files: string[];
  verbs: Located<VerbRule>[];
  compounds: string[];
  leadIn: string[];
  recordNouns: string[];
  objects: Located<ObjectRule>[];
  phrases: Located<PhraseRule>[];
  schema: Located<SchemaRule>[];
  modifiers: Located<ModifierRule>[];
  destructiveHints: Located<DestructiveHintRule>[];
  readOnlyHints: Located<ReadOnlyHintRule>[];
  flags: Located<FlagRule>[];
  closed: string[];
  open: string[];
  commonTools: string[];
  limits: Limits | undefined;
}

/** Compiles merged rules. @throws PatternError for an invalid pattern. */
export function compileRules(m: MergedRules): RuleSet {
  const verbs = new Map<string, CompiledVerb[]>();
  const verbRules = new Map<string, VerbRule>();
  for (const { rule } of m.verbs) {
    verbRules.set(rule.id, rule);
    const nounable = new Set(rule.nounable);
    for (const word of rule.words) {
      const tokens = word.split(' ');
      const list = verbs.get(tokens[0]!) ?? [];
      list.push({ rule, word, tokens, nounable: nounable.has(word) });
      verbs.set(tokens[0]!, list);
    }
  }
  for (const list of verbs.values()) list.sort((a, b) => b.tokens.length - a.tokens.length);

  const compounds = new Map<string, string[][]>();
  for (const c of m.compounds) {
    const toks = c.split(' ');
    const list = compounds.get(toks[0]!) ?? [];
    list.push(toks);
    compounds.set(toks[0]!, list);
  }

  const commonTools = new Map<string, string>();
  for (const name of m.commonTools) commonTools.set(tokenize(name).join('_'), name);

  return {
    files: m.files,
    verbs,
    verbRules,
    compounds,
    leadIn: new Set(m.leadIn),
    recordNouns: new Set(m.recordNouns),
    objects: m.objects.map(({ rule, file, index }) => ({
      rule,
      words: new Set(rule.words),
      description: compilePatterns(rule.description_patterns, file, `objects[${index}].description_patterns`),
      withRules: new Set(rule.with_rules),
      withWords: new Set(rule.with_words),
      unlessDescription: compilePatterns(rule.unless_description_patterns, file, `objects[${index}].unless_description_patterns`),
    })),
    phrases: m.phrases.map(({ rule, file, index }) => ({
      rule,
      re: compilePatterns(rule.patterns, file, `phrases[${index}].patterns`)!,
    })),
    schema: m.schema.map(({ rule, file, index }) => ({
      rule,
      anyOf: rule.any_of.map((p, j) => compileProperty(p, file, `schema[${index}].any_of[${j}]`)),
      allOf: rule.all_of.map((words) => compileProperty({ words, or_tool_description: false }, file, `schema[${index}].all_of`)),
      unlessDescription: compilePatterns(rule.unless_description_patterns, file, `schema[${index}].unless_description_patterns`),
    })),
    modifiers: m.modifiers.map(({ rule, file, index }) => ({
      rule,
      nameWords: new Set(rule.name_words),
      nameAllOf: rule.name_all_of.map((groups) => groups.map((group) => new Set(group))),
      unlessNameWords: new Set(rule.unless_name_words),
      unlessDescription: compilePatterns(rule.unless_description_patterns, file, `modifiers[${index}].unless_description_patterns`),
      description: compilePatterns(rule.description_patterns, file, `modifiers[${index}].description_patterns`),
      properties: rule.properties.map((p, j) => compileProperty(p, file, `modifiers[${index}].properties[${j}]`)),
      flags: new Set(rule.flags),
      appliesTo: rule.applies_to ? new Set<Category>(rule.applies_to) : undefined,
    })),
    destructiveHints: m.destructiveHints.map(({ rule, file, index }) => ({
      rule,
      ...compileHintMatch(rule, file, `destructive_hints[${index}]`),
    })),
    readOnlyHints: m.readOnlyHints.map(({ rule, file, index }) => ({
      rule,
      appliesTo: new Set<Category>(rule.applies_to),
      ...compileHintMatch(rule, file, `read_only_hints[${index}]`),
    })),
    flags: m.flags.map(({ rule, file, index }) => ({
      rule,
      fields: new Set(rule.fields),
      re: compilePatterns(rule.patterns, file, `flags[${index}].patterns`),
      properties: rule.properties.map((p, j) => compileProperty(p, file, `flags[${index}].properties[${j}]`)),
      fromRules: new Set(rule.from_rules),
    })),
    openWorld: {
      closed: new Set(m.closed),
      open: new Set(m.open),
      pairStarts: new Set([...m.closed, ...m.open].filter((w) => w.includes(' ')).map((w) => w.split(' ')[0]!)),
    },
    commonTools,
    limits: m.limits ?? DEFAULT_LIMITS,
  };
}
