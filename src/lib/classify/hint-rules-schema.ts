/**
 * The shape of the hint rules (`destructive_hints`, `read_only_hints` in `catalog/rules/hints.yaml`):
 * signals that refine the predicted readOnlyHint and destructiveHint beyond what the deciding verb
 * group implies. Documented for humans in `catalog/rules/README.md` ("Predicted hints").
 */
import { z } from 'zod';
import { CategorySchema } from '../schema/classification.js';
import { PatternSchema, RuleIdSchema, WordSchema } from './rules-primitives.js';

const Word = WordSchema;
const RuleId = RuleIdSchema;
const Pattern = PatternSchema;

/**
 * A shape of the required input properties: at least `at_least` required properties whose name
 * ends with one of `words` or whose description matches `description_patterns`, and no required
 * property matching the `none_*` lists.
 */
export const RequiredShapeSchema = z
  .object({
    at_least: z.number().int().min(1).max(20),
    words: z.array(Word).default([]),
    description_patterns: z.array(Pattern).default([]),
    none_words: z.array(Word).default([]),
    none_description_patterns: z.array(Pattern).default([]),
  })
  .strict()
  .refine((r) => r.words.length > 0 || r.description_patterns.length > 0, {
    message: 'needs words or description_patterns',
  });
export type RequiredShape = z.infer<typeof RequiredShapeSchema>;

/** What a hint rule looks at; any one that matches fires the rule. */
const HintMatchFields = {
  id: RuleId,
  summary: z.string().min(1),
  because: z.string().min(1),
  /** Verb rule ids of the deciding verb this rule applies to; empty means any. */
  with_rules: z.array(RuleId).default([]),
  /** The rule does not apply when the name holds one of these words. */
  except_words: z.array(Word).default([]),
  /** Words looked for in the name. */
  name_words: z.array(Word).default([]),
  /** Patterns looked for in the (capped) description. */
  description_patterns: z.array(Pattern).default([]),
  /** Patterns looked for in the description's first sentence only. */
  sentence_patterns: z.array(Pattern).default([]),
  /** A shape of the required input properties. */
  required_properties: RequiredShapeSchema.optional(),
  /**
   * Identifier words (id, uuid): fires when a required property is the identifier of the very
   * thing the tool acts on, named after the tool name's last word that is not a verb of the
   * deciding group (`test-id` in `loadtesting_test_create`): the caller picks its identity.
   */
  own_identifier: z.array(Word).default([]),
};

function hasMatcher(r: {
  name_words: string[];
  own_identifier: string[];
  description_patterns: string[];
  sentence_patterns: string[];
  required_properties?: unknown;
}): boolean {
  return (
    r.name_words.length > 0 ||
    r.own_identifier.length > 0 ||
    r.description_patterns.length > 0 ||
    r.sentence_patterns.length > 0 ||
    r.required_properties !== undefined
  );
}
const NEEDS = { message: 'needs name_words, description_patterns, sentence_patterns, required_properties or own_identifier' };

/**
 * A signal for the predicted destructiveHint of a Write tool, beyond its verb group's default: an
 * addition that can land on what exists ("create or update", a name-addressed create) is destructive,
 * one that refuses to ("only if it does not exist") is not. The first rule that fires decides.
 */
export const DestructiveHintRuleSchema = z
  .object({
    ...HintMatchFields,
    /** The destructiveHint to predict when the rule fires. */
    destructive: z.boolean(),
  })
  .strict()
  .refine(hasMatcher, NEEDS);
export type DestructiveHintRule = z.infer<typeof DestructiveHintRuleSchema>;

/**
 * A signal for the predicted readOnlyHint of tools of some categories: a query tool whose
 * description says it only reads is read-only (its category stays Execute), a reading tool that must
 * save its output to a path the caller gives is not. The first rule that fires decides.
 */
export const ReadOnlyHintRuleSchema = z
  .object({
    ...HintMatchFields,
    /** Categories it applies to. */
    applies_to: z.array(CategorySchema).min(1),
    /** The readOnlyHint to predict when the rule fires. */
    read_only: z.boolean(),
    /** The destructiveHint to predict when it fires and the tool is not read-only (else the usual rules). */
    destructive: z.boolean().optional(),
  })
  .strict()
  .refine(hasMatcher, NEEDS);
export type ReadOnlyHintRule = z.infer<typeof ReadOnlyHintRuleSchema>;
