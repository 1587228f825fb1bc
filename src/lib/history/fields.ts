/**
 * The parts of a tool definition that history tracks separately. Scanners that hash only the
 * description miss a new parameter or a flipped annotation, so each part gets its own hash; `other`
 * covers every remaining key a server sent (`_meta`, `icons`...), so no change goes unseen.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '../catalog/format.js';
import type { ToolDefinition } from '../schema/index.js';

/** The tracked parts of a definition, in the order they are reported. */
export const HISTORY_FIELDS = ['name', 'title', 'description', 'inputSchema', 'outputSchema', 'annotations', 'other'] as const;
/** One tracked part of a definition. */
export type HistoryField = (typeof HISTORY_FIELDS)[number];

/** `sha256:<hex>` per tracked part. */
export type FieldHashes = Record<HistoryField, string>;

const NAMED = new Set<string>(HISTORY_FIELDS.filter((f) => f !== 'other'));

/** Hash of a part the definition does not have (distinct from any JSON value, `null` included). */
export const ABSENT_HASH = `sha256:${createHash('sha256').update('\u0000absent', 'utf8').digest('hex')}`;

/**
 * The value of one tracked part: the key's value for the six named parts, and for `other` an object
 * of every remaining own key (undefined when there is none). `undefined` means "absent".
 */
export function fieldValue(def: ToolDefinition, field: HistoryField): unknown {
  const record = def as Record<string, unknown>;
  if (field !== 'other') return Object.hasOwn(record, field) ? record[field] : undefined;
  const rest: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  let any = false;
  for (const key of Object.keys(record)) {
    if (NAMED.has(key) || record[key] === undefined) continue;
    rest[key] = record[key];
    any = true;
  }
  return any ? rest : undefined;
}

/** `sha256:<hex>` of a part's canonical JSON (sorted keys), or `ABSENT_HASH` when absent. */
export function hashValue(value: unknown): string {
  if (value === undefined) return ABSENT_HASH;
  return `sha256:${createHash('sha256').update(canonicalJson(value), 'utf8').digest('hex')}`;
}

/**
 * Separate hashes of a definition's name, title, description, inputSchema, outputSchema,
 * annotations and other keys: a change to one part changes only that part's hash.
 */
export function fieldHashes(def: ToolDefinition): FieldHashes {
  const out = {} as FieldHashes;
  for (const f of HISTORY_FIELDS) out[f] = hashValue(fieldValue(def, f));
  return out;
}
