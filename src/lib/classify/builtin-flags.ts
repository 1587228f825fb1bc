/**
 * Flags the classifier detects in code rather than from patterns in the rules data, because they are
 * about structure (a schema that is not an object, a missing description, a lying annotation) or need
 * the whole server (`peerFlags`). Rules data may refer to these ids (e.g. a modifier triggered by
 * `annotation-conflict`).
 */

/** Per-tool structural flags, raised by `classify`. */
export const TOOL_FLAG_IDS = [
  'annotation-conflict',
  'schema-not-object',
  'schema-too-deep',
  'schema-too-large',
  'empty-description',
  'long-description',
  'low-confidence',
] as const;

/** Flags that need the server's whole tool list, raised by `peerFlags`. */
export const PEER_FLAG_IDS = ['long-description-peer', 'duplicate-name', 'shadows-common-tool'] as const;

/** Every built-in flag id. */
export const BUILTIN_FLAG_IDS: readonly string[] = [...TOOL_FLAG_IDS, ...PEER_FLAG_IDS];
