/**
 * Input parameter rows from a tool's `inputSchema`. The schema is untrusted and may be anything (a
 * string, an array, a 40-level-deep object, a cycle-free but huge tree): rows are bounded in count and
 * depth, and every value shown is plain text. A schema replaced by a marker at ingestion (too deep
 * or too large to keep: catalog/bound.ts) gets no rows and a note saying so.
 */
import { canonicalJsonText } from '../catalog/json-text.js';
import { omittedSentence, readOmitted } from '../catalog/omitted.js';

/** One row of the parameters table. */
export interface ParamRow {
  /** Dotted path for nested properties, e.g. `filter.symbol`; `[]` marks array items. */
  name: string;
  type: string;
  required: boolean;
  description: string;
  /** Nesting depth (0 = top-level property). */
  depth: number;
}

/** Result of reading a schema: rows, plus a note when the schema is odd or rows were cut. */
export interface ParamTable {
  rows: ParamRow[];
  /** e.g. "inputSchema is not an object" or "showing the first 200 parameters". */
  note?: string;
}

/** Limits so a hostile schema cannot blow up a page. */
export const PARAM_LIMITS = { maxRows: 200, maxDepth: 4, maxText: 500 } as const;

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function clip(s: string): string {
  return s.length > PARAM_LIMITS.maxText ? `${s.slice(0, PARAM_LIMITS.maxText)}…` : s;
}

/** Human-readable type of a JSON Schema node (`string`, `integer | null`, `array of string`, `enum: a, b`). */
export function typeOf(node: unknown, depth = 0): string {
  if (!isObj(node)) return typeof node === 'boolean' ? (node ? 'any' : 'never') : 'unknown';
  const t = node.type;
  let base: string;
  if (typeof t === 'string') base = t;
  else if (Array.isArray(t)) base = t.filter((x) => typeof x === 'string').join(' | ') || 'unknown';
  else if (Array.isArray(node.anyOf) || Array.isArray(node.oneOf)) {
    // Alternatives nest (`anyOf` of `anyOf`...): read them to PARAM_LIMITS.maxDepth levels.
    const alts = (Array.isArray(node.anyOf) ? node.anyOf : (node.oneOf as unknown[]))
      .slice(0, 5)
      .map((alt) => (depth + 1 >= PARAM_LIMITS.maxDepth ? 'any' : typeOf(alt, depth + 1)));
    base = [...new Set(alts)].join(' | ');
  } else if (isObj(node.properties)) base = 'object';
  else if ('const' in node) base = 'const';
  else base = Array.isArray(node.enum) ? 'enum' : 'any';
  if (base === 'array' && isObj(node.items) && typeof node.items.type === 'string') base = `array of ${node.items.type}`;
  if (Array.isArray(node.enum) && node.enum.length > 0) {
    const vals = node.enum.slice(0, 8).map((v) => clip(canonicalJsonText(v) ?? 'undefined')).join(', ');
    base = `${base} (one of ${vals}${node.enum.length > 8 ? ', …' : ''})`;
  }
  return clip(base);
}

/**
 * Rows for every property of `schema`, nested properties included up to `PARAM_LIMITS.maxDepth`.
 */
export function paramTable(schema: unknown): ParamTable {
  if (schema === undefined) return { rows: [], note: 'The definition has no inputSchema.' };
  if (!isObj(schema)) return { rows: [], note: 'The inputSchema is not a JSON object, so parameters cannot be listed.' };
  const marker = readOmitted(schema);
  if (marker) return { rows: [], note: `${omittedSentence({ field: 'inputSchema', info: marker })} No parameters can be listed.` };
  const rows: ParamRow[] = [];
  let cut = false;
  const walk = (node: Record<string, unknown>, prefix: string, depth: number): void => {
    const props = node.properties;
    if (!isObj(props)) return;
    const required = new Set(Array.isArray(node.required) ? node.required.filter((r) => typeof r === 'string') : []);
    for (const [key, child] of Object.entries(props)) {
      if (rows.length >= PARAM_LIMITS.maxRows) {
        cut = true;
        return;
      }
      const name = prefix ? `${prefix}.${key}` : key;
      const description = isObj(child) && typeof child.description === 'string' ? clip(child.description) : '';
      rows.push({ name: clip(name), type: typeOf(child), required: required.has(key), description, depth });
      if (!isObj(child)) continue;
      if (depth + 1 >= PARAM_LIMITS.maxDepth) {
        if (isObj(child.properties) || isObj(child.items)) cut = true;
        continue;
      }
      walk(child, name, depth + 1);
      if (isObj(child.items)) walk(child.items, `${name}[]`, depth + 1);
    }
  };
  walk(schema, '', 0);
  const result: ParamTable = { rows };
  if (cut) result.note = `Parameters are shown to ${PARAM_LIMITS.maxDepth} levels and at most ${PARAM_LIMITS.maxRows} rows; see the JSON for the full schema.`;
  else if (rows.length === 0) result.note = 'This tool takes no parameters.';
  return result;
}
