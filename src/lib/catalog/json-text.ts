/**
 * JSON text and JSON shape without recursion. `JSON.stringify`, the `yaml` package and any
 * recursive walk overflow the call stack on a value nested a few thousand levels deep (a hostile
 * `inputSchema` can be), so the catalogue's canonical JSON (hashes, comparisons, history) is written
 * by an explicit stack here, whatever the depth. Pure and DOM-free.
 */

/** A container being written: its children, the next index and whether one was written yet. */
interface Frame {
  node: object;
  /** Object keys in output order; undefined for an array. */
  keys: string[] | undefined;
  length: number;
  next: number;
  wrote: boolean;
  level: number;
}

const DIGIT_0 = 48;
const DIGIT_9 = 57;

/**
 * Own enumerable keys sorted, in the order `JSON.stringify` writes an object built from them:
 * array-index keys ("0", "10") first in numeric order, then the rest as sorted.
 */
function sortedKeys(node: object): string[] {
  const keys = Object.keys(node).sort();
  let indexLike = false;
  for (const k of keys) {
    const c = k.charCodeAt(0);
    if (c >= DIGIT_0 && c <= DIGIT_9) {
      indexLike = true;
      break;
    }
  }
  if (!indexLike) return keys;
  // Let the engine decide which keys are array indices, exactly as it does for JSON.stringify.
  const probe = Object.create(null) as Record<string, number>;
  for (const k of keys) probe[k] = 0;
  return Object.keys(probe);
}

/** True for values `JSON.stringify` leaves out of an object (and writes as `null` in an array). */
function omitted(v: unknown): boolean {
  return v === undefined || typeof v === 'function' || typeof v === 'symbol';
}

function scalar(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v === 'bigint') throw new TypeError('Do not know how to serialize a BigInt');
  return JSON.stringify(v);
}

/**
 * `JSON.stringify(value, null, indent)` of `value` with object keys sorted at every level (arrays
 * keep their order), written without recursion: the same text, byte for byte, as the recursive
 * form, at any depth. `toJSON` methods are not called (a `Date` is written as `{}`, as the sorted
 * copy the catalogue always hashed). Returns undefined for a top-level `undefined`, function or
 * symbol; throws a `TypeError` on a cycle or a BigInt, like `JSON.stringify`.
 */
export function canonicalJsonText(value: unknown, indent = 0): string | undefined {
  if (omitted(value)) return undefined;
  if (value === null || typeof value !== 'object') return scalar(value);
  const pad = indent > 0 ? ' '.repeat(Math.min(indent, 10)) : '';
  const colon = pad ? ': ' : ':';
  const out: string[] = [];
  const stack: Frame[] = [];
  const onPath = new Set<object>();

  const enter = (node: object, level: number): void => {
    if (onPath.has(node)) throw new TypeError('Converting circular structure to JSON');
    onPath.add(node);
    const isArray = Array.isArray(node);
    const keys = isArray ? undefined : sortedKeys(node);
    out.push(isArray ? '[' : '{');
    stack.push({ node, keys, length: keys ? keys.length : (node as unknown[]).length, next: 0, wrote: false, level });
  };
  const separate = (f: Frame): void => {
    if (f.wrote) out.push(',');
    f.wrote = true;
    if (pad) out.push(`\n${pad.repeat(f.level + 1)}`);
  };
  const child = (v: unknown, level: number): void => {
    if (v !== null && typeof v === 'object') enter(v, level);
    else out.push(omitted(v) ? 'null' : scalar(v));
  };

  enter(value, 0);
  while (stack.length > 0) {
    const f = stack[stack.length - 1] as Frame;
    if (f.next >= f.length) {
      if (f.wrote && pad) out.push(`\n${pad.repeat(f.level)}`);
      out.push(f.keys ? '}' : ']');
      stack.pop();
      onPath.delete(f.node);
      continue;
    }
    const i = f.next++;
    if (f.keys === undefined) {
      separate(f);
      child((f.node as unknown[])[i], f.level + 1);
      continue;
    }
    const key = f.keys[i] as string;
    const v = (f.node as Record<string, unknown>)[key];
    if (omitted(v)) continue;
    separate(f);
    out.push(JSON.stringify(key), colon);
    child(v, f.level + 1);
  }
  return out.join('');
}

/** How deep and how big a JSON value is. */
export interface JsonShape {
  /** Nesting of arrays and objects: 0 for a scalar, 1 for `{}` or `[1]`, 2 for `{"a": {}}`. */
  depth: number;
  /** UTF-8 bytes of its compact JSON text (`JSON.stringify(value)`; key order does not change it). */
  bytes: number;
  /** True when the value contains itself (impossible in parsed JSON; a YAML alias can do it). */
  cyclic: boolean;
}

/** UTF-8 length of a string that `JSON.stringify` wrote (lone surrogates are already escaped). */
function utf8Length(s: string): number {
  if (/^[\x00-\x7f]*$/.test(s)) return s.length;
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i += 1;
    } else n += 3;
  }
  return n;
}

function scalarBytes(v: unknown): number {
  if (v === null) return 4;
  if (typeof v === 'string') return utf8Length(JSON.stringify(v));
  if (typeof v === 'bigint') return String(v).length;
  return JSON.stringify(v).length;
}

/**
 * Depth and JSON size of `value`, without recursion (each node is visited once per place it
 * appears, as `JSON.stringify` would write it). A cycle is reported and not followed.
 */
export function jsonShape(value: unknown): JsonShape {
  if (omitted(value)) return { depth: 0, bytes: 0, cyclic: false };
  if (value === null || typeof value !== 'object') return { depth: 0, bytes: scalarBytes(value), cyclic: false };
  let depth = 0;
  let bytes = 0;
  let cyclic = false;
  const onPath = new Set<object>();
  const stack: { node: object; keys: string[] | undefined; length: number; next: number; wrote: boolean }[] = [];
  const enter = (node: object): void => {
    if (onPath.has(node)) {
      cyclic = true;
      return;
    }
    onPath.add(node);
    if (onPath.size > depth) depth = onPath.size;
    const keys = Array.isArray(node) ? undefined : Object.keys(node);
    bytes += 2;
    stack.push({ node, keys, length: keys ? keys.length : (node as unknown[]).length, next: 0, wrote: false });
  };
  enter(value);
  while (stack.length > 0) {
    const f = stack[stack.length - 1] as (typeof stack)[number];
    if (f.next >= f.length) {
      stack.pop();
      onPath.delete(f.node);
      continue;
    }
    const i = f.next++;
    let v: unknown;
    if (f.keys === undefined) v = (f.node as unknown[])[i];
    else {
      const key = f.keys[i] as string;
      v = (f.node as Record<string, unknown>)[key];
      if (omitted(v)) continue;
      bytes += utf8Length(JSON.stringify(key)) + 1;
    }
    if (f.wrote) bytes += 1;
    f.wrote = true;
    if (v !== null && typeof v === 'object') enter(v);
    else bytes += omitted(v) ? 4 : scalarBytes(v);
  }
  return { depth, bytes, cyclic };
}
