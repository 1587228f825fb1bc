/**
 * The danger score behind the home page's "Most dangerous tools", and the spread that keeps that
 * list from being one server's near-identical tools (six "close listen key" tools in a row).
 *
 * Score = RISK[risk] x CATEGORY[category] x CONFIDENCE[confidence] + FLAG x (distinct warning flags,
 * at most MAX_FLAGS). Risk dominates: a Critical tool scores 60-100 before flags, a High one 24-40,
 * so flags reorder tools within a risk level (a Critical tool with hidden instructions first) but a
 * High tool with every flag (40 + 30) stays below an unflagged Critical Destructive one (100, or 80
 * at medium confidence). Actions that cannot be taken back or that move money or run code weigh 1;
 * writes 0.8; reads and others 0.6. A verdict the classifier is less sure of weighs less (medium
 * 0.8, low 0.6; a human review counts as high), so the list leads with the tools whose danger the
 * evidence agrees on, not with a guess from one parameter name.
 *
 * Picking: tools in score order (ties: name, then server id), skipping a tool whose server already
 * has `perServer` picks, whose category already has `perCategory`, or whose name (case and
 * separators aside) another pick already has (four servers' `browser_evaluate` are one kind of
 * danger, shown once); when the caps leave the list short (a small catalogue), the skipped tools
 * fill it in score order.
 */
import type { Category, Risk } from '../schema/index.js';
import type { Confidence } from '../schema/classification.js';

/** Points per risk level. */
export const DANGER_RISK: Readonly<Record<Risk, number>> = { Critical: 100, High: 40, Medium: 15, Low: 5 };
/** Multiplier per category. */
export const DANGER_CATEGORY: Readonly<Record<Category, number>> = { Destructive: 1, Financial: 1, Execute: 1, Write: 0.8, Read: 0.6, Other: 0.6 };
/** Multiplier per confidence level of the verdict. */
export const DANGER_CONFIDENCE: Readonly<Record<Confidence['level'], number>> = { high: 1, medium: 0.8, low: 0.6 };
/** Points per distinct warning flag, and how many flags count. */
export const DANGER_FLAG = 10;
export const DANGER_MAX_FLAGS = 3;

/** What the score reads from a tool. */
export interface DangerInput {
  risk: Risk;
  category: Category;
  flags: readonly { id: string }[];
  /** The verdict's confidence (default high: a human review, or a tool without one). */
  confidence?: Confidence['level'];
}

/** The danger score of one tool (see the module comment). */
export function dangerScore(t: DangerInput): number {
  const flags = Math.min(new Set(t.flags.map((f) => f.id)).size, DANGER_MAX_FLAGS);
  return DANGER_RISK[t.risk] * DANGER_CATEGORY[t.category] * DANGER_CONFIDENCE[t.confidence ?? 'high'] + DANGER_FLAG * flags;
}

/** A candidate for the list: its score inputs, its server and its name. */
export interface DangerCandidate extends DangerInput {
  serverId: string;
  name: string;
}

/** Spread limits of `pickMostDangerous`. */
export interface SpreadOptions {
  /** Most picks from one server before others get a turn (default 2). */
  perServer?: number;
  /** Most picks of one category before others get a turn (default half the list, rounded up). */
  perCategory?: number;
}

/**
 * The `limit` most dangerous of `tools` by `dangerScore`, spread across servers and categories.
 * Pure and deterministic: the same tools always give the same list.
 */
export function pickMostDangerous<T extends DangerCandidate>(tools: readonly T[], limit: number, opts: SpreadOptions = {}): T[] {
  if (limit <= 0) return [];
  const perServer = opts.perServer ?? 2;
  const perCategory = opts.perCategory ?? Math.ceil(limit / 2);
  const scored = tools.map((t) => ({ t, score: dangerScore(t) }));
  scored.sort((a, b) => b.score - a.score || (a.t.name < b.t.name ? -1 : a.t.name > b.t.name ? 1 : 0) || (a.t.serverId < b.t.serverId ? -1 : a.t.serverId > b.t.serverId ? 1 : 0));
  const picked: T[] = [];
  const skipped: T[] = [];
  const servers = new Map<string, number>();
  const categories = new Map<Category, number>();
  const names = new Set<string>();
  const nameKey = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]+/g, '');
  for (const { t } of scored) {
    if (picked.length >= limit) break;
    if ((servers.get(t.serverId) ?? 0) >= perServer || (categories.get(t.category) ?? 0) >= perCategory || names.has(nameKey(t.name))) {
      skipped.push(t);
      continue;
    }
    picked.push(t);
    names.add(nameKey(t.name));
    servers.set(t.serverId, (servers.get(t.serverId) ?? 0) + 1);
    categories.set(t.category, (categories.get(t.category) ?? 0) + 1);
  }
  for (const t of skipped) {
    if (picked.length >= limit) break;
    picked.push(t);
  }
  // Shown most dangerous first, whichever pass picked them.
  const score = new Map(scored.map((s) => [s.t, s.score]));
  const order = new Map(scored.map((s, i) => [s.t, i]));
  return picked.sort((a, b) => score.get(b)! - score.get(a)! || order.get(a)! - order.get(b)!);
}
