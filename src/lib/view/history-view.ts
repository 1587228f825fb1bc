/**
 * Change history for pages: every server's `history.jsonl` read once per `SiteData` (memoised), a
 * tool's "first seen" / "last changed" and its history section with bounded, readable diffs, and the
 * catalogue-wide change list of `/changes/` (riskiest first). Plain data: pages render the diff
 * parts as text inside `<del>`/`<ins>` elements (Astro escapes it).
 */
import { changeId, changeRisk, fieldDiff, readHistory, recentChanges, toolTimeline, verdictChange, type ChangeItem, type HistoryEntry } from '../history/index.js';
import { riskRank, type Risk } from '../schema/index.js';
import { formatTime } from './server-page.js';
import type { SiteData, SiteTool } from './site-data.js';
import { boundDiff, FIELD_LABEL, visibleText, type ShownPart } from './history-diff.js';

/** The history of every server of a build. */
export interface SiteHistory {
  /** Entries per server id, oldest first. */
  entries: Map<string, HistoryEntry[]>;
  /** Entries per tool (by server, name and occurrence), oldest first. */
  byTool: Map<SiteTool, HistoryEntry[]>;
  /** The current tool for a server id, tool name and occurrence (`toolKey`). */
  toolAt: Map<string, SiteTool>;
}

/** Lookup key of a tool listing: server id, name and occurrence. */
export function historyKey(serverId: string, name: string, occurrence = 0): string {
  return `${serverId}\u0000${name}\u0000${occurrence}`;
}

/**
 * Per site data, on `globalThis` under a registered symbol: the build script (the manifest) and
 * Astro's bundled copy of this module read the same history once, not once each.
 */
const cache: WeakMap<SiteData, SiteHistory> = ((globalThis as { [k: symbol]: unknown })[Symbol.for('mcp-risk-catalog.site-history')] ??=
  new WeakMap<SiteData, SiteHistory>()) as WeakMap<SiteData, SiteHistory>;

/**
 * Read every server's history once per `SiteData`. A malformed history file throws the history
 * module's one-line `HistoryError` (file:line: field: problem), which fails the build.
 */
export function siteHistory(data: SiteData): SiteHistory {
  let out = cache.get(data);
  if (out) return out;
  out = { entries: new Map(), byTool: new Map(), toolAt: new Map() };
  for (const s of data.servers) {
    const entries = readHistory(data.dir, s.id);
    out.entries.set(s.id, entries);
    const seen = new Map<string, number>();
    for (const t of s.tools) {
      const occurrence = seen.get(t.name) ?? 0;
      seen.set(t.name, occurrence + 1);
      out.toolAt.set(historyKey(s.id, t.name, occurrence), t);
    }
    const grouped = new Map<string, HistoryEntry[]>();
    for (const e of entries) {
      const key = historyKey(s.id, e.tool, e.occurrence ?? 0);
      let list = grouped.get(key);
      if (!list) grouped.set(key, (list = []));
      list.push(e);
    }
    for (const [key, list] of grouped) {
      const tool = out.toolAt.get(key);
      if (tool) out.byTool.set(tool, list);
    }
  }
  cache.set(data, out);
  return out;
}

/** One changed part of a history entry, ready to render. */
export interface FieldView {
  field: string;
  label: string;
  summary: string[];
  mode: 'words' | 'lines';
  parts: ShownPart[];
  /** True when the diff was cut to stay small (the full values are in history.jsonl). */
  truncated: boolean;
}

/** One history entry on a tool page or the changes page. */
export interface EntryView {
  /** Anchor id, e.g. `change-3f2a...`. */
  anchor: string;
  at: string;
  atText: string;
  kind: HistoryEntry['kind'];
  kindText: string;
  risky: boolean;
  /** Why it is risky, visible text (invisible characters shown as `<U+XXXX>`). */
  riskyReasons: string[];
  /** `Read / Low -> Destructive / Critical`, `unchanged (...)`, `new: ...`, `was: ...`. */
  verdict: string;
  /** True when the verdict's risk went up. */
  verdictRaised: boolean;
  fields: FieldView[];
}

/** A tool's history section. */
export interface ToolHistoryView {
  firstSeen?: string;
  /** "First seen 2026-11-24 10:39 UTC", or that it is not recorded. */
  firstSeenText: string;
  /** Present when first seen is the server's first recorded ingest (the tool may be older). */
  firstSeenNote?: string;
  lastChanged?: string;
  lastChangedText: string;
  /** Newest first, at most `MAX_TOOL_ENTRIES`. */
  entries: EntryView[];
  /** Entries left out of `entries`. */
  more: number;
  riskyCount: number;
}

/** Entries shown on a tool page. */
export const MAX_TOOL_ENTRIES = 20;

const KIND_TEXT: Record<HistoryEntry['kind'], string> = { added: 'Added', removed: 'Removed', changed: 'Changed' };

function raised(e: HistoryEntry): boolean {
  return e.verdictBefore !== undefined && e.verdictAfter !== undefined && riskRank(e.verdictAfter.risk) > riskRank(e.verdictBefore.risk);
}

/** The view of one history entry of server `serverId`. */
export function entryView(serverId: string, e: HistoryEntry): EntryView {
  const fields = e.kind === 'changed' ? e.fields : [];
  return {
    anchor: `change-${changeId({ serverId, serverName: '', entry: e })}`,
    at: e.at,
    atText: formatTime(e.at),
    kind: e.kind,
    kindText: KIND_TEXT[e.kind],
    risky: e.risky,
    riskyReasons: e.riskyReasons.map((r) => visibleText(r)),
    verdict: verdictChange(e),
    verdictRaised: raised(e),
    fields: fields.map((f): FieldView => {
      const d = fieldDiff(f);
      const b = boundDiff(d.parts, d.mode);
      return { field: f.field, label: FIELD_LABEL[f.field], summary: d.summary.map((s) => visibleText(s)), mode: d.mode, parts: b.parts, truncated: b.truncated };
    }),
  };
}

/** The history section of `tool` (empty when its server has no history file). */
export function toolHistoryView(data: SiteData, tool: SiteTool): ToolHistoryView {
  const entries = siteHistory(data).byTool.get(tool) ?? [];
  const tl = toolTimeline(entries, tool.name, entries[0]?.occurrence ?? 0);
  const shown = tl.entries.slice(0, MAX_TOOL_ENTRIES);
  const view: ToolHistoryView = {
    firstSeenText: tl.firstSeen ? `First seen ${formatTime(tl.firstSeen)}` : 'First seen: not recorded (this server has no change history yet)',
    lastChangedText: tl.lastChanged ? `Last changed ${formatTime(tl.lastChanged)}` : 'No change recorded since it was first seen',
    entries: shown.map((e) => entryView(tool.serverId, e)),
    more: tl.entries.length - shown.length,
    riskyCount: tl.entries.filter((e) => e.risky).length,
  };
  if (tl.firstSeen) view.firstSeen = tl.firstSeen;
  if (tl.firstSeen && tl.firstSeenAtBaseline) view.firstSeenNote = 'when the catalogue first listed this server; the tool may be older';
  if (tl.lastChanged) view.lastChanged = tl.lastChanged;
  return view;
}

/** Every change of the catalogue, riskiest first (baselines left out), at most `limit`. */
export function catalogueChanges(data: SiteData, limit: number): ChangeItem[] {
  const h = siteHistory(data);
  return recentChanges(
    data.servers.map((s) => ({ serverId: s.id, serverName: s.server.name, entries: h.entries.get(s.id) ?? [] })),
    limit,
  );
}

/** The tool page path of a change, when that tool is still listed. */
export function changeToolPath(data: SiteData, item: ChangeItem): string | undefined {
  if (item.entry.kind === 'removed') return undefined;
  return siteHistory(data).toolAt.get(historyKey(item.serverId, item.entry.tool, item.entry.occurrence ?? 0))?.url;
}

/** One change on `/changes/`. */
export interface ChangeItemView extends EntryView {
  serverId: string;
  serverName: string;
  serverUrl: string;
  tool: string;
  toolUrl?: string;
  /** The risk the change is ranked by (after; before for removals). */
  risk?: Risk;
}

/** A server that has only its first snapshot so far. */
export interface BaselineServer {
  id: string;
  name: string;
  url: string;
  firstRecorded: string;
  firstRecordedText: string;
  tools: number;
}

/** The `/changes/` page. */
export interface ChangesPageView {
  items: ChangeItemView[];
  riskyCount: number;
  /** Changes recorded in all (before `limit`). */
  total: number;
  /** True when no server has a change after its baseline. */
  empty: boolean;
  /** Servers by first recorded ingest, newest first (at most `MAX_RECENT_SERVERS`). */
  recentServers: BaselineServer[];
  /** Servers without any history file. */
  withoutHistory: number;
}

/** Changes listed on `/changes/` (and in the feed and JSON). */
export const MAX_CHANGES = 200;
/** Recently added servers listed on `/changes/`. */
export const MAX_RECENT_SERVERS = 10;

/** The `/changes/` page view-model. */
export function changesPageView(data: SiteData, limit = MAX_CHANGES): ChangesPageView {
  const all = catalogueChanges(data, Number.MAX_SAFE_INTEGER);
  const h = siteHistory(data);
  const items = all.slice(0, limit).map((item): ChangeItemView => {
    const v: ChangeItemView = {
      ...entryView(item.serverId, item.entry),
      serverId: item.serverId,
      serverName: item.serverName,
      serverUrl: data.serverById.get(item.serverId)?.url ?? '/servers/',
      tool: item.entry.tool,
    };
    const url = changeToolPath(data, item);
    if (url) v.toolUrl = url;
    const risk = changeRisk(item.entry);
    if (risk) v.risk = risk;
    return v;
  });
  const recentServers: BaselineServer[] = [];
  let withoutHistory = 0;
  for (const s of data.servers) {
    const first = h.entries.get(s.id)?.[0];
    if (!first) {
      withoutHistory += 1;
      continue;
    }
    recentServers.push({ id: s.id, name: s.server.name, url: s.url, firstRecorded: first.at, firstRecordedText: formatTime(first.at), tools: s.tools.length });
  }
  recentServers.sort((a, b) => Date.parse(b.firstRecorded) - Date.parse(a.firstRecorded) || a.id.localeCompare(b.id));
  return {
    items,
    riskyCount: all.filter((i) => i.entry.risky).length,
    total: all.length,
    empty: all.length === 0,
    recentServers: recentServers.slice(0, MAX_RECENT_SERVERS),
    withoutHistory,
  };
}

/** The newest time in any history file (the feed's `updated` when there are no changes), else the epoch. */
export function newestHistoryTime(data: SiteData): string {
  let max = '1970-01-01T00:00:00.000Z';
  for (const list of siteHistory(data).entries.values()) {
    for (const e of list) if (Date.parse(e.at) > Date.parse(max)) max = new Date(Date.parse(e.at)).toISOString();
  }
  return max;
}
