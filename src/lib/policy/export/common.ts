/**
 * Shared pieces of the exporters: the result shape, and the policy reduced to one entry per named
 * tool. Every entry is computed with `evaluate()`, so an export can never disagree with the
 * evaluator about which rule wins (hide beats rules, first rule wins).
 */
import type { Policy, PolicyRule, RateLimit } from '../../schema/policy.js';
import { evaluate, namedTools, unnamedToolName } from '../evaluate.js';

/** What an exporter returns: the file text, how to serve it, and what the format could not express. */
export interface ExportResult {
  text: string;
  mediaType: string;
  /** Suggested download name. */
  filename: string;
  /** One sentence per loss or caveat (empty when the export is exact). */
  notes: string[];
}

/** Options every exporter takes. `server` is the server's name in the target tool (a slug). */
export interface ExportOptions {
  server: string;
  /**
   * For a one-tool snippet: the tool's slug (1-100 of `A-Z a-z 0-9 _ -`), so the download is
   * named `<server>.<tool>.<suffix>` and never shares a name with the whole server's policy.
   */
  toolSlug?: string;
}

/** Slugs `toolSlug` accepts (the catalogue's tool slugs). */
export const EXPORT_TOOL_SLUG = /^[A-Za-z0-9_-]{1,100}$/;

/** The download name's stem: `<server>`, or `<server>.<toolSlug>` for a one-tool snippet. */
export function fileStem(options: ExportOptions): string {
  return options.toolSlug === undefined ? options.server : `${options.server}.${options.toolSlug}`;
}

/** How a named tool is treated, in the vocabulary the exporters map from. */
export type ToolTreatment = 'hide' | 'deny' | 'require_approval' | 'rate_limit' | 'allow';

/** One named tool of the policy and its treatment (with the deciding rule's limit, if any). */
export interface ToolEntry {
  name: string;
  treatment: ToolTreatment;
  rateLimit?: RateLimit;
  reason?: string;
}

/** Every tool the policy names, in order of first appearance, with the treatment `evaluate` gives it. */
export function toolEntries(policy: Policy): ToolEntry[] {
  return namedTools(policy).map((name) => {
    const d = evaluate(policy, name);
    if (!d.listed) return { name, treatment: 'hide' };
    const rule: PolicyRule | undefined = d.ruleIndex === undefined ? undefined : policy.rules[d.ruleIndex];
    if (!rule) return { name, treatment: d.outcome === 'allow' ? 'allow' : 'deny' };
    const entry: ToolEntry = { name, treatment: rule.action === 'rate_limit' && !rule.rate_limit ? 'deny' : rule.action };
    if (rule.action === 'rate_limit' && rule.rate_limit) entry.rateLimit = rule.rate_limit;
    if (rule.reason !== undefined) entry.reason = rule.reason;
    return entry;
  });
}

/** Whether a tool the policy does not name is allowed (`evaluate` on an unnamed tool). */
export function defaultAllows(policy: Policy): boolean {
  return evaluate(policy, unnamedToolName(policy)).outcome === 'allow';
}

/** A calendar window as gateways with fixed windows write it. */
export type CalendarUnit = 'minute' | 'hour' | 'day';

const UNIT_SECONDS: Record<CalendarUnit, number> = { minute: 60, hour: 3600, day: 86400 };

/**
 * The nearest calendar-window limit that is not looser over time: the smallest unit at least as
 * long as the window, keeping `max` (so a 30 s window becomes per minute); a window longer than a
 * day is scaled down to a daily count, rounded down. `null` when that count would be 0 (refuse).
 */
export function calendarLimit(limit: RateLimit): { count: number; unit: CalendarUnit } | null {
  for (const unit of ['minute', 'hour', 'day'] as const) {
    if (limit.window <= UNIT_SECONDS[unit]) return { count: limit.max, unit };
  }
  const count = Math.floor((limit.max * UNIT_SECONDS.day) / limit.window);
  return count > 0 ? { count, unit: 'day' } : null;
}

/** Whether `calendarLimit` changed the limit (window not exactly one unit). */
export function calendarLimitIsExact(limit: RateLimit): boolean {
  return Object.values(UNIT_SECONDS).includes(limit.window);
}

/** Collects notes once each, in first-seen order. */
export class Notes {
  private readonly items: string[] = [];
  /** Add a note unless it is already there. */
  add(note: string): void {
    if (!this.items.includes(note)) this.items.push(note);
  }
  /** The notes collected so far. */
  list(): string[] {
    return [...this.items];
  }
}

/** Pretty JSON with a trailing newline, the way every JSON export is written. */
export function prettyJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** True when the string has a UTF-16 surrogate without its pair (not representable in UTF-8). */
export function hasLoneSurrogate(s: string): boolean {
  return s.replace(LONE_SURROGATE, '') !== s;
}

/** `s` with unpaired surrogates replaced by U+FFFD (what Go and Rust JSON decoders deliver). */
export function wellFormed(s: string): string {
  return s.replace(LONE_SURROGATE, '\uFFFD');
}
