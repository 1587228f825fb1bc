/**
 * Server-level analysis for pages: the "lethal trifecta" and annotation coverage per server, each
 * tool's annotation status (for filters), and the catalogue's flag counts. Computed once per
 * `SiteData` (memoised), never per page.
 */
import { analyseServer, NOT_DECLARED_TEXT, TRIFECTA_LEGS, defaultTrifectaRules, type AnnotationStatus, type ServerAnalysis, type ToolAnalysis, type TrifectaLeg, type TrifectaRules } from '../analysis/index.js';
import { HINT_KEYS, type HintKey } from '../schema/index.js';
import { FLAG_KINDS, kindsOf, type FlagKind } from './flag-kinds.js';
import type { SiteData, SiteServer, SiteTool } from './site-data.js';

/** The analysis of every server and tool of a build. */
export interface SiteAnalysis {
  byServer: Map<string, ServerAnalysis>;
  byTool: Map<SiteTool, ToolAnalysis>;
}

/**
 * Per site data, on `globalThis` under a registered symbol: the build script analyses the servers
 * before `astro build` (taking unchanged servers' analyses from its build cache,
 * src/lib/build/data-cache.ts) and Astro's bundled copy of this module reads the same result.
 */
const cache: WeakMap<SiteData, SiteAnalysis> = ((globalThis as { [k: symbol]: unknown })[Symbol.for('mcp-risk-catalog.site-analysis')] ??=
  new WeakMap<SiteData, SiteAnalysis>()) as WeakMap<SiteData, SiteAnalysis>;

/** One server's analysis (the effective category, after reviews, is used). */
export function analyseSiteServer(server: SiteServer, rules: TrifectaRules = defaultTrifectaRules()): ServerAnalysis {
  return analyseServer(
    server.tools.map((t) => ({ definition: t.definition, classification: { ...t.classification, category: t.verdict.category } })),
    rules,
  );
}

/**
 * Analyse every server once per `SiteData` (`analyseSiteServer`). `known(server)` may give a
 * server's analysis from a cache: it must return what `analyseSiteServer(server)` returns.
 */
export function siteAnalysis(data: SiteData, known: (server: SiteServer) => ServerAnalysis | undefined = () => undefined): SiteAnalysis {
  let out = cache.get(data);
  if (out) return out;
  const rules = defaultTrifectaRules();
  out = { byServer: new Map(), byTool: new Map() };
  for (const s of data.servers) {
    const a = known(s) ?? analyseSiteServer(s, rules);
    out.byServer.set(s.id, a);
    s.tools.forEach((t, i) => {
      const ta = a.tools[i];
      if (ta) out!.byTool.set(t, ta);
    });
  }
  cache.set(data, out);
  return out;
}

/** A tool's annotation status: declared, missing (none of the four hints), or conflict. */
export function toolAnnotationStatus(data: SiteData, tool: SiteTool): AnnotationStatus {
  return siteAnalysis(data).byTool.get(tool)?.annotationStatus ?? 'missing';
}

/** Labels of the annotation statuses, for filters and counts. */
export const ANNOTATION_STATUS_LABEL: Record<AnnotationStatus, string> = {
  declared: 'Annotations declared',
  missing: 'No annotations declared',
  conflict: 'Annotations contradict the classifier',
};

/** Display order of the statuses. */
export const ANNOTATION_STATUSES: readonly AnnotationStatus[] = ['declared', 'missing', 'conflict'];

/** Search URL listing tools filtered by annotation status, flag kind and/or server. */
export function searchFilterUrl(f: { annotation?: AnnotationStatus; flag?: string; server?: string }): string {
  const p = new URLSearchParams();
  if (f.annotation) p.set('annotation', f.annotation);
  if (f.flag) p.set('flag', f.flag);
  if (f.server) p.set('server', f.server);
  const qs = p.toString();
  return qs ? `/search/?${qs}` : '/search/';
}

/** One tool named in a leg. */
export interface LegTool {
  name: string;
  url: string;
}

/** One leg of the trifecta on a server page. */
export interface LegView {
  leg: TrifectaLeg;
  label: string;
  summary: string;
  /** Tools forming the leg, at most `MAX_LEG_TOOLS`. */
  tools: LegTool[];
  /** Tools left out of `tools`. */
  more: number;
  total: number;
}

/** One tool's legs: the evidence sentence per leg, or undefined when it does not contribute. */
export interface ToolLegsRow {
  name: string;
  url: string;
  legs: Record<TrifectaLeg, string | undefined>;
}

/** One row of the annotation coverage table. */
export interface CoverageRow {
  hint: HintKey;
  declaredTrue: number;
  declaredFalse: number;
  notDeclared: number;
}

/** Everything the server page shows from the analysis. */
export interface ServerAnalysisView {
  complete: boolean;
  /** The warning sentence naming tools of each leg, when complete. */
  warning?: string;
  legs: LegView[];
  /** When not complete: which legs no tool provides, e.g. "no tool can send data out". */
  missingText?: string;
  /** Tools contributing to at least one leg, in listing order, at most `MAX_LEG_ROWS`. */
  rows: ToolLegsRow[];
  rowsMore: number;
  coverage: CoverageRow[];
  total: number;
  noneDeclared: number;
  notDeclaredText: string;
  /** One sentence on tools that declare no hint (never presented as safe). */
  coverageText: string;
  /** Tools per annotation status, with a search link filtered to this server. */
  statuses: { status: AnnotationStatus; label: string; count: number; url: string }[];
}

/** Tools named per leg on a server page. */
export const MAX_LEG_TOOLS = 30;
/** Rows of the per-tool legs table on a server page. */
export const MAX_LEG_ROWS = 100;

function evidenceText(e: { field: string; match: string }): string {
  return `${e.field}: ${e.match}`;
}

/** The server page's analysis view-model. */
export function serverAnalysisView(data: SiteData, server: SiteServer): ServerAnalysisView {
  const a = siteAnalysis(data).byServer.get(server.id) ?? analyseServer([]);
  const rules = defaultTrifectaRules();
  const byName = new Map<string, SiteTool>();
  for (const t of server.tools) if (!byName.has(t.name)) byName.set(t.name, t);
  const legs = TRIFECTA_LEGS.map((leg): LegView => {
    const names = [...new Set(a.trifecta.legs[leg])];
    return {
      leg,
      label: rules.legs[leg].label,
      summary: rules.legs[leg].summary,
      tools: names.slice(0, MAX_LEG_TOOLS).map((name) => ({ name, url: byName.get(name)?.url ?? server.url })),
      more: Math.max(0, names.length - MAX_LEG_TOOLS),
      total: names.length,
    };
  });
  const contributing: ToolLegsRow[] = [];
  server.tools.forEach((t, i) => {
    const ta = a.tools[i];
    if (!ta || TRIFECTA_LEGS.every((leg) => ta.legs[leg].length === 0)) return;
    const row = { name: t.name, url: t.url, legs: {} as Record<TrifectaLeg, string | undefined> };
    for (const leg of TRIFECTA_LEGS) {
      const first = ta.legs[leg][0];
      row.legs[leg] = first ? evidenceText(first) : undefined;
    }
    contributing.push(row);
  });
  const counts: Record<AnnotationStatus, number> = { declared: 0, missing: 0, conflict: 0 };
  for (const t of a.tools) counts[t.annotationStatus] += 1;
  const view: ServerAnalysisView = {
    complete: a.trifecta.complete,
    legs,
    rows: contributing.slice(0, MAX_LEG_ROWS),
    rowsMore: Math.max(0, contributing.length - MAX_LEG_ROWS),
    coverage: HINT_KEYS.map((hint) => ({
      hint,
      declaredTrue: a.coverage[hint].declaredTrue,
      declaredFalse: a.coverage[hint].declaredFalse,
      notDeclared: a.coverage[hint].missing,
    })),
    total: a.coverage.total,
    noneDeclared: a.coverage.noneDeclared,
    notDeclaredText: NOT_DECLARED_TEXT,
    coverageText:
      a.coverage.noneDeclared === 0
        ? 'Every tool declares at least one MCP hint.'
        : `${a.coverage.noneDeclared} of ${a.coverage.total} ${a.coverage.total === 1 ? 'tool declares' : 'tools declare'} no hint at all; each is shown as ${NOT_DECLARED_TEXT}.`,
    statuses: ANNOTATION_STATUSES.map((status) => ({
      status,
      label: ANNOTATION_STATUS_LABEL[status],
      count: counts[status],
      url: searchFilterUrl({ annotation: status, server: server.id }),
    })),
  };
  if (a.trifecta.warning) view.warning = a.trifecta.warning;
  if (!a.trifecta.complete) view.missingText = legs.filter((l) => l.total === 0).map((l) => `no tool ${l.label}`).join('; ');
  return view;
}

/** One flag kind's count across the catalogue. */
export interface FlagCount {
  kind: FlagKind;
  tools: number;
  servers: number;
  url: string;
}

/** The home page's flag counts and trifecta servers. */
export interface FlagSummary {
  flags: FlagCount[];
  /** Servers whose tools together form the trifecta, in catalogue order. */
  trifectaServers: { id: string; name: string; url: string }[];
  totalServers: number;
}

/** How many tools (and servers) carry each flag kind, and which servers have the full trifecta. */
export function flagSummary(data: SiteData): FlagSummary {
  const tools = new Map<FlagKind, number>();
  const servers = new Map<FlagKind, Set<string>>();
  for (const t of data.tools) {
    for (const k of kindsOf(t.flags)) {
      tools.set(k, (tools.get(k) ?? 0) + 1);
      let s = servers.get(k);
      if (!s) servers.set(k, (s = new Set()));
      s.add(t.serverId);
    }
  }
  const analysis = siteAnalysis(data);
  return {
    flags: FLAG_KINDS.map((kind) => ({ kind, tools: tools.get(kind) ?? 0, servers: servers.get(kind)?.size ?? 0, url: searchFilterUrl({ flag: kind.id }) })),
    trifectaServers: data.servers.filter((s) => analysis.byServer.get(s.id)?.trifecta.complete).map((s) => ({ id: s.id, name: s.server.name, url: `${s.url}#trifecta` })),
    totalServers: data.servers.length,
  };
}
