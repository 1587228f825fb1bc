/**
 * `auditConfig`: a client config's whole stack against the catalogue, in one pure, synchronous
 * call over already-loaded data (the CLI loads it from `catalog/`, the `/audit/` page from the
 * static JSON, an MCP tool from either). The report is plain JSON data: it is the `--json`
 * contract (README "Audit your own stack"), and the table and the page render it.
 *
 * Secrets: the report holds only names of env variables and headers, redacted arguments and
 * URLs, and never anything from `ParsedConfig.secrets`.
 */
import { recommendedChoice } from '../builder/actions.js';
import { combinePolicies, type ServerPolicy } from '../builder/combine.js';
import { builderServer, type BuilderServer } from '../builder/data.js';
import { exportCombined, type CombinedExport } from '../builder/export.js';
import type { Selection } from '../builder/selection.js';
import { stackTrifecta, type StackTrifecta } from '../analysis/stack.js';
import type { PolicyMapping } from '../policy/mapping.js';
import { SHIPPED_POLICY_MAPPING } from '../policy/mapping-data.js';
import { CATEGORIES, RISK_LEVELS, type Category, type Policy, type Risk } from '../schema/index.js';
import { EXPORT_SERVER_NAME } from '../policy/export/index.js';
import { parseConfig, type ClientId, type ConfigServer, type ParseOptions, type ParsedConfig } from './config.js';
import { LEGS, type AuditServer, type AuditTool, type CatalogueIndex, type Leg } from './data.js';
import { configPackage, matchServer, type MatchKind, type VersionMatch } from './match.js';
import { redactArgs, redactUrl, REDACTED } from './redact.js';

/** Version of the report's JSON contract. */
export const AUDIT_REPORT_VERSION = 1;

/** Where a server's tools came from. */
export type ServerStatus = 'catalogue' | 'live' | 'unknown' | 'unlisted';

/** One server of the config, as reported. */
export interface ReportServer {
  /** The config's key for it. */
  name: string;
  /** Unique key in this report (the name, plus the scope where a name repeats). */
  key: string;
  scope?: string;
  field: string;
  transport: 'stdio' | 'http' | 'sse';
  command?: string;
  /** Redacted. */
  args: string[];
  /** Redacted. */
  url?: string;
  env: string[];
  headers: string[];
  disabled: boolean;
  package?: { ecosystem: 'npm' | 'pypi'; name: string; version?: string; range?: string };
  status: ServerStatus;
  catalogue?: {
    id: string;
    name: string;
    url: string;
    by: MatchKind;
    version: VersionMatch;
    configVersion?: string;
    catalogueVersion?: string;
    ingestedAt: string;
  };
  tools?: {
    total: number;
    /** Tools the agent gets (the config's enabled/disabled tool lists applied; 0 when the server is disabled). */
    exposed: number;
    risk: Record<Risk, number>;
    category: Record<Category, number>;
    critical: string[];
    high: string[];
    conflicts: string[];
    flags: Record<string, number>;
    trifecta: { complete: boolean; legs: Record<Leg, string[]> };
  };
  /** Name of the server in exported policies (`mcp__<exportName>__<tool>`). */
  exportName: string;
  /** For unknown servers: the command that lists its tools locally in the sandbox. */
  check?: string;
  /** For unlisted servers: why listing failed. */
  error?: string;
}

/** One finding (any finding makes the exit code 1). */
export interface Finding {
  kind: 'critical-allowed' | 'server-trifecta' | 'cross-server-trifecta' | 'name-collision' | 'unknown-server' | 'unlisted-server';
  servers: string[];
  message: string;
}

/** A tool name that more than one server of the stack exposes. */
export interface NameCollision {
  name: string;
  servers: string[];
}

/**
 * The tool names that more than one server exposes (`servers` in the order given), sorted by name.
 * Names are compared exactly, as a client compares them when it calls a tool.
 */
export function nameCollisions(servers: readonly { server: string; names: readonly string[] }[]): NameCollision[] {
  const by = new Map<string, string[]>();
  for (const s of servers) {
    for (const name of new Set(s.names)) {
      const list = by.get(name);
      if (!list) by.set(name, [s.server]);
      else if (!list.includes(s.server)) list.push(s.server);
    }
  }
  return [...by]
    .filter(([, list]) => list.length > 1)
    .map(([name, list]) => ({ name, servers: list }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** The whole report. */
export interface AuditReport {
  version: typeof AUDIT_REPORT_VERSION;
  file: string;
  client: { id: ClientId; label: string; detectedBy: ParsedConfig['detectedBy'] };
  servers: ReportServer[];
  trifecta: StackTrifecta & { labels: Record<Leg, string> };
  findings: Finding[];
  /** Tool names that more than one enabled server exposes, by name (servers by report key, in file order). */
  collisions: NameCollision[];
  /** The combined recommended policy: one policy.json per known server, keyed by its report key. */
  policy: Record<string, Policy>;
  /** 0 clean, 1 findings (3 for a server that could not be listed is the CLI's to add). */
  exitCode: 0 | 1;
  totals: { servers: number; known: number; unknown: number; tools: number; exposed: number; risk: Record<Risk, number> };
}

/** The input: a config's text and its file name (any path; the name picks the format). */
export interface AuditInput {
  text: string;
  fileName: string;
}

/** Options of `auditConfig`. */
export interface AuditOptions extends ParseOptions {
  /** Servers listed live (`--live`), by report key: their tools, or why they could not be listed. */
  live?: ReadonlyMap<string, AuditServer | { error: string }>;
  mapping?: PolicyMapping;
}

/**
 * The server's name in exports: the config's own key where every format accepts it (Claude Code
 * rules then read `mcp__<key>__<tool>`, as the client names them), else a cleaned form plus a
 * short FNV-1a hash of the key (pure JS: this runs in the browser too).
 */
export function exportNameFor(key: string): string {
  if (EXPORT_SERVER_NAME.test(key)) return key;
  let h = 0x811c9dc5;
  for (const b of new TextEncoder().encode(key)) h = Math.imul(h ^ b, 0x01000193) >>> 0;
  const base = key.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 50) || 'server';
  return `${base}-${h.toString(16).padStart(8, '0').slice(0, 6)}`;
}

function zeros<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
}

/** A word safe for a shell command line (single-quoted when needed). */
export function shellWord(s: string): string {
  return /^[A-Za-z0-9_@%+=:,./<>-]+$/.test(s) && !/[<>]/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

function idFor(name: string): string {
  const id = name.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 64);
  return id || 'server';
}

/** The local command that lists an unknown server's tools in the sandbox (no secret values in it). */
export function checkCommand(s: ConfigServer, file: string): string {
  const id = idFor(s.name);
  const live = `mcp-risk audit ${shellWord(file)} --live`;
  if (s.command === undefined) {
    return `mcp-risk ingest --url ${shellWord(redactUrl(s.url ?? '') ?? REDACTED)} --id ${id}   (or: ${live})`;
  }
  const cmd = [s.command, ...redactArgs(s.args)].map(shellWord).join(' ');
  const env = s.env.map((n) => ` --env ${shellWord(`${n}=dummy`)}`).join('');
  return `mcp-risk ingest --command ${shellWord(cmd)} --id ${id}${env} --catalog ./my-catalog   (or: ${live})`;
}

function exposedTools(s: ConfigServer, tools: readonly AuditTool[]): AuditTool[] {
  if (s.disabled) return [];
  const enabled = s.enabledTools ? new Set(s.enabledTools) : undefined;
  const disabled = new Set(s.disabledTools ?? []);
  return tools.filter((t) => (!enabled || enabled.has(t.name)) && !disabled.has(t.name));
}

function toolSummary(s: ConfigServer, server: AuditServer): NonNullable<ReportServer['tools']> {
  const exposed = exposedTools(s, server.tools);
  const risk = zeros(RISK_LEVELS);
  const category = zeros(CATEGORIES);
  const flags: Record<string, number> = {};
  for (const t of server.tools) {
    risk[t.risk] += 1;
    category[t.category] += 1;
    for (const f of t.flags) flags[f] = (flags[f] ?? 0) + 1;
  }
  const legs = { privateData: [], untrustedContent: [], externalSend: [] } as Record<Leg, string[]>;
  for (const t of exposed) for (const l of t.legs) legs[l].push(t.name);
  return {
    total: server.tools.length,
    exposed: exposed.length,
    risk,
    category,
    critical: exposed.filter((t) => t.risk === 'Critical').map((t) => t.name),
    high: exposed.filter((t) => t.risk === 'High').map((t) => t.name),
    conflicts: server.tools.filter((t) => t.conflict).map((t) => t.name),
    flags: Object.fromEntries(Object.entries(flags).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
    trifecta: { complete: LEGS.every((l) => legs[l].length > 0), legs },
  };
}

function names(list: readonly string[], max = 3): string {
  const shown = list.slice(0, max).map((n) => `"${n.length > 60 ? `${n.slice(0, 59)}…` : n}"`).join(', ');
  return list.length > max ? `${shown} and ${list.length - max} more` : shown;
}

/**
 * Audit a config against the catalogue. Throws `AuditInputError` (`<file>: <field>: <problem>`)
 * for a file that cannot be read as any supported config. Servers whose catalogue data is not in
 * `catalogue.servers` are reported as unknown.
 */
export function auditConfig(input: AuditInput, catalogue: CatalogueIndex, opts: AuditOptions = {}): AuditReport {
  const parsed = parseConfig(input.text, input.fileName, { ...(opts.client ? { client: opts.client } : {}) });
  return auditParsed(parsed, catalogue, opts);
}

/** Report keys: the name, or `name@scope` where the name repeats. */
export function reportKeys(servers: readonly ConfigServer[]): string[] {
  const count = new Map<string, number>();
  for (const s of servers) count.set(s.name, (count.get(s.name) ?? 0) + 1);
  return servers.map((s) => ((count.get(s.name) ?? 0) > 1 && s.scope ? `${s.name}@${s.scope}` : s.name));
}

/** `auditConfig` over an already parsed config. */
export function auditParsed(parsed: ParsedConfig, catalogue: CatalogueIndex, opts: AuditOptions = {}): AuditReport {
  const mapping = opts.mapping ?? SHIPPED_POLICY_MAPPING;
  const keys = reportKeys(parsed.servers);
  const servers: ReportServer[] = [];
  const known: { key: string; config: ConfigServer; data: AuditServer }[] = [];
  parsed.servers.forEach((s, i) => {
    const key = keys[i] as string;
    const r: ReportServer = {
      name: s.name,
      key,
      field: s.field,
      transport: s.transport,
      args: redactArgs(s.args),
      env: [...s.env],
      headers: [...s.headers],
      disabled: s.disabled,
      status: 'unknown',
      exportName: exportNameFor(s.name),
    };
    if (s.scope !== undefined) r.scope = s.scope;
    if (s.command !== undefined) r.command = s.command;
    if (s.url !== undefined) r.url = redactUrl(s.url) ?? REDACTED;
    const pkg = configPackage(s);
    if (pkg) {
      r.package = { ecosystem: pkg.ecosystem, name: pkg.name };
      if (pkg.version) r.package.version = pkg.version;
      if (pkg.range) r.package.range = pkg.range;
    }
    const match = matchServer(s, catalogue.index);
    const data = match ? catalogue.servers.get(match.server.id) : undefined;
    const live = opts.live?.get(key);
    if (match && data) {
      r.status = 'catalogue';
      r.catalogue = { id: match.server.id, name: match.server.name, url: match.server.url, by: match.by, version: match.version, ingestedAt: match.server.ingestedAt };
      if (match.configVersion) r.catalogue.configVersion = match.configVersion;
      if (match.catalogueVersion) r.catalogue.catalogueVersion = match.catalogueVersion;
      r.tools = toolSummary(s, data);
      known.push({ key, config: s, data });
    } else if (live && 'tools' in live) {
      r.status = 'live';
      r.tools = toolSummary(s, live);
      known.push({ key, config: s, data: live });
    } else {
      r.check = checkCommand(s, parsed.file);
      if (live && 'error' in live) {
        r.status = 'unlisted';
        r.error = live.error;
      }
    }
    servers.push(r);
  });

  const findings: Finding[] = [];
  for (const r of servers) {
    if (r.tools && r.tools.critical.length > 0) {
      findings.push({ kind: 'critical-allowed', servers: [r.key], message: `${r.key}: ${r.tools.critical.length} Critical ${r.tools.critical.length === 1 ? 'tool is' : 'tools are'} available to the agent: ${names(r.tools.critical)}` });
    }
  }
  const enabled = known.filter((k) => !k.config.disabled).map((k) => ({ server: k.key, tools: exposedTools(k.config, k.data.tools) }));
  const stack = stackTrifecta(enabled.map((k) => ({ server: k.server, tools: k.tools.map((t) => ({ name: t.name, legs: t.legs })) })));
  const labels = catalogue.index.legs;
  for (const s of stack.singleServer) {
    findings.push({ kind: 'server-trifecta', servers: [s], message: `${s}: its own tools cover all three legs of the lethal trifecta (${labels.privateData}, ${labels.untrustedContent}, ${labels.externalSend})` });
  }
  if (stack.pathCount > 0) {
    const first = stack.paths[0];
    const eg = first ? ` (e.g. ${first.privateData.server} ${labels.privateData}, ${first.untrustedContent.server} ${labels.untrustedContent}, ${first.externalSend.server} ${labels.externalSend})` : '';
    const involved = [...new Set(stack.paths.flatMap((p) => LEGS.map((l) => p[l].server)))];
    findings.push({ kind: 'cross-server-trifecta', servers: involved, message: `${stack.pathCount} lethal-trifecta ${stack.pathCount === 1 ? 'path crosses' : 'paths cross'} servers${eg}: content an attacker writes can make the agent send private data out` });
  }
  const collisions = nameCollisions(enabled.map((k) => ({ server: k.server, names: k.tools.map((t) => t.name) })));
  if (collisions.length > 0) {
    const eg = collisions.slice(0, 3).map((c) => `${names([c.name])} by ${c.servers.join(' and ')}`).join('; ');
    const more = collisions.length > 3 ? `; and ${collisions.length - 3} more` : '';
    findings.push({
      kind: 'name-collision',
      servers: [...new Set(collisions.flatMap((c) => c.servers))],
      message: `${collisions.length} tool ${collisions.length === 1 ? 'name is' : 'names are'} exposed by more than one server (${eg}${more}): a client that shows tool names without their server can call one server's tool in place of the other's, and a server can shadow another's tool by reusing its name`,
    });
  }
  for (const r of servers) {
    if (r.status === 'unknown') findings.push({ kind: 'unknown-server', servers: [r.key], message: `${r.key}: not in the catalogue; check it locally: ${r.check ?? ''}` });
    if (r.status === 'unlisted') findings.push({ kind: 'unlisted-server', servers: [r.key], message: `${r.key}: could not be listed: ${r.error ?? ''}` });
  }

  const combined = combinedPolicies(known.map((k) => ({ key: k.key, exportName: exportNameFor(k.config.name), data: k.data })), mapping);
  const risk = zeros(RISK_LEVELS);
  let tools = 0;
  let exposed = 0;
  for (const r of servers) {
    if (!r.tools) continue;
    tools += r.tools.total;
    exposed += r.tools.exposed;
    for (const lvl of RISK_LEVELS) risk[lvl] += r.tools.risk[lvl];
  }
  return {
    version: AUDIT_REPORT_VERSION,
    file: parsed.file,
    client: { id: parsed.client, label: parsed.label, detectedBy: parsed.detectedBy },
    servers,
    trifecta: { ...stack, labels: { ...labels } },
    findings,
    collisions,
    policy: Object.fromEntries(combined.map((p) => [p.server.id, p.policy])),
    exitCode: findings.length > 0 ? 1 : 0,
    totals: { servers: servers.length, known: known.length, unknown: servers.length - known.length, tools, exposed, risk },
  };
}

/**
 * The combined recommendation through the policy builder: every tool of each known server with
 * its recommended action, and `default: "deny"` (a tool the server adds later is refused until
 * reviewed), exactly the server page's whole-server policy for a catalogue server.
 */
export function combinedPolicies(servers: readonly { key: string; exportName: string; data: AuditServer }[], mapping: PolicyMapping = SHIPPED_POLICY_MAPPING): ServerPolicy[] {
  const map = new Map<string, BuilderServer>();
  const sel: Selection = { servers: [] };
  for (const s of servers) {
    const b = builderServer({
      id: s.key,
      name: s.data.name,
      exportName: s.exportName,
      url: s.data.url,
      tools: s.data.tools.map((t, index) => ({ name: t.name, slug: t.slug, category: t.category, risk: t.risk, reviewed: t.reviewed, index })),
    });
    map.set(s.key, b);
    sel.servers.push({ id: s.key, defaultDeny: true, tools: b.tools.filter((t) => t.name.length > 0).map((t) => ({ slug: t.slug, choice: recommendedChoice(t, mapping) })) });
  }
  sel.servers.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return combinePolicies(sel, map, mapping);
}

/** The report's combined policy in an export format (the builder's exporters). */
export function exportAudit(report: AuditReport, format: string): CombinedExport {
  const byKey = new Map(report.servers.map((s) => [s.key, s]));
  const parts: ServerPolicy[] = Object.entries(report.policy).map(([key, policy]) => {
    const s = byKey.get(key);
    return { server: builderServer({ id: key, name: s?.catalogue?.name ?? key, exportName: s?.exportName ?? exportNameFor(key), url: s?.catalogue?.url ?? '/', tools: [] }), policy, tools: [] };
  });
  return exportCombined(format, parts);
}
