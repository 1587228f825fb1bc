/**
 * The primitive value shapes shared by every rules section: words, rule ids and patterns.
 */
import { z } from 'zod';

/** A word or phrase exactly as `tokenize()` would produce it: lowercase words split by single spaces. */
export const WordSchema = z
  .string()
  .regex(/^[\p{Ll}\p{Lo}\p{N}]+( [\p{Ll}\p{Lo}\p{N}]+)*$/u, {
    message: 'expected lowercase words separated by single spaces, as tokenize() splits names (e.g. "keep alive")',
  });

/** A rule id: kebab-case, stable, shown in evidence and on the site. */
export const RuleIdSchema = z.string().regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, {
  message: 'expected a kebab-case id such as "verb-destructive"',
});

/** A regular expression source; compiled case-insensitively with the `u` flag. */
export const PatternSchema = z.string().min(1);
