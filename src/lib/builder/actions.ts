/**
 * What the builder lets a user choose for one tool, and the one- or few-character codes the URL
 * state stores it as: `h` hide, `d` deny, `p` require approval (prompt), `a` allow and
 * `r<max>-<window>` rate limit (e.g. `r10-60`: ten calls in any 60 seconds). The recommended
 * choice for a verdict comes from the policy library's risk -> action mapping.
 */
import { mappingEntryFor, type PolicyMapping, type Verdict } from '../policy/mapping.js';
import { SHIPPED_POLICY_MAPPING } from '../policy/mapping-data.js';
import type { RateLimit } from '../schema/policy.js';

/** One tool's treatment in a builder policy (a mapping entry without its reason). */
export type Choice =
  | { action: 'hide' }
  | { action: 'deny' }
  | { action: 'require_approval' }
  | { action: 'allow' }
  | { action: 'rate_limit'; rate_limit: RateLimit };

/** The actions, strictest first (the order of the action `<select>`). */
export const CHOICE_ACTIONS = ['hide', 'deny', 'require_approval', 'rate_limit', 'allow'] as const;
/** One of `CHOICE_ACTIONS`. */
export type ChoiceAction = (typeof CHOICE_ACTIONS)[number];

const CODES: Record<ChoiceAction, string> = { hide: 'h', deny: 'd', require_approval: 'p', rate_limit: 'r', allow: 'a' };
const STRICTNESS: Record<ChoiceAction, number> = { allow: 0, rate_limit: 1, require_approval: 2, deny: 3, hide: 4 };

/** Largest `max` and `window` (one year, in seconds) a rate-limit code may carry. */
export const RATE_LIMIT_BOUNDS = { max: 1_000_000, window: 31_536_000 } as const;

/** Whether `s` is one of the builder's actions. */
export function isChoiceAction(s: string): s is ChoiceAction {
  return (CHOICE_ACTIONS as readonly string[]).includes(s);
}

/** The URL code of a choice: `h`, `d`, `p`, `a` or `r<max>-<window>`. */
export function choiceCode(choice: Choice): string {
  return choice.action === 'rate_limit' ? `r${choice.rate_limit.max}-${choice.rate_limit.window}` : CODES[choice.action];
}

const RATE_CODE = /^r([1-9][0-9]{0,8})-([1-9][0-9]{0,8})$/;

/** The choice a URL code stands for, or `undefined` for anything else (unknown letter, limit out of bounds). */
export function parseChoiceCode(code: string): Choice | undefined {
  switch (code) {
    case 'h':
      return { action: 'hide' };
    case 'd':
      return { action: 'deny' };
    case 'p':
      return { action: 'require_approval' };
    case 'a':
      return { action: 'allow' };
  }
  const m = RATE_CODE.exec(code);
  if (!m) return undefined;
  const max = Number(m[1]);
  const window = Number(m[2]);
  if (max > RATE_LIMIT_BOUNDS.max || window > RATE_LIMIT_BOUNDS.window) return undefined;
  return { action: 'rate_limit', rate_limit: { max, window } };
}

/** The mapping's recommendation for `verdict`, as a choice. */
export function recommendedChoice(verdict: Verdict, mapping: PolicyMapping = SHIPPED_POLICY_MAPPING): Choice {
  const entry = mappingEntryFor(verdict, mapping);
  return entry.action === 'rate_limit' ? { action: 'rate_limit', rate_limit: { ...entry.rate_limit } } : { action: entry.action };
}

/** The mapping's first rate limit (risk levels Low to Critical, then overrides), else 10 per 60 s. */
export function defaultRateLimit(mapping: PolicyMapping = SHIPPED_POLICY_MAPPING): RateLimit {
  const entries = [mapping.risk.Low, mapping.risk.Medium, mapping.risk.High, mapping.risk.Critical, ...mapping.overrides];
  for (const e of entries) if (e.action === 'rate_limit') return { ...e.rate_limit };
  return { max: 10, window: 60 };
}

/**
 * The choice for `action` picked in the UI for a tool with `verdict`: a rate limit takes the
 * tool's recommended limit when its recommendation is one, else the mapping's default limit.
 */
export function choiceFor(action: ChoiceAction, verdict: Verdict, mapping: PolicyMapping = SHIPPED_POLICY_MAPPING): Choice {
  if (action !== 'rate_limit') return { action };
  const rec = recommendedChoice(verdict, mapping);
  return rec.action === 'rate_limit' ? rec : { action: 'rate_limit', rate_limit: defaultRateLimit(mapping) };
}

/** Whether two choices are the same (same action and, for rate limits, the same limit). */
export function sameChoice(a: Choice, b: Choice): boolean {
  return choiceCode(a) === choiceCode(b);
}

/** The stricter of two choices; between rate limits, the lower rate (as the policy generator does). */
export function stricterChoice(a: Choice, b: Choice): Choice {
  if (a.action === 'rate_limit' && b.action === 'rate_limit') {
    return b.rate_limit.max / b.rate_limit.window < a.rate_limit.max / a.rate_limit.window ? b : a;
  }
  return STRICTNESS[b.action] > STRICTNESS[a.action] ? b : a;
}

/** Words for a choice, e.g. `hide`, `require approval`, `rate limit (10 per 60 s)`. */
export function choiceLabel(choice: Choice): string {
  switch (choice.action) {
    case 'hide':
      return 'hide';
    case 'deny':
      return 'deny (listed, refused)';
    case 'require_approval':
      return 'require approval';
    case 'allow':
      return 'allow';
    case 'rate_limit':
      return `rate limit (${choice.rate_limit.max} per ${choice.rate_limit.window} s)`;
  }
}
