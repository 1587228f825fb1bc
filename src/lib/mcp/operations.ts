/**
 * What each tool of `mcp-risk mcp` computes, as plain functions over a `CatalogService`: the same
 * functions the CLI and the site call, so a tool's structured result equals the CLI's output for
 * the same input (`classify --json`, `policy [--tool] [--format]`, `check`, `audit --json`).
 * Every input is bounded (`MCP_LIMITS`); a bad input throws `McpInputError`, one line naming the
 * argument, which the server returns as a tool error.
 */
import { auditParsed, exportAudit, parseConfig, AuditInputError, MAX_CONFIG_CHARS, type AuditReport, type ClientId } from '../audit/index.js';
import { loadCatalogueFor } from '../audit/load.js';
import { checkTool, classify, effectiveVerdict, peerFlags, type CheckFinding, type RuleSet } from '../classify/index.js';
import { IngestError, normalizeListedTools, parseToolsJson } from '../ingest/index.js';
import { explainDecision, exportPolicy, generateServerPolicy, generateToolPolicy, type ExportResult } from '../policy/index.js';
import type { Category, Classification, Policy, Risk, ToolDefinition } from '../schema/index.js';
import type { CatalogService } from './catalog-service.js';

/** Bounds on every argument. */
export const MCP_LIMITS = {
  /** Server ids, tool names, file names. */
  nameChars: 256,
  /** A search query. */
  queryChars: 200,
  /** Results of one search. */
  searchResults: 50,
  /** One tool definition's JSON text (`lookup_tool`). */
  definitionChars: 256 * 1024,
  /** A pasted tools/list result (`check_definition`). */
  toolsListChars: 2 * 1024 * 1024,
  /** Tools in a pasted tools/list result. */
  toolsListTools: 2_000,
  /** A client config's text (`audit_config`): the audit library's own bound. */
  configChars: MAX_CONFIG_CHARS,
} as const;

/** A bad argument: `<argument>: <problem>`. */
export class McpInputError extends Error {
  override readonly name = 'McpInputError';
  constructor(argument: string, problem: string) {
    super(`${argument}: ${problem}`);
  }
}

/** The `classify --json` entry of one tool (the stable contract). */
export type ClassifyEntry = { name: string } & Classification;

/** An export of a policy, as `--format` prints it, with its file name and notes. */
export interface PolicyExport {
  format: string;
  filename: string;
  mediaType: string;
  text: string;
  notes: string[];
}

function exportOf(format: string, r: ExportResult): PolicyExport {
  return { format, filename: r.filename, mediaType: r.mediaType, text: r.text, notes: [...r.notes] };
}

/** A default server name every export format accepts (the same rule as `mcp-risk policy`). */
export function exportServerName(raw: string): string {
  const cleaned = raw.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 64);
  return cleaned || 'server';
}

function quoted(s: string, max = 80): string {
  return JSON.stringify(s.length > max ? `${s.slice(0, max - 1)}…` : s);
}

/** The `classify --json` entries of a tool list, with the server-wide (peer) flags, in order. */
export function classifyEntries(tools: readonly ToolDefinition[], rules: RuleSet): ClassifyEntry[] {
  const peers = peerFlags(tools, rules);
  return tools.map((t, i) => {
    const c = classify(t, rules);
    return { name: t.name, category: c.category, risk: c.risk, annotations: c.annotations, evidence: c.evidence, flags: [...c.flags, ...(peers.get(i) ?? [])], rationale: c.rationale, confidence: c.confidence };
  });
}

/** Parse pasted tools/list JSON text (`argument` names it in errors), bounded in size and count. */
export function parseToolsText(text: string, argument: string, maxChars: number): { tools: ToolDefinition[]; skipped: string[] } {
  if (text.length > maxChars) throw new McpInputError(argument, `over ${maxChars} characters`);
  try {
    const listed = parseToolsJson(text, argument, { maxTools: MCP_LIMITS.toolsListTools });
    const n = normalizeListedTools(listed.tools);
    return { tools: n.tools.map((t) => t.definition), skipped: n.skipped.map((s) => s.reason) };
  } catch (e) {
    if (e instanceof IngestError) throw new McpInputError(argument, e.message.startsWith(`${argument}: `) ? e.message.slice(argument.length + 2) : e.message);
    throw e;
  }
}

/** `lookup_tool`'s input. */
export interface LookupInput {
  server?: string | undefined;
  tool?: string | undefined;
  definition?: string | undefined;
  format?: string | undefined;
}

/** `lookup_tool`'s result. */
export interface LookupResult {
  source: 'catalogue' | 'definition';
  tool: string;
  server?: { id: string; name: string };
  /** Site path of the tool page (catalogue tools). */
  url?: string;
  /** The verdict that applies (a human review wins over the classifier). */
  category: Category;
  risk: Risk;
  overridden: boolean;
  review?: { reason: string; category?: Category; risk?: Risk };
  evidence: Classification['evidence'];
  flags: Classification['flags'];
  /** The classifier's own result: the tool's `classify --json` entry. */
  classification: ClassifyEntry;
  /** The hints the tool itself declares (absent when it declares none). */
  declaredAnnotations?: Record<string, unknown>;
  /** The recommended one-tool policy (`mcp-risk policy --tool`): default allow, this tool's entry. */
  policy: Policy;
  /** What the policy does, in the evaluator's words. */
  explanation: string;
  /** The policy in the asked export format. */
  export?: PolicyExport;
}

/** `lookup_tool`: a catalogue tool by server id and exact name, or a pasted definition. */
export function lookupTool(svc: CatalogService, input: LookupInput): LookupResult {
  const byName = input.server !== undefined || input.tool !== undefined;
  if (byName === (input.definition !== undefined)) throw new McpInputError('server, tool, definition', 'give either server and tool, or definition (not both)');
  let result: Omit<LookupResult, 'policy' | 'explanation'>;
  let exportName: string;
  if (input.definition !== undefined) {
    let raw: unknown;
    if (input.definition.length > MCP_LIMITS.definitionChars) throw new McpInputError('definition', `over ${MCP_LIMITS.definitionChars} characters`);
    try {
      raw = JSON.parse(input.definition);
    } catch (e) {
      throw new McpInputError('definition', `invalid JSON: ${(e as Error).message}`);
    }
    const n = normalizeListedTools([raw]);
    const t = n.tools[0];
    if (!t) throw new McpInputError('definition', `expected one tool definition object with a "name": ${n.skipped[0]?.reason ?? 'not usable'}`);
    const entry = classifyEntries([t.definition], svc.rules)[0]!;
    result = { source: 'definition', tool: entry.name, category: entry.category, risk: entry.risk, overridden: false, evidence: entry.evidence, flags: entry.flags, classification: entry };
    if (t.definition.annotations && typeof t.definition.annotations === 'object') result.declaredAnnotations = { ...t.definition.annotations };
    exportName = 'server';
  } else {
    if (input.server === undefined || input.tool === undefined) throw new McpInputError(input.server === undefined ? 'server' : 'tool', 'required with the other (or give definition instead)');
    const s = svc.server(input.server);
    if (!s) throw new McpInputError('server', `no server ${quoted(input.server)} in the catalogue (search_catalog finds server ids)`);
    const t = s.tools.find((x) => x.name === input.tool);
    if (!t) {
      const near = s.tools.find((x) => x.name.toLowerCase() === input.tool!.toLowerCase());
      throw new McpInputError('tool', `server ${quoted(s.id)} has no tool named ${quoted(input.tool)}${near ? ` (did you mean ${quoted(near.name)}? names are case-sensitive)` : ''}`);
    }
    const c = t.classification;
    const classification: ClassifyEntry = { name: t.name, category: c.category, risk: c.risk, annotations: c.annotations, evidence: c.evidence, flags: t.flags, rationale: c.rationale, confidence: c.confidence };
    const v = effectiveVerdict(c, t.review);
    result = { source: 'catalogue', tool: t.name, server: { id: s.id, name: s.server.name }, url: t.url, category: v.category, risk: v.risk, overridden: v.overridden, evidence: c.evidence, flags: t.flags, classification };
    if (t.review) {
      result.review = { reason: t.review.reason };
      if (t.review.category) result.review.category = t.review.category;
      if (t.review.risk) result.review.risk = t.review.risk;
    }
    if (t.definition.annotations && typeof t.definition.annotations === 'object') result.declaredAnnotations = { ...t.definition.annotations };
    exportName = exportServerName(s.id);
  }
  const policy = generateToolPolicy(result.tool, { category: result.category, risk: result.risk }, svc.mapping);
  const out: LookupResult = { ...result, policy, explanation: explainDecision(policy, result.tool) };
  if (input.format !== undefined) out.export = exportOf(input.format, exportPolicy(input.format, policy, { server: exportName }));
  return out;
}

/** `search_catalog`'s input. */
export interface SearchInput {
  query: string;
  risk?: Risk | undefined;
  category?: Category | undefined;
  server?: string | undefined;
  limit?: number | undefined;
}

/** One search hit. */
export interface SearchHit {
  server: string;
  serverName: string;
  tool: string;
  category: Category;
  risk: Risk;
  description: string;
  /** Site path of the tool page. */
  url: string;
}

/** `search_catalog`'s result. */
export interface SearchResult {
  query: string;
  filters: { risk?: Risk; category?: Category; server?: string };
  /** How many tools matched (more than `hits` when the limit cut them). */
  total: number;
  hits: SearchHit[];
}

/** `search_catalog`: the site's search engine (typos forgiven), filtered, at most `limit` hits. */
export async function searchCatalog(svc: CatalogService, input: SearchInput): Promise<SearchResult> {
  const limit = input.limit ?? 10;
  if (!Number.isInteger(limit) || limit < 1 || limit > MCP_LIMITS.searchResults) throw new McpInputError('limit', `expected an integer from 1 to ${MCP_LIMITS.searchResults}`);
  if (input.query.length > MCP_LIMITS.queryChars) throw new McpInputError('query', `over ${MCP_LIMITS.queryChars} characters`);
  if (input.server !== undefined && !svc.serverIds().includes(input.server)) throw new McpInputError('server', `no server ${quoted(input.server)} in the catalogue`);
  const filters: SearchResult['filters'] = {};
  if (input.risk) filters.risk = input.risk;
  if (input.category) filters.category = input.category;
  if (input.server) filters.server = input.server;
  const engine = await svc.engine();
  const r = await engine.search(input.query, filters, limit);
  return {
    query: input.query,
    filters,
    total: r.total,
    hits: r.hits.map((h) => ({ server: h.serverId, serverName: h.serverName, tool: h.name, category: h.category, risk: h.risk, description: h.description, url: h.url })),
  };
}

/** `get_server_policy`'s result. */
export interface ServerPolicyResult {
  server: { id: string; name: string };
  toolCount: number;
  /** The whole-server policy (`mcp-risk policy --id`): default deny, an entry for every tool. */
  policy: Policy;
  /** The policy in the asked format (`policy` when none was asked). */
  export: PolicyExport;
}

/** `get_server_policy`: a catalogue server's whole policy, reviews applied, in any export format. */
export function getServerPolicy(svc: CatalogService, input: { server: string; format?: string | undefined }): ServerPolicyResult {
  const s = svc.server(input.server);
  if (!s) throw new McpInputError('server', `no server ${quoted(input.server)} in the catalogue (search_catalog finds server ids)`);
  const policy = generateServerPolicy(s.tools.map((t) => ({ name: t.name, verdict: { category: t.verdict.category, risk: t.verdict.risk } })), svc.mapping);
  const format = input.format ?? 'policy';
  return { server: { id: s.id, name: s.server.name }, toolCount: s.tools.length, policy, export: exportOf(format, exportPolicy(format, policy, { server: exportServerName(s.id) })) };
}

/** `audit_config`'s result: the `audit --json` report, with the export when a format is asked. */
export type AuditResult = AuditReport & { export?: PolicyExport };

/** `audit_config`: a client config's text against the catalogue only (nothing is started). */
export function auditConfigText(svc: CatalogService, input: { config: string; fileName?: string | undefined; client?: ClientId | undefined; format?: string | undefined }): AuditResult {
  if (input.config.length > MCP_LIMITS.configChars) throw new McpInputError('config', `over ${MCP_LIMITS.configChars} characters`);
  const fileName = input.fileName ?? '';
  let parsed;
  try {
    parsed = parseConfig(input.config, fileName, input.client ? { client: input.client } : {});
  } catch (e) {
    if (e instanceof AuditInputError) throw new McpInputError('config', e.message);
    throw e;
  }
  delete parsed.secrets;
  const report: AuditResult = auditParsed(parsed, loadCatalogueFor(svc.dir, parsed), { mapping: svc.mapping });
  if (input.format !== undefined) {
    const out = exportAudit(report, input.format);
    report.export = { format: out.format, filename: out.filename, mediaType: out.mediaType, text: out.text, notes: [...out.notes] };
  }
  return report;
}

/** `check_definition`'s result. */
export interface CheckResult {
  /** `classify --json` of the pasted tools. */
  tools: ClassifyEntry[];
  /** `mcp-risk check`'s findings, in its order. */
  findings: CheckFinding[];
  errors: number;
  warnings: number;
  /** True when `mcp-risk check` would exit 0 (no errors). */
  passed: boolean;
  /** Entries skipped (no usable name), one line each. */
  skipped: string[];
}

/** `check_definition`: a pasted tools/list classified and checked like `mcp-risk check`. */
export function checkDefinition(svc: CatalogService, input: { tools: string }): CheckResult {
  const { tools, skipped } = parseToolsText(input.tools, 'tools', MCP_LIMITS.toolsListChars);
  const findings = tools.flatMap((t) => checkTool(t, svc.rules));
  const errors = findings.filter((f) => f.severity === 'error').length;
  return { tools: classifyEntries(tools, svc.rules), findings, errors, warnings: findings.length - errors, passed: errors === 0, skipped };
}
