/**
 * Category precedence: when signals of several categories fire, the earliest here wins. Written down
 * for humans in catalog/rules/README.md ("Precedence").
 */
import type { Category } from '../schema/classification.js';

/** Highest first. */
export const PRECEDENCE: readonly Category[] = ['Financial', 'Destructive', 'Execute', 'Write', 'Read', 'Other'];

/** Position in PRECEDENCE (0 = wins over everything). */
export function precedenceRank(c: Category): number {
  return PRECEDENCE.indexOf(c);
}
