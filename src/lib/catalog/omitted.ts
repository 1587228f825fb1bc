/**
 * The marker that stands in for a part of a tool definition too deep or too large to keep (see
 * `boundDefinition` in ./bound.ts), and how readers recognise it. Pure and dependency-free, so the
 * classifier and the page views can read it.
 *
 * A marker is an object with exactly one key, `x-mcp-risk-omitted`:
 *
 * ```json
 * { "x-mcp-risk-omitted": { "reason": "too-deep", "depth": 20001, "bytes": 370046,
 *   "sha256": "sha256:<hex of the part's canonical JSON>", "maxDepth": 64, "maxBytes": 1048576 } }
 * ```
 *
 * A server could send such an object itself (it is small, so it would be kept as sent): the marker
 * then says what the server claims, and readers treat the part as omitted either way.
 */

/** The one key of a marker object. */
export const OMITTED_KEY = 'x-mcp-risk-omitted';

/** Why a part was not kept. */
export type OmittedReason = 'too-deep' | 'too-large';

/** What a marker records about the part it replaced. */
export interface OmittedInfo {
  reason: OmittedReason;
  /** Nesting depth of the original part (arrays and objects; `{}` is 1). */
  depth: number;
  /** UTF-8 bytes of the original part's compact JSON. */
  bytes: number;
  /** `sha256:<hex>` of the original part's canonical JSON (sorted keys), as history hashes it. */
  sha256: string;
  /** The bounds in force when it was replaced. */
  maxDepth: number;
  maxBytes: number;
}

/** One omitted part of a definition: the key it was under and what its marker says. */
export interface OmittedPart {
  field: string;
  info: OmittedInfo;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const count = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

/** The marker object for `info`. */
export function omittedMarker(info: OmittedInfo): Record<string, unknown> {
  const { reason, depth, bytes, sha256, maxDepth, maxBytes } = info;
  return { [OMITTED_KEY]: { reason, depth, bytes, sha256, maxDepth, maxBytes } };
}

/** What `value` records when it is a well-formed marker, else undefined. Never throws. */
export function readOmitted(value: unknown): OmittedInfo | undefined {
  if (!isObj(value)) return undefined;
  const keys = Object.keys(value);
  if (keys.length !== 1 || keys[0] !== OMITTED_KEY) return undefined;
  const m = value[OMITTED_KEY];
  if (!isObj(m)) return undefined;
  if (m.reason !== 'too-deep' && m.reason !== 'too-large') return undefined;
  if (!count(m.depth) || !count(m.bytes) || !count(m.maxDepth) || !count(m.maxBytes)) return undefined;
  if (typeof m.sha256 !== 'string' || !/^sha256:[0-9a-f]{64}$/.test(m.sha256)) return undefined;
  return { reason: m.reason, depth: m.depth, bytes: m.bytes, sha256: m.sha256, maxDepth: m.maxDepth, maxBytes: m.maxBytes };
}

/** Every part of `definition` (any own key) that holds a marker, in key order. Never throws. */
export function omittedParts(definition: unknown): OmittedPart[] {
  if (!isObj(definition)) return [];
  const out: OmittedPart[] = [];
  for (const field of Object.keys(definition)) {
    const info = readOmitted(definition[field]);
    if (info) out.push({ field, info });
  }
  return out;
}

/** `12,345` */
function n(x: number): string {
  return x.toLocaleString('en-US');
}

/** One sentence saying what was omitted and why, e.g. for a flag or a page note. */
export function omittedSentence(part: OmittedPart): string {
  const { field, info } = part;
  const why =
    info.reason === 'too-deep'
      ? `is nested ${n(info.depth)} levels deep (more than the ${n(info.maxDepth)} kept)`
      : `is ${n(info.bytes)} bytes of JSON (more than the ${n(info.maxBytes)} kept)`;
  return `The ${field} ${why}, so it was replaced by a marker holding its size and hash (${info.sha256.slice(0, 19)}…); its contents cannot be read or checked.`;
}
