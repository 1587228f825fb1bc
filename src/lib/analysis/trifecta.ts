/**
 * The "lethal trifecta" per tool and per server: which tools read private data, which take in
 * untrusted content, which can send data out, and a warning when one server covers all three.
 * Pure given the rules (`catalog/analysis/trifecta.yaml`); bounded reads of the untrusted definition.
 */
import type { Classification, Evidence, ToolDefinition } from '../schema/index.js';
import { parameterPaths } from '../history/risky.js';
import { TRIFECTA_LEGS, defaultTrifectaRules, findWords, nameTokens, type CompiledSignal, type TrifectaLeg, type TrifectaRules } from './trifecta-rules.js';

/** Characters of a description scanned by the patterns. */
export const DESCRIPTION_SCAN_CHARS = 20_000;
/** Parameters of one tool looked at. */
export const MAX_PARAMS = 200;

/** Evidence per leg for one tool (empty arrays: the tool does not contribute to that leg). */
export type TrifectaLegs = Record<TrifectaLeg, Evidence[]>;

/** A server's trifecta: names of the tools forming each leg, and whether all three are present. */
export interface ServerTrifecta {
  complete: boolean;
  legs: Record<TrifectaLeg, string[]>;
  /** One sentence for the server page when complete, naming example tools of each leg. */
  warning?: string;
}

function quote(text: string, max = 60): string {
  const chars = [...text];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : text;
}

interface ToolFacts {
  tokens: string[];
  description: string;
  params: { path: string; tokens: string[] }[];
}

function facts(def: ToolDefinition): ToolFacts {
  const name = typeof def.name === 'string' ? def.name.slice(0, 512) : '';
  const description = typeof def.description === 'string' ? def.description.slice(0, DESCRIPTION_SCAN_CHARS) : '';
  const params = parameterPaths(def.inputSchema)
    .slice(0, MAX_PARAMS)
    .map((path) => {
      const last = path.split('.').pop() ?? path;
      return { path, tokens: nameTokens(last.replace(/\[\]$/, '')) };
    });
  return { tokens: nameTokens(name), description, params };
}

function fire(signal: CompiledSignal, f: ToolFacts, c: Classification): Evidence | undefined {
  if (signal.categories && !signal.categories.has(c.category)) return undefined;
  if (signal.openWorld !== undefined && c.annotations.openWorldHint !== signal.openWorld) return undefined;
  for (const words of signal.nameWords) {
    if (findWords(f.tokens, words)) return { rule: signal.id, field: 'name', match: words.join(' ') };
  }
  if (signal.description) {
    const m = signal.description.exec(f.description);
    if (m) return { rule: signal.id, field: 'description', match: quote(m[0]) };
  }
  for (const words of signal.paramWords) {
    const p = f.params.find((x) => findWords(x.tokens, words));
    if (p) return { rule: signal.id, field: `inputSchema.properties.${p.path}`, match: quote(p.path) };
  }
  for (const e of c.evidence) {
    if (signal.evidenceRules.has(e.rule)) return { rule: signal.id, field: e.field, match: e.match };
  }
  return undefined;
}

/**
 * The trifecta legs one tool contributes to, with the evidence for each. `classification` is the
 * tool's classification (its category should be the effective one when a review changed it).
 */
export function trifectaLegs(tool: ToolDefinition, classification: Classification, rules: TrifectaRules = defaultTrifectaRules()): TrifectaLegs {
  const f = facts(tool);
  const out = { privateData: [], untrustedContent: [], externalSend: [] } as TrifectaLegs;
  for (const leg of TRIFECTA_LEGS) {
    for (const signal of rules.legs[leg].signals) {
      const ev = fire(signal, f, classification);
      if (ev) out[leg].push(ev);
    }
  }
  return out;
}

function examples(names: readonly string[]): string {
  const shown = names.slice(0, 3).map((n) => `"${quote(n, 40)}"`).join(', ');
  return names.length > 3 ? `${shown} and ${names.length - 3} more` : shown;
}

/**
 * The trifecta of a whole server. Each tool is given with its classification (or with its legs
 * already computed). Complete when every leg has at least one tool.
 */
export function serverTrifecta(
  tools: readonly ({ definition: ToolDefinition; classification: Classification } | { definition: ToolDefinition; legs: TrifectaLegs })[],
  rules: TrifectaRules = defaultTrifectaRules(),
): ServerTrifecta {
  const legs: Record<TrifectaLeg, string[]> = { privateData: [], untrustedContent: [], externalSend: [] };
  for (const t of tools) {
    const l = 'legs' in t ? t.legs : trifectaLegs(t.definition, t.classification, rules);
    for (const leg of TRIFECTA_LEGS) if (l[leg].length > 0) legs[leg].push(t.definition.name);
  }
  const complete = TRIFECTA_LEGS.every((leg) => legs[leg].length > 0);
  const out: ServerTrifecta = { complete, legs };
  if (complete) {
    out.warning =
      `This server's tools cover all three legs: ${rules.legs.privateData.label} (${examples(legs.privateData)}), ` +
      `${rules.legs.untrustedContent.label} (${examples(legs.untrustedContent)}) and ` +
      `${rules.legs.externalSend.label} (${examples(legs.externalSend)}): content an attacker writes can ` +
      'instruct the agent to send private data out. Do not give an agent all three legs without approval.';
  }
  return out;
}
