/**
 * Compiling the patterns and property matchers of the rules data: each pattern alone (so an invalid
 * one is reported with its file and path), then all of a rule's patterns as one alternation.
 */
import type { PropertyMatch } from './rules-schema.js';
import type { CompiledPropertyMatch } from './rule-set.js';

/** A pattern in the rules data is not a valid regular expression. */
export class PatternError extends Error {
  constructor(
    readonly file: string,
    readonly path: string,
    readonly detail: string,
  ) {
    super(`${file}: ${path}: ${detail}`);
  }
}

/**
 * Flags for a rule's patterns: case-insensitive, and Unicode mode only when a pattern needs it
 * (`\u{...}` code points, `\p{...}` classes). V8 runs `iu` expressions an order of magnitude slower
 * than `i` ones, and most patterns are plain ASCII words.
 */
function flagsFor(patterns: readonly string[]): string {
  return patterns.some((p) => /\\[pP]\{|\\u\{/.test(p)) ? 'iu' : 'i';
}

/** Compiles each pattern alone (to locate errors), then all of them as one alternation. */
/** One regular expression for all patterns (undefined when there are none). @throws PatternError */
export function compilePatterns(patterns: readonly string[], file: string, path: string): RegExp | undefined {
  if (patterns.length === 0) return undefined;
  const flags = flagsFor(patterns);
  patterns.forEach((p, i) => {
    try {
      new RegExp(p, flags);
    } catch (err) {
      const msg = err instanceof Error ? err.message : String(err);
      throw new PatternError(file, `${path}[${i}]`, `invalid regular expression: ${msg}`);
    }
  });
  return new RegExp(patterns.map((p) => `(?:${p})`).join('|'), flags);
}

/** A property matcher: words keyed by last token, optional types and description test. */
export function compileProperty(m: PropertyMatch, file: string, path: string): CompiledPropertyMatch {
  const byLast = new Map<string, string[][]>();
  for (const w of m.words) {
    const toks = w.split(' ');
    const last = toks[toks.length - 1]!;
    const list = byLast.get(last) ?? [];
    list.push(toks);
    byLast.set(last, list);
  }
  return {
    byLast,
    types: m.types ? new Set(m.types) : undefined,
    description: m.description_patterns
      ? compilePatterns(m.description_patterns, file, `${path}.description_patterns`)
      : undefined,
    orToolDescription: m.or_tool_description,
  };
}

