/**
 * The tool page's view-model and the tool's static JSON, from site data. Pages only lay this out.
 * Claims about the policy come from the evaluator (see faq.ts); everything else is the classifier's
 * output or the definition as listed.
 */
import type { Classification, Evidence, Flag } from '../schema/index.js';
import { explainDecision } from '../policy/explain.js';
import { annotationRows, declaresNoHints, type AnnotationRow } from './annotations.js';
import { attackPatternsFor, type AttackPattern } from './attack-patterns.js';
import { toolFaq, type FaqItem } from './faq.js';
import { CATEGORY_MEANING, RISK_MEANING } from './labels.js';
import { paramTable, type ParamTable } from './params.js';
import { policyFormats, type PolicyFormatView } from './policy-view.js';
import { relatedTools, type SiteData, type SiteTool } from './site-data.js';
import { readOmitted } from '../catalog/omitted.js';
import { toolHistoryView, type ToolHistoryView } from './history-view.js';
import { provenanceText } from './launch.js';
import { urls } from './urls.js';

/** Evidence as a readable sentence plus its raw parts. */
export interface EvidenceView extends Evidence {
  text: string;
}

/** Everything a tool page shows. */
export interface ToolPageView {
  tool: SiteTool;
  /** "tool 419 of 734". */
  positionText: string;
  whatItDoes: string[];
  whyPolicy: string[];
  evidence: EvidenceView[];
  attackPatterns: readonly AttackPattern[];
  annotations: AnnotationRow[];
  noHintsDeclared: boolean;
  conflicts: AnnotationRow[];
  flags: Flag[];
  /** The classifier's confidence, as shown: level and one sentence. */
  confidence: { level: 'high' | 'medium' | 'low'; text: string };
  params: ParamTable;
  formats: PolicyFormatView[];
  /** What the recommended policy does, from the evaluator. */
  policyEffect: string;
  applySteps: string[];
  faq: FaqItem[];
  related: SiteTool[];
  /** Present when a human review confirms the classifier's verdict without changing it. */
  confirmed?: { reason: string; reviewer?: string; date?: string };
  /** Present when a human review overrides the classifier. */
  override?: { classifierCategory: string; classifierRisk: string; reason: string; reviewer?: string; date?: string };
  /** Present when the server's tool list was saved from source (`launch.transport: file`), not listed live. */
  fromSource?: { text: string; provenance: string; href: string };
}

/** Readable name of an evidence field (`inputSchema.properties.x` -> `parameter "x"`). */
export function fieldLabel(field: string): string {
  if (field === 'name') return 'name';
  if (field === 'description') return 'description';
  if (field === 'title') return 'title';
  const p = /^inputSchema\.properties\.(.+)$/.exec(field);
  if (p) return `parameter “${p[1]}”`;
  const a = /^annotations\.(.+)$/.exec(field);
  if (a) return `declared annotation ${a[1]}`;
  return field;
}

/** One sentence per piece of evidence. */
export function evidenceText(e: Evidence): string {
  const hint = /^annotations\.(.+)$/.exec(e.field);
  if (hint) return `The server declares ${hint[1]}: ${e.match} (rule ${e.rule}).`;
  return `The ${fieldLabel(e.field)} matches “${e.match}” (rule ${e.rule}).`;
}

/** The confidence line of a tool page (a low-confidence verdict says it was treated as possibly destructive). */
export function confidenceView(c: Classification['confidence']): ToolPageView['confidence'] {
  const why = c.reason.charAt(0).toUpperCase() + c.reason.slice(1);
  const tail = c.level === 'low' ? ' The classifier treats it as possibly destructive and not read-only until a human reviews it.' : '';
  return { level: c.level, text: `${why}.${tail}` };
}

/** What a tool page shows besides its own tool (its whole `SiteTool`). */
export interface ToolPageInputs {
  /** The tool's index in its server's listing, and the server's tool count. */
  index: number;
  total: number;
  related: SiteTool[];
  history: ToolHistoryView;
  /** Set when the server's tool list was saved from its source or a file, not listed live. */
  fromSource?: { provenance: string };
}

/**
 * Everything a tool page (`toolPageView`, the history section) reads besides the tool itself: the
 * incremental build hashes exactly this (src/lib/build/manifest.ts), so a page that reads more of
 * the catalogue must get it from here. `index` may be passed when the caller knows it.
 */
export function toolPageInputs(data: SiteData, tool: SiteTool, index?: number): ToolPageInputs {
  const server = data.serverById.get(tool.serverId);
  return {
    index: index ?? (server ? server.tools.indexOf(tool) : 0),
    total: server?.tools.length ?? 1,
    related: relatedTools(data, tool, 8),
    history: toolHistoryView(data, tool),
    ...(server?.server.launch.transport === 'file' ? { fromSource: { provenance: provenanceText(server.server) } } : {}),
  };
}

/** The tool page view-model. */
export function toolPageView(data: SiteData, tool: SiteTool, inputs: ToolPageInputs = toolPageInputs(data, tool)): ToolPageView {
  const { total, index } = inputs;
  const { verdict, classification: c } = tool;
  const annotations = annotationRows(tool.definition, c.annotations);
  const params = paramTable(tool.definition.inputSchema);
  const policyEffect = explainDecision(tool.policy, tool.name);
  const override = verdict.overridden
    ? {
        classifierCategory: c.category,
        classifierRisk: c.risk,
        reason: verdict.reason ?? tool.review?.reason ?? '',
        ...(tool.review?.reviewer ? { reviewer: tool.review.reviewer } : {}),
        ...(tool.review?.date ? { date: tool.review.date } : {}),
      }
    : undefined;
  const required = params.rows.filter((r) => r.depth === 0 && r.required).map((r) => r.name);
  const top = params.rows.filter((r) => r.depth === 0).length;
  const whatItDoes = [
    `${tool.name} is tool ${index + 1} of ${total} that ${tool.serverName} lists.` +
      (tool.description ? ' Its own description is quoted above.' : ' The server gives it no description.'),
    `The catalogue classifies it as ${verdict.category}: a tool that ${CATEGORY_MEANING[verdict.category]}.`,
    readOmitted(tool.definition.inputSchema)
      ? 'Its input schema was too deep or too large to keep, so its parameters are unknown.'
      : top === 0
      ? 'It takes no parameters.'
      : `It takes ${top} parameter${top === 1 ? '' : 's'}${required.length ? ` (required: ${required.join(', ')})` : ', none of them required'}.`,
  ];
  const evidence = c.evidence.map((e) => ({ ...e, text: evidenceText(e) }));
  const whyPolicy = [
    `${verdict.risk} risk: ${RISK_MEANING[verdict.risk]}`,
    c.rationale,
    ...(override ? [`A human review set this verdict; the classifier alone said ${c.risk} / ${c.category}.`] : []),
    `The recommended policy: ${policyEffect}`,
  ].filter((s) => s.trim().length > 0);
  const faq = toolFaq({
    name: tool.name,
    serverName: tool.serverName,
    description: tool.description,
    category: verdict.category,
    risk: verdict.risk,
    rationale: c.rationale,
    policy: tool.policy,
    ...(override ? { override: { category: c.category, risk: c.risk, reason: override.reason } } : {}),
  });
  const view: ToolPageView = {
    tool,
    positionText: `tool ${index + 1} of ${total}`,
    whatItDoes,
    whyPolicy,
    evidence,
    attackPatterns: attackPatternsFor(verdict.category),
    annotations,
    noHintsDeclared: declaresNoHints(annotations),
    conflicts: annotations.filter((a) => a.conflict),
    flags: tool.flags,
    confidence: confidenceView(c.confidence),
    params,
    formats: policyFormats(tool.policy, { serverId: tool.serverId, toolSlug: tool.slug }),
    policyEffect,
    applySteps: [
      'Copy or download the policy.json above.',
      `Configure your MCP gateway or proxy to sit between the agent and ${tool.serverName}, and load this policy for that server.`,
      'Tools in "hide" are removed from the tool list the agent sees; every other tool is decided by the first rule naming it, else by "default".',
      'If the gateway has its own format, use one of the export formats where offered, and check its notes.',
      'Test it: ask the agent to list tools and call this one, and confirm the gateway does what the policy says.',
    ],
    faq,
    related: inputs.related,
  };
  if (inputs.fromSource) {
    view.fromSource = {
      text: `This definition was not listed by a running server: ${tool.serverName}'s tool list was saved from its source or a file, so a live server may list this tool differently (or not at all).`,
      provenance: inputs.fromSource.provenance,
      href: `${urls.server(tool.serverId)}#provenance`,
    };
  }
  if (override) view.override = override;
  else if (tool.review) {
    view.confirmed = {
      reason: tool.review.reason,
      ...(tool.review.reviewer ? { reviewer: tool.review.reviewer } : {}),
      ...(tool.review.date ? { date: tool.review.date } : {}),
    };
  }
  return view;
}

/** The tool's static JSON (`/api/tools/<server>/<tool>.json`). */
export function toolJson(tool: SiteTool, site: string | URL): Record<string, unknown> {
  const c = tool.classification;
  return {
    name: tool.name,
    server: tool.serverId,
    serverName: tool.serverName,
    slug: tool.slug,
    url: new URL(tool.url, site).href,
    category: tool.verdict.category,
    risk: tool.verdict.risk,
    overridden: tool.verdict.overridden,
    ...(tool.verdict.overridden
      ? { classifier: { category: c.category, risk: c.risk }, review: tool.review ?? { reason: tool.verdict.reason } }
      : {}),
    rationale: c.rationale,
    confidence: c.confidence,
    evidence: c.evidence,
    flags: tool.flags,
    annotations: c.annotations,
    policy: tool.policy,
    definition: tool.definition,
  };
}
