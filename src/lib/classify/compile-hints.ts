/**
 * Compiling the matchers of the hint rules (`destructive_hints`, `read_only_hints`).
 */
import { compilePatterns, compileProperty } from './compile-patterns.js';
import type { RequiredShape } from './hint-rules-schema.js';
import type { CompiledHintMatch, CompiledRequiredShape } from './rule-set.js';

/** The rule fields every hint rule shares. */
interface HintMatchRule {
  id: string;
  with_rules: string[];
  except_words: string[];
  name_words: string[];
  description_patterns: string[];
  sentence_patterns: string[];
  required_properties?: RequiredShape | undefined;
  own_identifier: string[];
}

function compileShape(req: RequiredShape, file: string, at: string): CompiledRequiredShape {
  const path = `${at}.required_properties`;
  return {
    atLeast: req.at_least,
    words: req.words.length > 0 ? compileProperty({ words: req.words, or_tool_description: false }, file, path) : undefined,
    description: compilePatterns(req.description_patterns, file, `${path}.description_patterns`),
    noneWords:
      req.none_words.length > 0 ? compileProperty({ words: req.none_words, or_tool_description: false }, file, path) : undefined,
    noneDescription: compilePatterns(req.none_description_patterns, file, `${path}.none_description_patterns`),
  };
}

/**
 * Compiles what a hint rule looks at.
 * @param at the rule's path for error messages, e.g. `destructive_hints[2]`
 * @throws PatternError for an invalid pattern
 */
export function compileHintMatch(rule: HintMatchRule, file: string, at: string): CompiledHintMatch {
  return {
    id: rule.id,
    withRules: new Set(rule.with_rules),
    exceptWords: new Set(rule.except_words),
    nameWords: new Set(rule.name_words),
    description: compilePatterns(rule.description_patterns, file, `${at}.description_patterns`),
    sentence: compilePatterns(rule.sentence_patterns, file, `${at}.sentence_patterns`),
    required: rule.required_properties ? compileShape(rule.required_properties, file, at) : undefined,
    ownIdentifier: new Set(rule.own_identifier),
  };
}
