/**
 * A bounded, normalized view of one tool definition: the only place that reads the raw, untrusted
 * definition. Every string is capped, the input schema is walked breadth-first without recursion to
 * a fixed depth and property count, and nothing here throws whatever shape the definition has.
 */
import { HINT_KEYS, type HintKey, type ToolDefinition } from '../schema/tool-definition.js';
import { omittedParts, type OmittedPart } from '../catalog/omitted.js';
import type { Limits } from './rules-schema.js';
import { tokenize } from './tokenize.js';

/** Names are capped much shorter than descriptions: no real tool name is longer. */
const NAME_CAP = 512;
/** Words of the description read when looking for its leading verb and objects. */
const LEAD_WORDS = 24;

/** One input-schema property as the rules see it. */
export interface PropertyView {
  /** Dotted path for evidence, e.g. `inputSchema.properties.orders.items.properties.quantity`. */
  readonly path: string;
  readonly name: string;
  readonly tokens: readonly string[];
  readonly types: readonly string[];
  readonly description: string;
  /** True when the enclosing object schema lists it in `required`. */
  readonly required: boolean;
  /** Its string `enum` values (or those of its array items), bounded: 32 values of 64 characters. */
  readonly enumValues: readonly string[];
}

/** What the shape of `inputSchema` is (`omitted`: a marker stands in for a part too deep or large to keep). */
export type SchemaShape = 'object' | 'missing' | 'not-object' | 'omitted';

/** The bounded view of a tool the classifier works on. */
export interface ToolView {
  readonly name: string;
  readonly nameTokens: readonly string[];
  readonly title: string;
  /** Description capped at `limits.scan_chars`. */
  readonly description: string;
  /** Length of the full description (0 when absent or not a string). */
  readonly descriptionLength: number;
  /** Lowercase words of the description's first sentence (bounded). */
  readonly leadWords: readonly string[];
  /** For each lead word, true when a comma, slash, ampersand or semicolon separates it from the previous one. */
  readonly leadListed: readonly boolean[];
  /** The description's first sentence (bounded), for object patterns. */
  readonly firstSentence: string;
  /**
   * Lowercase words of a short label before a spaced dash that was skipped as an opener ("Get weather
   * for a location — current conditions ..."), with their list separators; empty when there was none.
   * The description's verb falls back to them when the describing sentence has none.
   */
  readonly labelWords: readonly string[];
  readonly labelListed: readonly boolean[];
  readonly props: readonly PropertyView[];
  /** Property names and descriptions joined by newlines, capped at `limits.scan_chars`. */
  readonly paramsText: string;
  readonly schemaShape: SchemaShape;
  /** Parts of the definition replaced by a marker at ingestion (too deep or too large to keep). */
  readonly omitted: readonly OmittedPart[];
  /** Hints the server declared (only real booleans are kept). */
  readonly declared: Partial<Record<HintKey, boolean>>;
  /** True when `annotations` is present but not an object. */
  readonly annotationsMalformed: boolean;
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function typesOf(schema: Record<string, unknown>): string[] {
  const t = schema.type;
  if (typeof t === 'string') return [t];
  if (Array.isArray(t)) return t.filter((x): x is string => typeof x === 'string').slice(0, 8);
  return [];
}

/** Walks `properties` (and `items.properties`) breadth-first, bounded in depth and count. */
function enumOf(schema: Record<string, unknown>): string[] {
  const items = isObject(schema.items) ? schema.items : undefined;
  const values = Array.isArray(schema.enum) ? schema.enum : items && Array.isArray(items.enum) ? items.enum : [];
  const out: string[] = [];
  for (const v of values.slice(0, 32)) if (typeof v === 'string') out.push(v.slice(0, 64));
  return out;
}

function collectProps(schema: Record<string, unknown>, limits: Limits): PropertyView[] {
  const out: PropertyView[] = [];
  const queue: { node: Record<string, unknown>; path: string; depth: number }[] = [
    { node: schema, path: 'inputSchema', depth: 1 },
  ];
  for (let q = 0; q < queue.length && out.length < limits.schema_max_properties; q++) {
    const { node, path, depth } = queue[q]!;
    const props = node.properties;
    if (!isObject(props)) continue;
    const required = Array.isArray(node.required) ? node.required.slice(0, limits.schema_max_properties) : [];
    for (const key in props) {
      if (!Object.prototype.hasOwnProperty.call(props, key)) continue;
      if (out.length >= limits.schema_max_properties) break;
      const value = props[key];
      const name = key.slice(0, NAME_CAP);
      const propPath = `${path}.properties.${name}`;
      const sub = isObject(value) ? value : {};
      out.push({
        path: propPath,
        name,
        tokens: tokenize(name, 16),
        types: typesOf(sub),
        description: str(sub.description).slice(0, 2_000),
        required: required.includes(key),
        enumValues: enumOf(sub),
      });
      if (depth < limits.schema_max_depth) {
        if (isObject(sub.properties)) queue.push({ node: sub, path: propPath, depth: depth + 1 });
        const items = sub.items;
        if (isObject(items) && isObject(items.properties)) {
          queue.push({ node: items, path: `${propPath}.items`, depth: depth + 1 });
        }
      }
    }
  }
  return out;
}

/** Words of a (lowercase) text with, for each, whether a list separator (, / & ;) precedes it. */
function wordsWithSeparators(text: string, max: number): { words: string[]; listed: boolean[] } {
  const re = /^[\x00-\x7F]*$/.test(text) ? /[a-z0-9]+/g : /[\p{L}\p{M}\p{N}]+/gu;
  const out: string[] = [];
  const listed: boolean[] = [];
  let last = 0;
  let m: RegExpExecArray | null;
  while (out.length < max && (m = re.exec(text)) !== null) {
    out.push(m[0]);
    let sep = false;
    for (let k = last; k < m.index && !sep; k++) {
      const c = text.charCodeAt(k);
      sep = c === 44 || c === 47 || c === 38 || c === 59; // , / & ;
    }
    listed.push(sep);
    last = m.index + m[0].length;
  }
  return { words: out, listed };
}

/** A short product or area label before a bar ("Notion | Create a page") is not part of the sentence. */
const BAR_PREFIX = /^[^|\n.]{1,40}?\s\|\s+/;

/**
 * What opens a description without describing the tool: a Markdown heading line, a bracketed label
 * ("[Pipeline Management]", "[beta]", "【...】"), emphasis marks, emoji, a short label before a spaced
 * dash ("ADR-150 — ..."), and a label in capitals before a colon ("START HERE:", "IMPORTANT:",
 * "HIGH RISK:").
 */
const OPENER = /^(?:#{1,6}[^\n]*\n+|\[[^\]\n]{1,60}\]\s*|\u3010[^\u3011\n]{1,60}\u3011\s*|[^\n.|:]{1,40}?\s[\u2013\u2014]\s+|[*_`>]+\s*|[\p{Extended_Pictographic}\u{FE0F}\u{200D}]+\s*|\p{Lu}[\p{Lu}\d ]{1,30}(?:[:!]+|\s[-\u2013\u2014])\s*)/u;
/**
 * A sentence addressed to the agent rather than describing the tool: a directive ("Always call ...",
 * "Do not ...", "You must ..."), or the start of a usage section ("When to use:", "Use when ...",
 * "Before ...", "If ...").
 */
const DIRECTIVE = /^(?:always|never|do not|don't|must|you must|you should|make sure|ensure|before|after|when|if|only use|use (?:this|it) (?:when|only|after|before|if)|use when|call this|important|note|tip|warning|caution)\b/i;

function stripOpeners(text: string): string {
  let t = text;
  for (let i = 0; i < 4; i++) {
    const m = OPENER.exec(t);
    if (!m || m[0].length === 0) break;
    t = t.slice(m[0].length).trimStart();
  }
  return t;
}

/** A short label before a spaced dash at the start of a text, without the dash ("ADR-150"). */
const DASH_LABEL = /^([^\n.|:]{1,40}?)\s[\u2013\u2014]\s+/;

/** The label before a spaced dash that opens the description (after a bar prefix), or ''. */
function dashLabelOf(text: string): string {
  const bar = BAR_PREFIX.exec(text);
  const m = DASH_LABEL.exec(bar ? text.slice(bar[0].length) : text);
  return m ? m[1]! : '';
}

/**
 * The sentence that describes the tool itself: the first one after openers, skipping up to two
 * sentences addressed to the agent (a directive or a usage section's opening). Falls back to the
 * first sentence when every candidate is a directive.
 */
function firstSentenceOf(text: string): string {
  const bar = BAR_PREFIX.exec(text);
  let rest = stripOpeners((bar ? text.slice(bar[0].length) : text).slice(0, 1_200));
  let first: string | undefined;
  for (let i = 0; i < 3 && rest.length > 0; i++) {
    const head = rest.slice(0, 400);
    const m = /[.!?\n](?:\s|$)|:\s*\n/.exec(head);
    const sentence = m ? head.slice(0, m.index) : head;
    first ??= sentence;
    if (!DIRECTIVE.test(sentence)) return sentence;
    rest = stripOpeners(m ? rest.slice(m.index + m[0].length).trimStart() : '');
  }
  return first ?? '';
}

/** Builds the bounded view of a tool. Never throws, whatever `tool` holds. */
export function viewTool(tool: ToolDefinition, limits: Limits): ToolView {
  const raw = tool as unknown as Record<string, unknown>;
  const name = str(raw?.name).slice(0, NAME_CAP);
  const fullDescription = str(raw?.description);
  const description = fullDescription.slice(0, limits.scan_chars);
  const schema = raw?.inputSchema;
  const omitted = omittedParts(raw);
  const schemaShape: SchemaShape = omitted.some((p) => p.field === 'inputSchema')
    ? 'omitted'
    : schema === undefined
      ? 'missing'
      : isObject(schema) && (schema.type === 'object' || schema.type === undefined)
        ? 'object'
        : 'not-object';
  const props = isObject(schema) ? collectProps(schema, limits) : [];
  let paramsText = '';
  for (const p of props) {
    if (paramsText.length >= limits.scan_chars) break;
    paramsText += `${p.name}\n${p.description}\n`;
  }
  const annotations = raw?.annotations;
  const declared: Partial<Record<HintKey, boolean>> = {};
  if (isObject(annotations)) {
    for (const k of HINT_KEYS) if (typeof annotations[k] === 'boolean') declared[k] = annotations[k] as boolean;
  }
  const annotationTitle = isObject(annotations) ? str(annotations.title) : '';
  const firstSentence = firstSentenceOf(description.trimStart()).toLowerCase();
  const lead = wordsWithSeparators(firstSentence, LEAD_WORDS);
  const label = wordsWithSeparators(dashLabelOf(description.trimStart()).toLowerCase(), LEAD_WORDS);
  return {
    name,
    nameTokens: tokenize(name),
    title: (str(raw?.title) || annotationTitle).slice(0, 1_000),
    description,
    descriptionLength: fullDescription.length,
    leadWords: lead.words,
    leadListed: lead.listed,
    firstSentence,
    labelWords: label.words,
    labelListed: label.listed,
    props,
    paramsText: paramsText.slice(0, limits.scan_chars),
    schemaShape,
    omitted,
    declared,
    annotationsMalformed: annotations !== undefined && annotations !== null && !isObject(annotations),
  };
}
