/**
 * History for readers: a tool's timeline (first seen, last changed, entries), readable diffs of each
 * changed part and of the verdict, and the catalogue-wide list of recent changes, riskiest first.
 * Plain data only; pages render it with normal (escaped) text interpolation.
 */
import { riskRank, HINT_KEYS, type Risk } from '../schema/index.js';
import { canonicalJson } from '../catalog/format.js';
import { canonicalJsonText } from '../catalog/json-text.js';
import type { HistoryEntry } from './jsonl.js';
import type { HistoryField } from './fields.js';
import type { HistoryVerdict } from './diff.js';
import { parameterPaths } from './risky.js';
import { diffLines, diffWords, type DiffPart } from './text-diff.js';

/** A tool's history as its page shows it. */
export interface ToolTimeline {
  /** When the tool first appeared (its earliest `added` line), if recorded. */
  firstSeen?: string;
  /** True when `firstSeen` is the server's first recorded ingest (it may be older than that). */
  firstSeenAtBaseline: boolean;
  /** The latest non-baseline line (added, changed or removed), if any. */
  lastChanged?: string;
  /** The tool's lines, newest first, baseline lines left out. */
  entries: HistoryEntry[];
}

/** The timeline of tool `name` (its `occurrence`-th listing, 0 by default) in a server's history. */
export function toolTimeline(entries: readonly HistoryEntry[], name: string, occurrence = 0): ToolTimeline {
  const mine = entries.filter((e) => e.tool === name && (e.occurrence ?? 0) === occurrence);
  const added = mine.find((e) => e.kind === 'added');
  const real = mine.filter((e) => !e.baseline);
  const out: ToolTimeline = { firstSeenAtBaseline: added?.baseline === true, entries: [...real].reverse() };
  if (added) out.firstSeen = added.at;
  const last = real[real.length - 1];
  if (last) out.lastChanged = last.at;
  return out;
}

/** One changed part, readable: a one-line summary per notable point and a word or line diff. */
export interface FieldDiffView {
  field: HistoryField;
  /** e.g. `added parameter "callback_url"`, `destructiveHint: true -> false`, `added`, `removed`. */
  summary: string[];
  /** `words` for text parts (title, description, name), `lines` for JSON parts. */
  mode: 'words' | 'lines';
  parts: DiffPart[];
}

const TEXT_FIELDS = new Set<HistoryField>(['name', 'title', 'description']);

/** Pretty JSON with sorted keys for a line diff (a string part is shown as itself). */
export function prettyValue(value: unknown): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  return canonicalJsonText(value, 2) ?? '';
}

function hintText(v: unknown): string {
  return v === undefined ? 'not declared' : JSON.stringify(v);
}

function valueKey(v: unknown): string {
  return v === undefined ? '\u0000absent' : canonicalJson(v);
}

function hintOf(annotations: unknown, key: string): unknown {
  if (typeof annotations !== 'object' || annotations === null || Array.isArray(annotations)) return undefined;
  return Object.hasOwn(annotations, key) ? (annotations as Record<string, unknown>)[key] : undefined;
}

/** A readable view of one changed part of a history line. */
export function fieldDiff(change: { field: HistoryField; before?: unknown; after?: unknown }): FieldDiffView {
  const { field, before, after } = change;
  const summary: string[] = [];
  if (before === undefined && after !== undefined) summary.push('added');
  if (after === undefined && before !== undefined) summary.push('removed');
  if (field === 'inputSchema') {
    const b = new Set(parameterPaths(before));
    const a = new Set(parameterPaths(after));
    for (const p of a) if (!b.has(p)) summary.push(`added parameter ${JSON.stringify(p)}`);
    for (const p of b) if (!a.has(p)) summary.push(`removed parameter ${JSON.stringify(p)}`);
  }
  if (field === 'annotations') {
    for (const k of HINT_KEYS) {
      const hb = hintOf(before, k);
      const ha = hintOf(after, k);
      if (valueKey(hb) !== valueKey(ha)) summary.push(`${k}: ${hintText(hb)} -> ${hintText(ha)}`);
    }
  }
  const text = TEXT_FIELDS.has(field) && (before === undefined || typeof before === 'string') && (after === undefined || typeof after === 'string');
  const parts = text ? diffWords(prettyValue(before), prettyValue(after)) : diffLines(prettyValue(before), prettyValue(after));
  return { field, summary, mode: text ? 'words' : 'lines', parts };
}

/** `Destructive / Critical`, or `unknown`. */
export function verdictText(v: HistoryVerdict | undefined): string {
  return v ? `${v.category} / ${v.risk}` : 'unknown';
}

/** The verdict change of a line: `Read / Low -> Destructive / Critical`, `unchanged (Read / Low)`, or for added/removed tools the one verdict. */
export function verdictChange(entry: Pick<HistoryEntry, 'kind' | 'verdictBefore' | 'verdictAfter'>): string {
  if (entry.kind === 'added') return `new: ${verdictText(entry.verdictAfter)}`;
  if (entry.kind === 'removed') return `was: ${verdictText(entry.verdictBefore)}`;
  const b = verdictText(entry.verdictBefore);
  const a = verdictText(entry.verdictAfter);
  return a === b ? `unchanged (${a})` : `${b} -> ${a}`;
}

/** One line of the catalogue-wide change list. */
export interface ChangeItem {
  serverId: string;
  serverName: string;
  entry: HistoryEntry;
}

/** The risk a change is ranked by: the verdict after (before, for a removed tool). */
export function changeRisk(entry: HistoryEntry): Risk | undefined {
  return (entry.kind === 'removed' ? entry.verdictBefore : entry.verdictAfter)?.risk;
}

/**
 * Recent changes across servers, riskiest first: risky before not risky, then higher verdict risk,
 * then newer, then server id and tool name. Baseline lines are left out. At most `limit` items.
 */
export function recentChanges(servers: readonly { serverId: string; serverName: string; entries: readonly HistoryEntry[] }[], limit = 200): ChangeItem[] {
  const all: ChangeItem[] = [];
  for (const s of servers) for (const entry of s.entries) if (!entry.baseline) all.push({ serverId: s.serverId, serverName: s.serverName, entry });
  const rank = (e: HistoryEntry): number => {
    const r = changeRisk(e);
    return r === undefined ? -1 : riskRank(r);
  };
  all.sort(
    (x, y) =>
      Number(y.entry.risky) - Number(x.entry.risky) ||
      rank(y.entry) - rank(x.entry) ||
      Date.parse(y.entry.at) - Date.parse(x.entry.at) ||
      x.serverId.localeCompare(y.serverId) ||
      x.entry.tool.localeCompare(y.entry.tool),
  );
  return all.slice(0, Math.max(0, limit));
}
