/**
 * What makes a definition change "risky": a new parameter, new instruction-like text or URLs in the
 * text the agent reads, `readOnlyHint` no longer true, `destructiveHint` flipped from true to false,
 * or a higher verdict. The text patterns are the classifier's own flag rules (`catalog/rules/flags.yaml`:
 * hidden instructions, invisible and bidirectional characters, URLs), so both agree on what is suspect.
 * Everything here is bounded: schema walks by depth and count, text scans by length and matches.
 */
import { riskRank, type Risk, type ToolDefinition } from '../schema/index.js';
import type { RuleSet } from '../classify/index.js';
import { canonicalJson } from '../catalog/format.js';
import { readOmitted } from '../catalog/omitted.js';
import { fieldValue } from './fields.js';

/** Flag rules whose matches count as instruction-like text. */
export const INSTRUCTION_FLAG_IDS = ['hidden-instructions', 'invisible-unicode', 'bidi-unicode'] as const;
/** Flag rules whose matches count as URLs. */
export const URL_FLAG_IDS = ['url-in-description'] as const;

/** Nesting levels of `properties` / `items` walked for parameter paths and texts. */
export const SCHEMA_MAX_DEPTH = 8;
/** Schema nodes visited per definition. */
export const SCHEMA_MAX_NODES = 5000;
/** Characters of one text scanned for patterns; longer text is itself a risky reason. */
export const SCAN_MAX_CHARS = 1_000_000;
/** Matches kept per pattern group and text. */
const MAX_MATCHES = 200;

/** The patterns a change is scanned with. */
export interface TextPatterns {
  instructions: RegExp[];
  urls: RegExp[];
}

function global(re: RegExp): RegExp {
  return new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`);
}

/** Instruction and URL patterns taken from a classifier rule set's `flags` section. */
export function textPatterns(rules: RuleSet): TextPatterns {
  const pick = (ids: readonly string[]): RegExp[] =>
    rules.flags.filter((f) => ids.includes(f.rule.id) && f.re !== undefined).map((f) => global(f.re as RegExp));
  return { instructions: pick(INSTRUCTION_FLAG_IDS), urls: pick(URL_FLAG_IDS) };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

interface SchemaNode {
  node: Record<string, unknown>;
  path: string;
  depth: number;
}

/** Breadth-first walk of a JSON Schema's `properties` and `items`, bounded; calls `visit` per property. */
function walkProperties(schema: unknown, visit: (path: string, prop: unknown) => void): void {
  if (!isObject(schema)) return;
  const queue: SchemaNode[] = [{ node: schema, path: '', depth: 0 }];
  for (let q = 0; q < queue.length && q < SCHEMA_MAX_NODES; q += 1) {
    const { node, path, depth } = queue[q] as SchemaNode;
    if (depth >= SCHEMA_MAX_DEPTH) continue;
    const props = node.properties;
    if (isObject(props)) {
      for (const key of Object.keys(props)) {
        const child = props[key];
        const childPath = path ? `${path}.${key}` : key;
        visit(childPath, child);
        if (isObject(child)) queue.push({ node: child, path: childPath, depth: depth + 1 });
      }
    }
    const items = node.items;
    if (isObject(items)) queue.push({ node: items, path: `${path}[]`, depth: depth + 1 });
  }
}

/** Dotted paths of every parameter of an input schema (`options.callback_url`, `orders[].qty`). */
export function parameterPaths(schema: unknown): string[] {
  const out: string[] = [];
  walkProperties(schema, (path) => out.push(path));
  return out;
}

/** Every string inside a value (schema descriptions, enums, defaults...), bounded in count and depth. */
function stringsIn(value: unknown): string[] {
  const out: string[] = [];
  const stack: { v: unknown; depth: number }[] = [{ v: value, depth: 0 }];
  let visited = 0;
  while (stack.length > 0 && visited < SCHEMA_MAX_NODES) {
    const { v, depth } = stack.pop() as { v: unknown; depth: number };
    visited += 1;
    if (typeof v === 'string') out.push(v);
    else if (depth < SCHEMA_MAX_DEPTH * 3 && v !== null && typeof v === 'object') {
      for (const k of Object.keys(v)) {
        out.push(k);
        stack.push({ v: (v as Record<string, unknown>)[k], depth: depth + 1 });
      }
    }
  }
  return out;
}

/** The text an agent reads, per place: title, description, and the strings of the input schema. */
export function agentTexts(def: ToolDefinition): { where: 'title' | 'description' | 'inputSchema'; text: string }[] {
  const str = (v: unknown): string => (typeof v === 'string' ? v : '');
  return [
    { where: 'title', text: str(fieldValue(def, 'title')) },
    { where: 'description', text: str(fieldValue(def, 'description')) },
    { where: 'inputSchema', text: stringsIn(fieldValue(def, 'inputSchema')).join('\n') },
  ];
}

/** All matches of `patterns` in `text` (first `SCAN_MAX_CHARS` characters), at most `MAX_MATCHES`. */
export function matchesIn(text: string, patterns: readonly RegExp[]): string[] {
  const out: string[] = [];
  const scanned = text.length > SCAN_MAX_CHARS ? text.slice(0, SCAN_MAX_CHARS) : text;
  for (const re of patterns) {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while (out.length < MAX_MATCHES && (m = re.exec(scanned)) !== null) {
      if (m[0] === '') {
        re.lastIndex += 1;
        continue;
      }
      out.push(m[0]);
    }
  }
  return out;
}

/** Items of `after` not in `before`, as multisets (a second copy of the same URL is new). */
export function newItems(before: readonly string[], after: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const b of before) counts.set(b, (counts.get(b) ?? 0) + 1);
  const out: string[] = [];
  for (const a of after) {
    const n = counts.get(a) ?? 0;
    if (n > 0) counts.set(a, n - 1);
    else out.push(a);
  }
  return out;
}

/** A short, visible quotation of untrusted text for a reason line. */
export function shortQuote(text: string, max = 60): string {
  // eslint-disable-next-line no-control-regex
  const visible = text.replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\u00ad]/g, (c) => `<U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}>`);
  const chars = [...visible];
  return JSON.stringify(chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : visible);
}

/** Reasons for new instruction-like text or URLs in `after` compared with `before` (undefined = new tool). */
export function textReasons(before: ToolDefinition | undefined, after: ToolDefinition, patterns: TextPatterns): string[] {
  const reasons: string[] = [];
  const beforeTexts = before ? agentTexts(before) : [];
  for (const { where, text } of agentTexts(after)) {
    const old = beforeTexts.find((t) => t.where === where)?.text ?? '';
    if (text.length > SCAN_MAX_CHARS && text !== old) reasons.push(`${where} is longer than ${SCAN_MAX_CHARS} characters (not fully scanned)`);
    const added = newItems(matchesIn(old, patterns.instructions), matchesIn(text, patterns.instructions));
    if (added.length > 0) reasons.push(`adds instruction-like text to ${where}: ${added.slice(0, 3).map((a) => shortQuote(a)).join(', ')}`);
    const urls = newItems(matchesIn(old, patterns.urls), matchesIn(text, patterns.urls));
    if (urls.length > 0) reasons.push(`adds ${urls.length === 1 ? 'a URL' : 'URLs'} to ${where}: ${urls.slice(0, 3).map((a) => shortQuote(a)).join(', ')}`);
  }
  return reasons;
}

function hint(def: ToolDefinition, key: string): unknown {
  const a = fieldValue(def, 'annotations');
  return isObject(a) && Object.hasOwn(a, key) ? a[key] : undefined;
}

/** Reasons for annotation flips that understate danger: readOnlyHint no longer true, destructiveHint true -> false. */
export function hintReasons(before: ToolDefinition, after: ToolDefinition): string[] {
  const reasons: string[] = [];
  const roBefore = hint(before, 'readOnlyHint');
  const roAfter = hint(after, 'readOnlyHint');
  if (roBefore === true && roAfter !== true) {
    reasons.push(roAfter === false ? 'readOnlyHint flipped from true to false' : 'readOnlyHint true was removed (spec default: false)');
  }
  if (hint(before, 'destructiveHint') === true && hint(after, 'destructiveHint') === false) {
    reasons.push('destructiveHint flipped from true to false');
  }
  return reasons;
}

/**
 * Reasons for parameters present after and not before. An input schema stored as a marker (too deep
 * or too large to keep: catalog/bound.ts) cannot be compared, so any change to it is risky: a
 * parameter may have been added.
 */
export function parameterReasons(before: ToolDefinition, after: ToolDefinition): string[] {
  const schemaAfter = fieldValue(after, 'inputSchema');
  const omitted = readOmitted(schemaAfter);
  if (omitted && canonicalJson(fieldValue(before, 'inputSchema') ?? null) !== canonicalJson(schemaAfter)) {
    return [`inputSchema changed and is ${omitted.reason === 'too-deep' ? 'too deep' : 'too large'} to compare (a parameter may have been added)`];
  }
  const old = new Set(parameterPaths(fieldValue(before, 'inputSchema')));
  const added = parameterPaths(fieldValue(after, 'inputSchema')).filter((p) => !old.has(p));
  if (added.length === 0) return [];
  const shown = added.slice(0, 5).map((p) => shortQuote(p, 80)).join(', ');
  const more = added.length > 5 ? ` and ${added.length - 5} more` : '';
  return [`adds ${added.length === 1 ? 'parameter' : 'parameters'} ${shown}${more}`];
}

/** The reason when the verdict's risk went up, else none. */
export function verdictReasons(before: { risk: Risk } | undefined, after: { risk: Risk } | undefined): string[] {
  if (!before || !after || riskRank(after.risk) <= riskRank(before.risk)) return [];
  return [`verdict raised from ${before.risk} to ${after.risk}`];
}
