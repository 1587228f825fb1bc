/**
 * The shape of the classifier's rules data (`catalog/rules/*.yaml`). Every rules file is one object
 * with any of the sections below; `parseRules` merges the sections of all files, checks ids are unique
 * and cross-references resolve, and compiles the result into a `RuleSet`. What each section means is
 * written down for humans in `catalog/rules/README.md`.
 */
import { z } from 'zod';
import { CategorySchema, RiskSchema } from '../schema/classification.js';
import { DestructiveHintRuleSchema, ReadOnlyHintRuleSchema } from './hint-rules-schema.js';
import { PatternSchema, RuleIdSchema, WordSchema } from './rules-primitives.js';

export { WordSchema, RuleIdSchema, PatternSchema } from './rules-primitives.js';

/** The hints a verb group implies when it decides a tool's category. */
export const HintDefaultsSchema = z
  .object({
    readOnly: z.boolean(),
    destructive: z.boolean(),
    idempotent: z.boolean(),
  })
  .strict();
export type HintDefaults = z.infer<typeof HintDefaultsSchema>;

/** Fields shared by every rule: a stable id, one line for humans, and the rationale fragment. */
const RuleBase = {
  id: RuleIdSchema,
  /** One line for humans: what the rule detects. */
  summary: z.string().min(1),
  /** Finishes "This maps to X rather than Y because ...", e.g. "it deletes, removes, cancels, closes or shuts down something". */
  because: z.string().min(1),
};

/** A group of verbs; the tool's primary verb picks its category and default hints. */
export const VerbRuleSchema = z
  .object({
    ...RuleBase,
    category: CategorySchema,
    hints: HintDefaultsSchema,
    words: z.array(WordSchema).min(1),
    /** Words of this group that are often nouns too ("transfer", "order", "list"): weaker as a verb. */
    nounable: z.array(WordSchema).default([]),
  })
  .strict();
export type VerbRule = z.infer<typeof VerbRuleSchema>;

/** Object nouns that turn an action into another category ("cancel" + "order" is Financial). */
export const ObjectRuleSchema = z
  .object({
    ...RuleBase,
    category: CategorySchema,
    /** Nouns looked for in the name (plurals match too). */
    words: z.array(WordSchema).default([]),
    /** Patterns looked for in the description's first sentence. */
    description_patterns: z.array(PatternSchema).default([]),
    /** Verb rule ids whose verbs this object upgrades. */
    with_rules: z.array(RuleIdSchema).default([]),
    /** Individual verbs this object upgrades, whatever their group. */
    with_words: z.array(WordSchema).default([]),
    /**
     * The object does not apply when the description matches one of these: its noun names something
     * else there (a database transaction, the order of a list).
     */
    unless_description_patterns: z.array(PatternSchema).default([]),
    /** Hints to predict when this object decides the category (else the category's defaults). */
    hints: HintDefaultsSchema.optional(),
  })
  .strict();
export type ObjectRule = z.infer<typeof ObjectRuleSchema>;

/** Description phrases that are a category signal on their own ("cannot be undone"). */
export const PhraseRuleSchema = z
  .object({
    ...RuleBase,
    category: CategorySchema,
    patterns: z.array(PatternSchema).min(1),
    /** Hints to predict when this phrase decides the category (else the category's defaults). */
    hints: HintDefaultsSchema.optional(),
  })
  .strict();
export type PhraseRule = z.infer<typeof PhraseRuleSchema>;

/** Matches input-schema properties by name (last words of the property name), type and description. */
export const PropertyMatchSchema = z
  .object({
    /** The property name, tokenized, must end with one of these. */
    words: z.array(WordSchema).min(1),
    /** JSON Schema types the property must have (any of); absent means any type. */
    types: z.array(z.string()).optional(),
    /** When present, the property's description must match one of these. */
    description_patterns: z.array(PatternSchema).optional(),
    /** Let the tool's description satisfy `description_patterns` too ("Run a SQL query" + `query`). */
    or_tool_description: z.boolean().default(false),
  })
  .strict();
export type PropertyMatch = z.infer<typeof PropertyMatchSchema>;

/** A signal from the shape of the input schema: one matching property, or one of each group. */
export const SchemaRuleSchema = z
  .object({
    ...RuleBase,
    category: CategorySchema,
    /** Any one property matching any entry fires the rule. */
    any_of: z.array(PropertyMatchSchema).default([]),
    /** Fires when, for every group, some property matches that group. */
    all_of: z.array(z.array(WordSchema).min(1)).default([]),
    /**
     * Does not fire when the tool's description or its parameters' names and descriptions match one
     * of these: the property names something else there (an SSH or TLS private key, not a wallet's).
     */
    unless_description_patterns: z.array(PatternSchema).default([]),
  })
  .strict()
  .refine((r) => r.any_of.length > 0 || r.all_of.length > 0, { message: 'needs any_of or all_of' });
export type SchemaRule = z.infer<typeof SchemaRuleSchema>;

/**
 * Something that moves the risk level from the category's floor: raises it (`raise`, `at_least`),
 * or, for a narrow reversible case, caps it (`at_most`).
 */
export const ModifierRuleSchema = z
  .object({
    ...RuleBase,
    /** Levels to raise by (the result is capped at Critical); 0 for a modifier that only sets a bound. */
    raise: z.number().int().min(0).max(3),
    /** Raise to at least this level, whatever the floor. */
    at_least: RiskSchema.optional(),
    /** Cap at this level (applied after every raise, before `at_least`): a reversible case of a category. */
    at_most: RiskSchema.optional(),
    /** Combinations of word groups: fires when, for one combination, the name holds a word of every group (a verb and an object). */
    name_all_of: z.array(z.array(z.array(WordSchema).min(1)).min(1)).default([]),
    /** Does not fire when the name holds one of these words ... */
    unless_name_words: z.array(WordSchema).default([]),
    /** ... or the description matches one of these. */
    unless_description_patterns: z.array(PatternSchema).default([]),
    /** Categories it applies to; absent means all. */
    applies_to: z.array(CategorySchema).optional(),
    /** Predicts destructiveHint: true when it fires (e.g. a `force` flag). */
    destructive: z.boolean().default(false),
    name_words: z.array(WordSchema).default([]),
    description_patterns: z.array(PatternSchema).default([]),
    properties: z.array(PropertyMatchSchema).default([]),
    /** Flag ids (from the flags section or the built-in flags) that trigger it. */
    flags: z.array(RuleIdSchema).default([]),
    /** Fires when no category rule fired at all. */
    no_signal: z.boolean().default(false),
  })
  .strict();
export type ModifierRule = z.infer<typeof ModifierRuleSchema>;

/** Text fields a flag pattern is matched against. `params` = property names and descriptions. */
export const FlagFieldSchema = z.enum(['name', 'title', 'description', 'params']);
export type FlagField = z.infer<typeof FlagFieldSchema>;

/** A per-tool flag detected from text patterns or parameter names. */
export const FlagRuleSchema = z
  .object({
    id: RuleIdSchema,
    summary: z.string().min(1),
    /** Shown to the user; the matched text is appended. */
    message: z.string().min(1),
    fields: z.array(FlagFieldSchema).default(['description']),
    patterns: z.array(PatternSchema).default([]),
    properties: z.array(PropertyMatchSchema).default([]),
    /** Also raised when any of these schema rules fired (e.g. free-form code parameters). */
    from_rules: z.array(RuleIdSchema).default([]),
  })
  .strict();
export type FlagRule = z.infer<typeof FlagRuleSchema>;

/** Bounds on what the classifier reads from one tool, and flag thresholds. */
export const LimitsSchema = z
  .object({
    scan_chars: z.number().int().positive(),
    long_description_chars: z.number().int().positive(),
    peer_long_factor: z.number().positive(),
    peer_long_min_chars: z.number().int().nonnegative(),
    schema_max_depth: z.number().int().positive(),
    schema_max_properties: z.number().int().positive(),
  })
  .strict();
export type Limits = z.infer<typeof LimitsSchema>;

/** One rules file: every section optional; files are merged. */
export const RulesFileSchema = z
  .object({
    verbs: z.array(VerbRuleSchema).optional(),
    /** Compound nouns ("margin call", "order book") whose words are not verbs or objects there. */
    compound_nouns: z.array(WordSchema).optional(),
    /** Words skipped before the leading verb of a description ("This tool allows users to ..."). */
    lead_in_words: z.array(WordSchema).optional(),
    /** Nouns that, ending a name whose only verbs are noun-like, make it a Read ("withdraw history"). */
    record_nouns: z.array(WordSchema).optional(),
    objects: z.array(ObjectRuleSchema).optional(),
    phrases: z.array(PhraseRuleSchema).optional(),
    schema: z.array(SchemaRuleSchema).optional(),
    modifiers: z.array(ModifierRuleSchema).optional(),
    /** Signals for the predicted destructiveHint of Write tools (first match decides). */
    destructive_hints: z.array(DestructiveHintRuleSchema).optional(),
    /** Signals for the predicted readOnlyHint, by category (first match decides). */
    read_only_hints: z.array(ReadOnlyHintRuleSchema).optional(),
    flags: z.array(FlagRuleSchema).optional(),
    /** Words meaning the tool's world is closed (local memory, files) or open (web, APIs, chains). */
    open_world: z
      .object({ closed: z.array(WordSchema).default([]), open: z.array(WordSchema).default([]) })
      .strict()
      .optional(),
    /** Well-known tool names of popular servers; another server reusing one shadows it. */
    common_tools: z.array(z.string().min(1)).optional(),
    limits: LimitsSchema.optional(),
  })
  .strict();
export type RulesFile = z.infer<typeof RulesFileSchema>;
