/**
 * Build side of the audit data (Node: the site build and the CLI; not bundled for the browser):
 * the index entry and the data file of a catalogue server, from its classified tools, and the
 * same for a server listed live. One code path, so the site's files and the CLI's in-memory
 * catalogue hold the same verdicts, legs and flags.
 */
import { annotationStatus } from '../analysis/annotations.js';
import { trifectaLegs } from '../analysis/trifecta.js';
import { TRIFECTA_LEGS, type TrifectaRules } from '../analysis/trifecta-rules.js';
import { classify, effectiveVerdict, peerFlags, type PeerContext, type RuleSet } from '../classify/index.js';
import { toolSlugs } from '../catalog/slugs.js';
import type { Classification, Flag, Review, Server, ToolDefinition } from '../schema/index.js';
import { urls } from '../view/urls.js';
import { AUDIT_DATA_VERSION, auditServerFileUrl, type AuditIndex, type AuditServer, type AuditTool, type IndexPackage, type IndexServer, type Leg } from './data.js';
import { launchPackage, normalizeUrl, parseNpmArg } from './launch.js';

/** One classified tool (a `SiteTool` is one). */
export interface ClassifiedTool {
  name: string;
  slug: string;
  definition: ToolDefinition;
  classification: Classification;
  verdict: { category: Classification['category']; risk: Classification['risk']; overridden: boolean };
  flags: Flag[];
}

/** An audit tool from a classified one: legs computed on the effective category, as server pages do. */
export function auditTool(t: ClassifiedTool, rules: TrifectaRules): AuditTool {
  const c = { ...t.classification, category: t.verdict.category };
  const legs = trifectaLegs(t.definition, c, rules);
  return {
    name: t.name,
    slug: t.slug,
    category: t.verdict.category,
    risk: t.verdict.risk,
    reviewed: t.verdict.overridden,
    legs: TRIFECTA_LEGS.filter((l) => legs[l].length > 0) as Leg[],
    conflict: annotationStatus(t.definition, t.classification) === 'conflict',
    flags: [...new Set(t.flags.map((f) => f.id))],
  };
}

/** Classify raw tools (a live listing, or a catalogue server's files) into `ClassifiedTool`s. */
export function classifyTools(
  tools: readonly { definition: ToolDefinition; review?: Review; slug?: string }[],
  rules: RuleSet,
  context?: PeerContext,
): ClassifiedTool[] {
  const slugs = toolSlugs(tools.map((t) => t.definition.name));
  // With a context (a catalogue server), shadowing means "another server of the catalogue lists it", as on the site.
  const peer = peerFlags(tools.map((t) => t.definition), rules, context);
  return tools.map((t, i) => {
    const classification = classify(t.definition, rules);
    const v = effectiveVerdict(classification, t.review);
    return {
      name: t.definition.name,
      slug: t.slug ?? slugs[i] ?? t.definition.name,
      definition: t.definition,
      classification,
      verdict: { category: v.category, risk: v.risk, overridden: v.overridden },
      flags: [...classification.flags, ...(peer.get(i) ?? [])],
    };
  });
}

/** A server's audit data. */
export function auditServer(id: string, name: string, url: string, tools: readonly ClassifiedTool[], rules: TrifectaRules): AuditServer {
  return { id, name, url, tools: tools.map((t) => auditTool(t, rules)) };
}

const REGISTRY_HOSTS = /(?:^|\.)(?:npmjs\.com|npmjs\.org|github\.com|gitlab\.com|pypi\.org|smithery\.ai|glama\.ai|mcp\.so)$/i;

/** The index entry of a catalogue server. */
export function indexServer(id: string, server: Server, toolCount: number): IndexServer {
  const packages: IndexPackage[] = [];
  const add = (p: IndexPackage | undefined): void => {
    if (p && !packages.some((q) => q.ecosystem === p.ecosystem && q.name === p.name && q.version === p.version)) packages.push(p);
  };
  if (server.package) {
    const p = parseNpmArg(server.package);
    if (p) add({ ecosystem: 'npm', name: p.name, ...(p.version ? { version: p.version } : {}) });
  }
  if (server.launch.transport === 'stdio') {
    const p = launchPackage(server.launch.command, server.launch.args);
    if (p && !p.binOnly) add({ ecosystem: p.ecosystem, name: p.name, ...(p.version ? { version: p.version } : {}) });
  }
  const urlsOut: string[] = [];
  if (server.launch.transport === 'streamable-http' || server.launch.transport === 'sse') {
    const u = normalizeUrl(server.launch.url);
    if (u) urlsOut.push(u);
  }
  if (server.homepage) {
    const u = normalizeUrl(server.homepage);
    if (u && !REGISTRY_HOSTS.test(new URL(u).hostname) && !urlsOut.includes(u)) urlsOut.push(u);
  }
  const info = server.serverInfo?.name;
  return {
    id,
    name: server.name,
    url: urls.server(id),
    data: auditServerFileUrl(id),
    toolCount,
    ingestedAt: server.ingestedAt,
    packages,
    urls: urlsOut,
    registryNames: info && /^[a-z0-9.-]+\/[A-Za-z0-9._-]+$/.test(info) ? [info] : [],
  };
}

/** The whole index from the servers' entries. */
export function auditIndex(servers: IndexServer[], rules: TrifectaRules): AuditIndex {
  return {
    version: AUDIT_DATA_VERSION,
    legs: { privateData: rules.legs.privateData.label, untrustedContent: rules.legs.untrustedContent.label, externalSend: rules.legs.externalSend.label },
    servers,
  };
}
