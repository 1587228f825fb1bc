/**
 * Typed ingestion errors and the small helpers that keep their messages to one safe line.
 * Server output (stderr, cursors, protocol versions) is attacker-controlled text: it is quoted,
 * stripped of control characters and truncated before it goes into a message.
 */

/** Why a listing failed. */
export type IngestErrorCode =
  | 'timeout'
  | 'too-large'
  | 'too-many-pages'
  | 'too-many-tools'
  | 'exited'
  | 'protocol'
  | 'spawn'
  | 'connect'
  | 'bad-file';

/** A listing or tools-file read that failed; `message` is always one line. */
export class IngestError extends Error {
  /** Machine-readable reason, stable for callers and tests. */
  readonly code: IngestErrorCode;

  /** @param code why it failed; @param message one human-readable line. */
  constructor(code: IngestErrorCode, message: string, options?: { cause?: unknown }) {
    super(oneLine(message, 1000), options);
    this.name = 'IngestError';
    this.code = code;
  }
}

/** True when `e` is an {@link IngestError} (optionally with the given code). */
export function isIngestError(e: unknown, code?: IngestErrorCode): e is IngestError {
  return e instanceof IngestError && (code === undefined || e.code === code);
}

/** Collapses whitespace, removes control characters and truncates to `max` characters. */
export function oneLine(text: string, max = 200): string {
  // eslint-disable-next-line no-control-regex
  const flat = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** `value` as a short JSON-quoted string for messages, e.g. `"abc"`; non-strings are described by type. */
export function quote(value: unknown, max = 80): string {
  if (typeof value !== 'string') return describeType(value);
  const inner = value.length > max ? `${value.slice(0, max)}…` : value;
  return oneLine(JSON.stringify(inner), max + 10);
}

/** Short type description for messages: `null`, `array`, `object`, `number`... */
export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/**
 * One line describing any thrown value. Zod errors (from the SDK's response validation) are
 * summarised by their first issue instead of a multi-line JSON dump.
 */
export function describeError(e: unknown): string {
  if (e && typeof e === 'object' && Array.isArray((e as { issues?: unknown }).issues)) {
    const issues = (e as { issues: { path?: unknown[]; message?: string }[] }).issues;
    const first = issues[0];
    if (first) {
      const path = Array.isArray(first.path) && first.path.length > 0 ? first.path.join('.') : '(root)';
      return oneLine(`${path}: ${first.message ?? 'invalid'}${issues.length > 1 ? ` (+${issues.length - 1} more)` : ''}`);
    }
  }
  if (e instanceof Error) {
    const cause = (e as { cause?: unknown }).cause;
    const causeText = cause instanceof Error && cause.message && !e.message.includes(cause.message) ? `: ${cause.message}` : '';
    return oneLine(`${e.message || e.name}${causeText}`);
  }
  return oneLine(String(e));
}
