/**
 * `name@version` specs as written in `catalog/sources.yaml`. Versions are pinned exactly, so a
 * re-ingest lists the same code; ranges and tags (`^1.2.0`, `latest`) are refused.
 */

/** A parsed, exactly pinned npm spec. */
export interface NpmSpec {
  /** Package name, scope included (`@scope/pkg`). */
  name: string;
  /** Exact semver version (`1.2.3`, `2026.8.31`, `1.0.0-beta.1`). */
  version: string;
}

const NAME = /^(?:@[a-z0-9][a-z0-9._~-]*\/)?[a-z0-9][a-z0-9._~-]*$/;
const EXACT_VERSION = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

/**
 * Parse `name@version` (scoped names allowed). Returns an error message instead of throwing, so
 * callers can name the file and field.
 */
export function parseNpmSpec(spec: string): { ok: true; spec: NpmSpec } | { ok: false; message: string } {
  const at = spec.lastIndexOf('@');
  if (at <= 0) return { ok: false, message: `"${spec}" is not name@version (pin an exact version)` };
  const name = spec.slice(0, at);
  const version = spec.slice(at + 1);
  if (!NAME.test(name) || name.length > 214) {
    return { ok: false, message: `"${name}" is not a valid npm package name` };
  }
  if (!EXACT_VERSION.test(version)) {
    return { ok: false, message: `"${version}" is not an exact version (ranges and tags are not allowed)` };
  }
  return { ok: true, spec: { name, version } };
}

/** The unscoped part of a package name: `@scope/pkg` -> `pkg`. */
export function unscopedName(name: string): string {
  const slash = name.indexOf('/');
  return name.startsWith('@') && slash > 0 ? name.slice(slash + 1) : name;
}
