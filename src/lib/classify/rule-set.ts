/**
 * The compiled form of the rules data that `classify` runs on: word lists become sets and maps,
 * patterns become one precompiled regular expression per rule, so classifying a tool compiles nothing.
 */
import type { Category } from '../schema/classification.js';
import type { DestructiveHintRule, ReadOnlyHintRule } from './hint-rules-schema.js';
import type {
  FlagField,
  FlagRule,
  Limits,
  ModifierRule,
  ObjectRule,
  PhraseRule,
  SchemaRule,
  VerbRule,
} from './rules-schema.js';

/** One verb (single word or phrase such as "keep alive") of a verb group. */
export interface CompiledVerb {
  readonly rule: VerbRule;
  /** The word as written in the rules, e.g. "keep alive". */
  readonly word: string;
  readonly tokens: readonly string[];
  /** Often a noun too ("transfer", "order"): weaker than other verbs when choosing the primary verb. */
  readonly nounable: boolean;
}

/** Property matcher: ends-with word lists keyed by last token, optional types and description test. */
export interface CompiledPropertyMatch {
  /** Last token of the property name -> candidate word token lists ending with it. */
  readonly byLast: ReadonlyMap<string, readonly (readonly string[])[]>;
  readonly types: ReadonlySet<string> | undefined;
  readonly description: RegExp | undefined;
  readonly orToolDescription: boolean;
}

/** A compiled object rule. */
export interface CompiledObject {
  readonly rule: ObjectRule;
  readonly words: ReadonlySet<string>;
  readonly description: RegExp | undefined;
  readonly withRules: ReadonlySet<string>;
  readonly withWords: ReadonlySet<string>;
  /** The description says the noun names something else: the object does not apply. */
  readonly unlessDescription: RegExp | undefined;
}

/** A compiled description phrase rule. */
export interface CompiledPhrase {
  readonly rule: PhraseRule;
  readonly re: RegExp;
}

/** A compiled schema rule. */
export interface CompiledSchemaRule {
  readonly rule: SchemaRule;
  readonly anyOf: readonly CompiledPropertyMatch[];
  readonly allOf: readonly CompiledPropertyMatch[];
  /** The description or the parameters' text say the property names something else: the rule does not fire. */
  readonly unlessDescription: RegExp | undefined;
}

/** A compiled risk modifier. */
export interface CompiledModifier {
  readonly rule: ModifierRule;
  readonly nameWords: ReadonlySet<string>;
  /** Combinations of word groups; the name must hit every group of one (`name_all_of`). */
  readonly nameAllOf: readonly (readonly ReadonlySet<string>[])[];
  readonly unlessNameWords: ReadonlySet<string>;
  readonly unlessDescription: RegExp | undefined;
  readonly description: RegExp | undefined;
  readonly properties: readonly CompiledPropertyMatch[];
  readonly flags: ReadonlySet<string>;
  readonly appliesTo: ReadonlySet<Category> | undefined;
}

/** A compiled required-properties shape. */
export interface CompiledRequiredShape {
  readonly atLeast: number;
  /** Property names ending with these words (no type or description condition). */
  readonly words: CompiledPropertyMatch | undefined;
  readonly description: RegExp | undefined;
  readonly noneWords: CompiledPropertyMatch | undefined;
  readonly noneDescription: RegExp | undefined;
}

/** What a compiled hint rule looks at. */
export interface CompiledHintMatch {
  readonly id: string;
  readonly withRules: ReadonlySet<string>;
  readonly exceptWords: ReadonlySet<string>;
  readonly nameWords: ReadonlySet<string>;
  readonly description: RegExp | undefined;
  readonly sentence: RegExp | undefined;
  readonly required: CompiledRequiredShape | undefined;
  readonly ownIdentifier: ReadonlySet<string>;
}

/** A compiled destructiveHint rule. */
export interface CompiledDestructiveHint extends CompiledHintMatch {
  readonly rule: DestructiveHintRule;
}

/** A compiled readOnlyHint rule. */
export interface CompiledReadOnlyHint extends CompiledHintMatch {
  readonly rule: ReadOnlyHintRule;
  readonly appliesTo: ReadonlySet<Category>;
}

/** A compiled per-tool flag. */
export interface CompiledFlag {
  readonly rule: FlagRule;
  readonly fields: ReadonlySet<FlagField>;
  readonly re: RegExp | undefined;
  readonly properties: readonly CompiledPropertyMatch[];
  readonly fromRules: ReadonlySet<string>;
}

/** Everything `classify` needs, compiled once. Build it with `parseRules`, `loadRules` or `defaultRules`. */
export interface RuleSet {
  /** The files the rules came from, in load order. */
  readonly files: readonly string[];
  /** First token -> verbs starting with it, longest phrase first. */
  readonly verbs: ReadonlyMap<string, readonly CompiledVerb[]>;
  readonly verbRules: ReadonlyMap<string, VerbRule>;
  /** First token -> compound nouns starting with it (token lists). */
  readonly compounds: ReadonlyMap<string, readonly (readonly string[])[]>;
  readonly leadIn: ReadonlySet<string>;
  readonly recordNouns: ReadonlySet<string>;
  readonly objects: readonly CompiledObject[];
  readonly phrases: readonly CompiledPhrase[];
  readonly schema: readonly CompiledSchemaRule[];
  readonly modifiers: readonly CompiledModifier[];
  /** destructiveHint rules for Write tools, in order (the first that fires decides). */
  readonly destructiveHints: readonly CompiledDestructiveHint[];
  /** readOnlyHint rules, in order (the first that fires for the tool's category decides). */
  readonly readOnlyHints: readonly CompiledReadOnlyHint[];
  readonly flags: readonly CompiledFlag[];
  readonly openWorld: {
    readonly closed: ReadonlySet<string>;
    readonly open: ReadonlySet<string>;
    /** First words of the two-word entries ("third party"), so single words need no pair lookup. */
    readonly pairStarts: ReadonlySet<string>;
  };
  /** Normalized name (tokens joined by "_") -> the well-known name as listed. */
  readonly commonTools: ReadonlyMap<string, string>;
  readonly limits: Limits;
}

/** Limits used when no rules file sets them. */
export const DEFAULT_LIMITS: Limits = {
  scan_chars: 20_000,
  long_description_chars: 10_000,
  peer_long_factor: 4,
  peer_long_min_chars: 1_000,
  schema_max_depth: 4,
  schema_max_properties: 200,
};
