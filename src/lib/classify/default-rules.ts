/**
 * The shipped rules from the embedded copy, parsed once. Works in a bundle with no files beside it.
 */
import { parseRules, type RuleSet } from './rules.js';
import { SHIPPED_RULES_FILES } from './shipped-rules.generated.js';

let cached: RuleSet | undefined;

/** The shipped rules (`catalog/rules/*.yaml` as embedded at build time), compiled once and reused. */
export function defaultRules(): RuleSet {
  cached ??= parseRules(SHIPPED_RULES_FILES);
  return cached;
}
