/**
 * Machine paths out of listed tools. A few servers put their working folder into a tool description
 * (figma-developer-mcp: "the server's image directory: <cwd>"); the catalogue must not record this
 * machine's scratch path, so it is replaced by the same placeholder sources.yaml uses.
 */

/** Every string in `value` (deep: arrays and plain objects) with each `from` replaced by `to`, in order. Pure. */
export function redactPaths<T>(value: T, replacements: ReadonlyArray<readonly [from: string, to: string]>): T {
  const active = replacements.filter(([from]) => from.length > 0);
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return active.reduce((s, [from, to]) => s.split(from).join(to), v);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) out[walk(k) as string] = walk(x);
      return out;
    }
    return v;
  };
  return walk(value) as T;
}
