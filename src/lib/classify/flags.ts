/**
 * Per-tool flags: the data-driven ones (patterns over text fields, parameter names, schema rules that
 * fired) and the structural built-ins (schema not an object, empty or very long description).
 * `annotation-conflict` needs the verdict and is added by `classify`.
 */
import { omittedSentence } from '../catalog/omitted.js';
import type { Evidence, Flag } from '../schema/classification.js';
import type { FlagField } from './rules-schema.js';
import type { RuleSet } from './rule-set.js';
import { findProperty } from './signals.js';
import type { ToolView } from './tool-view.js';

/** Characters that would hide or reorder text, shown as `<U+200B>` when quoting a match. */
const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF\u00AD\u180E\u034F\u061C\u115F\u1160\u3164\uFFA0\u{E0000}-\u{E007F}]/gu;
/** Other control characters, never quoted raw. */
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/g;

/** A short, visible quotation of matched text: invisible and control characters become `<U+XXXX>`. */
export function quote(text: string, max = 60): string {
  const clipped = [...text.slice(0, max * 2)].slice(0, max).join('');
  const visible = clipped
    .replace(INVISIBLE, (c) => `<U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}>`)
    .replace(CONTROL, ' ');
  return visible.length < text.length ? `${visible}…` : visible;
}

function fieldText(view: ToolView, field: FlagField): string {
  switch (field) {
    case 'name':
      return view.name;
    case 'title':
      return view.title;
    case 'description':
      return view.description;
    case 'params':
      return view.paramsText;
  }
}

/** A flag with the part of the tool it was found in (`description`, `inputSchema.properties.password`...). */
export interface LocatedFlag extends Flag {
  readonly field: string;
}

/** Flags from the rules data's `flags` section. */
export function patternFlags(
  view: ToolView,
  rules: RuleSet,
  firedSchemaRules: ReadonlyMap<string, Evidence>,
): LocatedFlag[] {
  const out: LocatedFlag[] = [];
  for (const f of rules.flags) {
    let found: string | undefined;
    let where = '';
    if (f.re) {
      for (const field of f.fields) {
        const m = f.re.exec(fieldText(view, field));
        if (m) {
          found = `${field}: "${quote(m[0])}"`;
          where = field === 'params' ? 'inputSchema' : field;
          break;
        }
      }
    }
    if (found === undefined && f.properties.length > 0) {
      const hit = findProperty(view, f.properties);
      if (hit) {
        found = `parameter "${quote(hit.prop.name)}"`;
        where = hit.prop.path;
      }
    }
    if (found === undefined && f.fromRules.size > 0) {
      for (const id of f.fromRules) {
        const ev = firedSchemaRules.get(id);
        if (ev) {
          found = `parameter "${quote(ev.match)}"`;
          where = ev.field;
          break;
        }
      }
    }
    if (found !== undefined) out.push({ id: f.rule.id, message: `${f.rule.message} (${found}).`, field: where });
  }
  return out;
}

/**
 * Structural flags: `schema-not-object`, `schema-too-deep` / `schema-too-large` (a part of the
 * definition was replaced by a marker at ingestion: catalog/bound.ts), `empty-description`,
 * `long-description`.
 */
export function structuralFlags(view: ToolView, rules: RuleSet): LocatedFlag[] {
  const out: LocatedFlag[] = [];
  for (const part of view.omitted) {
    out.push({ id: part.info.reason === 'too-deep' ? 'schema-too-deep' : 'schema-too-large', field: part.field, message: omittedSentence(part) });
  }
  if (view.schemaShape === 'missing') {
    out.push({ id: 'schema-not-object', field: 'inputSchema', message: 'The tool has no inputSchema; MCP requires an object schema.' });
  } else if (view.schemaShape === 'not-object') {
    out.push({
      id: 'schema-not-object',
      field: 'inputSchema',
      message: 'The inputSchema is not a JSON Schema of type "object"; clients may reject or mis-handle the tool.',
    });
  }
  if (view.description.trim() === '') {
    out.push({
      id: 'empty-description',
      field: 'description',
      message: 'The tool has no description; the agent must guess what it does.',
    });
  }
  if (view.descriptionLength > rules.limits.long_description_chars) {
    out.push({
      id: 'long-description',
      field: 'description',
      message: `The description is ${view.descriptionLength} characters long (over ${rules.limits.long_description_chars}); long descriptions can bury instructions aimed at the agent.`,
    });
  }
  return out;
}
