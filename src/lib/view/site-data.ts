/**
 * Everything the pages render, computed once per build: the catalogue is loaded once, every tool is
 * classified once, effective verdicts (human reviews applied) and recommended policies are computed
 * once, and pages read plain view-model objects from here (`getSiteData()` caches per process).
 */
import { catalogDir, loadCatalog, type Catalog, type CatalogTool } from '../catalog/index.js';
import { catalogToolNames, classify, effectiveVerdict, loadRules, peerFlags, tokenize, type CatalogNames, type RuleSet } from '../classify/index.js';
import { generateServerPolicy, generateToolPolicy } from '../policy/generate.js';
import type { Category, Classification, Flag, Policy, Review, Risk, Server, ToolDefinition } from '../schema/index.js';
import { CATEGORIES, RISK_LEVELS } from '../schema/index.js';
import { riskDistribution, type RiskCount } from './distribution.js';
import { compareDanger } from './labels.js';
import { pickMostDangerous, type SpreadOptions } from './danger.js';
import { urls } from './urls.js';

/** A tool's effective verdict: the classifier's, or a human review's where one overrides it. */
export interface SiteVerdict {
  category: Category;
  risk: Risk;
  overridden: boolean;
  reason?: string;
}

/** One tool, ready for pages. */
export interface SiteTool {
  serverId: string;
  serverName: string;
  slug: string;
  name: string;
  title?: string;
  description: string;
  position: number;
  definition: ToolDefinition;
  review?: Review;
  /** Markdown body of the tool file (editorial notes). */
  body: string;
  /** The classifier's own result (before any review). */
  classification: Classification;
  /** Effective verdict (review applied). */
  verdict: SiteVerdict;
  /** Flags from the classifier plus flags that compare the tool with its server's other tools. */
  flags: Flag[];
  /** Lowercase name tokens (classifier's tokenizer), for search. */
  tokens: string[];
  /** Recommended one-tool policy (`default: allow`). */
  policy: Policy;
  url: string;
  apiUrl: string;
}

/** One server, ready for pages. */
export interface SiteServer {
  id: string;
  server: Server;
  /** Tools in the server's listing order. */
  tools: SiteTool[];
  /** Whole-server policy (`default: deny`). */
  policy: Policy;
  distribution: { total: number; counts: RiskCount[] };
  /** The server's tools per effective category, in listing order. */
  byCategory: Record<Category, SiteTool[]>;
  url: string;
}

/** The whole site's data. */
export interface SiteData {
  /** Absolute catalogue folder the data was read from. */
  dir: string;
  servers: SiteServer[];
  serverById: Map<string, SiteServer>;
  /** Every tool, by server id then listing order. */
  tools: SiteTool[];
  /** Tools per category and per risk level, most dangerous first. */
  byCategory: Record<Category, SiteTool[]>;
  byRisk: Record<Risk, SiteTool[]>;
  /** Totals across the catalogue. */
  distribution: { total: number; counts: RiskCount[] };
}

/** Key of a tool in lookups: `<serverId>/<slug>`. */
export function toolKey(serverId: string, slug: string): string {
  return `${serverId}/${slug}`;
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/** How far `relatedTools` looks into a category list for tools of other servers. */
const RELATED_SCAN = 400;

/** Index of each tool in its server's per-category list (for O(limit) related tools). */
const categoryIndex: WeakMap<SiteTool, number> = ((globalThis as { [k: symbol]: unknown })[Symbol.for('mcp-risk-catalog.category-index')] ??=
  new WeakMap<SiteTool, number>()) as WeakMap<SiteTool, number>;

function emptyByCategory(): Record<Category, SiteTool[]> {
  return Object.fromEntries(CATEGORIES.map((c) => [c, [] as SiteTool[]])) as Record<Category, SiteTool[]>;
}

/** A tool as `compareDanger` reads it. */
function dangerKey(t: SiteTool): { risk: Risk; category: Category; name: string } {
  return { risk: t.verdict.risk, category: t.verdict.category, name: t.name };
}

/**
 * Build the site data from a loaded catalogue and the classifier rules (pure given its inputs).
 * `classifyTool` may give a tool's classification from a cache (src/lib/build/data-cache.ts): it
 * must return what `classify(tool.definition, rules)` returns.
 */
export function buildSiteData(
  catalog: Catalog,
  rules: RuleSet,
  classifyTool: (tool: CatalogTool) => Classification = (t) => classify(t.definition, rules),
  catalogNames: CatalogNames = catalogToolNames(catalog.servers.map((cs) => ({ id: cs.id, names: cs.tools.map((t) => t.definition.name) }))),
): SiteData {
  const servers: SiteServer[] = [];
  const all: SiteTool[] = [];
  // "Shadows a common tool" means another server of this catalogue lists the same name (`catalogNames`:
  // by default the names of `catalog`; give the whole catalogue's when `catalog` holds part of it).
  for (const cs of catalog.servers) {
    const peer = peerFlags(cs.tools.map((t) => t.definition), rules, { serverId: cs.id, catalogNames });
    const tools = cs.tools.map((t, i): SiteTool => {
      const classification = classifyTool(t);
      const v = effectiveVerdict(classification, t.review);
      const verdict: SiteVerdict = { category: v.category, risk: v.risk, overridden: v.overridden };
      if (v.reason !== undefined) verdict.reason = v.reason;
      const name = t.definition.name;
      const tool: SiteTool = {
        serverId: cs.id,
        serverName: cs.server.name,
        slug: t.slug,
        name,
        description: str(t.definition.description),
        position: t.position,
        definition: t.definition,
        body: t.body,
        classification,
        verdict,
        flags: [...classification.flags, ...(peer.get(i) ?? [])],
        tokens: tokenize(name),
        // A tool with an empty name cannot be named by any policy rule: only a default-deny policy stops it.
        policy: name ? generateToolPolicy(name, { category: verdict.category, risk: verdict.risk }) : { version: '1', default: 'deny', hide: [], rules: [] },
        url: urls.tool(cs.id, t.slug),
        apiUrl: urls.apiTool(cs.id, t.slug),
      };
      const title = str(t.definition.title);
      if (title) tool.title = title;
      if (t.review) tool.review = t.review;
      return tool;
    });
    const serverByCategory = emptyByCategory();
    for (const t of tools) {
      categoryIndex.set(t, serverByCategory[t.verdict.category].length);
      serverByCategory[t.verdict.category].push(t);
    }
    servers.push({
      id: cs.id,
      byCategory: serverByCategory,
      server: cs.server,
      tools,
      policy: generateServerPolicy(tools.map((t) => ({ name: t.name, verdict: { category: t.verdict.category, risk: t.verdict.risk } }))),
      distribution: riskDistribution(tools.map((t) => t.verdict)),
      url: urls.server(cs.id),
    });
    all.push(...tools);
  }
  // Sorted by compareDanger (risk, category, name), then server id; each tool's key is built once
  // (not two objects per comparison: these lists hold every tool).
  const keys = new Map(all.map((t) => [t, dangerKey(t)]));
  const danger = (a: SiteTool, b: SiteTool): number => compareDanger(keys.get(a)!, keys.get(b)!) || a.serverId.localeCompare(b.serverId);
  const byCategory = emptyByCategory();
  const byRisk = Object.fromEntries(RISK_LEVELS.map((r) => [r, [] as SiteTool[]])) as Record<Risk, SiteTool[]>;
  for (const t of all) {
    byCategory[t.verdict.category].push(t);
    byRisk[t.verdict.risk].push(t);
  }
  for (const list of [...Object.values(byCategory), ...Object.values(byRisk)]) list.sort(danger);
  return { dir: catalog.dir, servers, serverById: new Map(servers.map((s) => [s.id, s])), tools: all, byCategory, byRisk, distribution: riskDistribution(all.map((t) => t.verdict)) };
}

/**
 * The per-process cache lives on `globalThis` under a registered symbol: the Astro build loads its
 * own bundled copy of this module, and the build script (scripts/site.ts) reads the same data after
 * `astro build` (to write the per-tool JSON files) without loading the catalogue a second time.
 */
const CACHE = Symbol.for('mcp-risk-catalog.site-data');
type CacheHolder = { [CACHE]?: { dir: string; data: SiteData } };

/**
 * The site data for the catalogue folder from `MCP_CATALOG_DIR` (default `./catalog`), loaded and
 * classified once per process.
 */
export function getSiteData(dir: string = catalogDir()): SiteData {
  const holder = globalThis as CacheHolder;
  const cached = holder[CACHE];
  if (cached?.dir === dir) return cached.data;
  const data = buildSiteData(loadCatalog(dir), loadRules(dir));
  holder[CACHE] = { dir, data };
  return data;
}

/**
 * Use `data` as this process's site data for the catalogue folder `dir` (what `getSiteData(dir)`
 * returns from now on): the build script loads it through its cache before `astro build`.
 */
export function setSiteData(dir: string, data: SiteData): void {
  (globalThis as CacheHolder)[CACHE] = { dir, data };
}

/**
 * The most dangerous tools across the catalogue by `dangerScore` (risk x category x confidence, plus
 * warning flags), spread across servers and categories (`pickMostDangerous`, src/lib/view/danger.ts).
 */
export function mostDangerous(data: SiteData, limit: number, spread?: SpreadOptions): SiteTool[] {
  const candidates = data.tools.map((tool) => ({
    tool,
    serverId: tool.serverId,
    name: tool.name,
    risk: tool.verdict.risk,
    category: tool.verdict.category,
    flags: tool.flags,
    // A human review settles the verdict; otherwise the classifier's own confidence.
    confidence: tool.review ? ('high' as const) : tool.classification.confidence.level,
  }));
  return pickMostDangerous(candidates, limit, spread).map((c) => c.tool);
}

/**
 * Related tools of `tool`: same server and category first (nearest in listing order), then the same
 * category on other servers, at most `limit`. Cost is O(limit) per call over precomputed lists.
 */
export function relatedTools(data: SiteData, tool: SiteTool, limit = 8): SiteTool[] {
  const out: SiteTool[] = [];
  const seen = new Set<SiteTool>([tool]);
  const push = (t: SiteTool | undefined): void => {
    if (t && !seen.has(t) && out.length < limit) {
      seen.add(t);
      out.push(t);
    }
  };
  const same = data.serverById.get(tool.serverId)?.byCategory[tool.verdict.category] ?? [];
  const idx = categoryIndex.get(tool) ?? same.indexOf(tool);
  for (let d = 1; out.length < limit && (idx - d >= 0 || idx + d < same.length); d += 1) {
    push(same[idx + d]);
    push(same[idx - d]);
  }
  // Other servers: scan a bounded prefix of the category list so a page never walks the catalogue.
  const others = data.byCategory[tool.verdict.category];
  for (let i = 0; i < others.length && i < RELATED_SCAN && out.length < limit; i += 1) {
    const t = others[i];
    if (t && t.serverId !== tool.serverId) push(t);
  }
  return out;
}
