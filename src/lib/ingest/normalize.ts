/**
 * From raw `tools/list` entries to usable `ToolDefinition`s. Tool definitions are strangers' text:
 * anything odd but usable is kept and flagged; only an entry without a usable name is skipped.
 */
import { ToolDefinitionSchema, type Flag, type ToolDefinition } from '../schema/index.js';
import { boundDefinition, CyclicPartError } from '../catalog/bound.js';
import { canonicalJsonText } from '../catalog/json-text.js';
import { omittedSentence, readOmitted } from '../catalog/omitted.js';
import { describeType, quote } from './errors.js';

/** A description longer than this (characters) is flagged `long-description`. */
export const LONG_DESCRIPTION_CHARS = 8 * 1024;
/** A definition whose JSON is longer than this (characters) is flagged `large-definition`. */
export const LARGE_DEFINITION_CHARS = 64 * 1024;

/** One kept tool: its index in the listing, its definition and what looked odd about it. */
export interface NormalizedTool {
  position: number;
  definition: ToolDefinition;
  flags: Flag[];
}

/** `normalizeListedTools` result: kept tools in listing order, and skipped entries with why. */
export interface NormalizedList {
  tools: NormalizedTool[];
  skipped: { position: number; reason: string }[];
}

/** Flag ids this module can emit. */
export const INGEST_FLAG_IDS = [
  'empty-description',
  'input-schema-not-object',
  'duplicate-name',
  'long-description',
  'large-definition',
  'invalid-field',
  'annotations-not-object',
  'schema-too-deep',
  'schema-too-large',
] as const;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Checks each raw entry. `position` is the entry's index in `raw` (the server's order, gaps where
 * entries were skipped). Keeps: empty or missing descriptions, non-object `inputSchema`, duplicate
 * names, huge text — each flagged. `title`/`description` that are not strings are dropped from the
 * definition (flagged `invalid-field`). A part deeper or larger than `DEFINITION_BOUNDS` (an
 * `inputSchema` nested 10,000 levels deep) is replaced by a marker, flagged `schema-too-deep` or
 * `schema-too-large`. Skips entries that are not objects or whose `name` is not a
 * non-blank string, with a reason naming the position.
 */
export function normalizeListedTools(raw: unknown[]): NormalizedList {
  const tools: NormalizedTool[] = [];
  const skipped: NormalizedList['skipped'] = [];
  const positionsByName = new Map<string, number[]>();

  raw.forEach((entry, position) => {
    if (!isPlainObject(entry)) {
      skipped.push({ position, reason: `tool at position ${position} is ${describeType(entry)}, not an object; skipped` });
      return;
    }
    const name = entry.name;
    if (typeof name !== 'string' || name.trim() === '') {
      const got = typeof name === 'string' ? 'a blank string' : name === undefined ? 'missing' : describeType(name);
      skipped.push({ position, reason: `tool at position ${position} has no usable name (name is ${got}); skipped` });
      return;
    }
    const flags: Flag[] = [];
    const copy: Record<string, unknown> = { ...entry };
    for (const field of ['title', 'description'] as const) {
      if (copy[field] !== undefined && typeof copy[field] !== 'string') {
        flags.push({ id: 'invalid-field', message: `${field} is ${describeType(copy[field])}, not a string; it was dropped` });
        delete copy[field];
      }
    }
    // Parts deeper or larger than the catalogue's bound become markers (the tool is kept, flagged).
    let bounded;
    try {
      bounded = boundDefinition(ToolDefinitionSchema.parse(copy));
    } catch (e) {
      if (!(e instanceof CyclicPartError)) throw e;
      skipped.push({ position, reason: `tool ${quote(name, 60)} at position ${position}: ${e.message}; skipped` });
      return;
    }
    const definition = bounded.definition;
    for (const part of bounded.omitted) {
      flags.push({ id: part.info.reason === 'too-deep' ? 'schema-too-deep' : 'schema-too-large', message: omittedSentence(part) });
    }
    flags.push(...definitionFlags(definition));
    const seen = positionsByName.get(name);
    if (seen) seen.push(position);
    else positionsByName.set(name, [position]);
    tools.push({ position, definition, flags });
  });

  for (const tool of tools) {
    const positions = positionsByName.get(tool.definition.name) ?? [];
    if (positions.length > 1) {
      const others = positions.filter((p) => p !== tool.position).join(', ');
      tool.flags.push({
        id: 'duplicate-name',
        message: `the name ${quote(tool.definition.name, 60)} is listed ${positions.length} times (also at position ${others})`,
      });
    }
  }
  return { tools, skipped };
}

function definitionFlags(def: ToolDefinition): Flag[] {
  const flags: Flag[] = [];
  const description = def.description ?? '';
  if (description.trim() === '') {
    flags.push({ id: 'empty-description', message: def.description === undefined ? 'no description' : 'description is empty' });
  }
  if (description.length > LONG_DESCRIPTION_CHARS) {
    flags.push({ id: 'long-description', message: `description is ${description.length} characters long` });
  }
  const schema = def.inputSchema;
  if (!isPlainObject(schema)) {
    const what = schema === undefined ? 'missing' : describeType(schema);
    flags.push({ id: 'input-schema-not-object', message: `inputSchema is ${what}, not a JSON Schema object` });
  } else if (schema.type !== 'object' && readOmitted(schema) === undefined) {
    const type = schema.type === undefined ? 'no "type"' : `type ${quote(schema.type, 30)}`;
    flags.push({ id: 'input-schema-not-object', message: `inputSchema has ${type}, not "type": "object"` });
  }
  if (def.annotations !== undefined && !isPlainObject(def.annotations)) {
    flags.push({ id: 'annotations-not-object', message: `annotations is ${describeType(def.annotations)}, not an object` });
  }
  const size = (canonicalJsonText(def) ?? '').length;
  if (size > LARGE_DEFINITION_CHARS) {
    flags.push({ id: 'large-definition', message: `definition is ${size} characters of JSON` });
  }
  return flags;
}
