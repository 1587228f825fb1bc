/**
 * The bound on what the catalogue stores of one tool definition. Everything downstream of storage
 * (the `yaml` writer and reader, gray-matter, `JSON.stringify` in the API files, page rendering)
 * may recurse, so a part nested deeper than the bound never gets there: ingestion replaces it with
 * a small marker (./omitted.ts) and the tool is kept and flagged (`schema-too-deep`,
 * `schema-too-large`). Within the bound a definition is stored exactly as listed.
 *
 * Bounds, per part (each own key of the definition whose value is an object or array:
 * `inputSchema`, `outputSchema`, `annotations`, `_meta`, ...):
 * - depth <= 64 levels of arrays and objects. The shipped catalogue's deepest part is 24
 *   (an `outputSchema`; the deepest `inputSchema` is 21). The `yaml` package overflows the stack
 *   near 1,000 levels, `JSON.stringify` near 3,000.
 * - at most 1 MiB (1,048,576 bytes) of compact JSON. The shipped catalogue's largest part is
 *   48,909 bytes (an `inputSchema`).
 * Strings (names, titles, descriptions) are not parts: they cannot nest, and the listing's
 * `maxBytes` already bounds them.
 */
import { createHash } from 'node:crypto';
import type { ToolDefinition } from '../schema/index.js';
import { canonicalJsonText, jsonShape } from './json-text.js';
import { omittedMarker, type OmittedInfo, type OmittedPart } from './omitted.js';

/** The largest part kept as listed: nesting depth and bytes of compact JSON. */
export const DEFINITION_BOUNDS = Object.freeze({ maxDepth: 64, maxBytes: 1024 * 1024 });

/** A definition within the bound, and the parts that were replaced by markers (none: the same object). */
export interface BoundedDefinition {
  definition: ToolDefinition;
  omitted: OmittedPart[];
}

/** A part that refers to itself (only a hand-edited YAML alias can): it cannot be hashed or kept. */
export class CyclicPartError extends Error {
  /** @param field the definition key holding the cycle */
  constructor(readonly field: string) {
    super(`${field}: refers to itself (a YAML alias cycle); it cannot be stored or hashed`);
    this.name = 'CyclicPartError';
  }
}

/** `sha256:<hex>` of a value's canonical JSON, written without recursion. */
export function canonicalHash(value: unknown): string {
  return `sha256:${createHash('sha256').update(canonicalJsonText(value) ?? '', 'utf8').digest('hex')}`;
}

/**
 * `definition` with every part over `DEFINITION_BOUNDS` replaced by a marker recording the part's
 * depth, bytes and hash. Returns the very same object when every part fits (the common case), so
 * what is stored is exactly what was listed. Bounded work: one iterative walk per part.
 * Throws `CyclicPartError` for a part that contains itself.
 */
export function boundDefinition(definition: ToolDefinition, bounds = DEFINITION_BOUNDS): BoundedDefinition {
  const record = definition as Record<string, unknown>;
  let copy: Record<string, unknown> | undefined;
  const omitted: OmittedPart[] = [];
  for (const field of Object.keys(record)) {
    const value = record[field];
    if (value === null || typeof value !== 'object') continue;
    const shape = jsonShape(value);
    if (shape.cyclic) throw new CyclicPartError(field);
    if (shape.depth <= bounds.maxDepth && shape.bytes <= bounds.maxBytes) continue;
    const info: OmittedInfo = {
      reason: shape.depth > bounds.maxDepth ? 'too-deep' : 'too-large',
      depth: shape.depth,
      bytes: shape.bytes,
      sha256: canonicalHash(value),
      maxDepth: bounds.maxDepth,
      maxBytes: bounds.maxBytes,
    };
    copy ??= { ...record };
    copy[field] = omittedMarker(info);
    omitted.push({ field, info });
  }
  return { definition: (copy ?? definition) as ToolDefinition, omitted };
}
