/**
 * `name==version` specs of PyPI packages as written in `catalog/sources.yaml`. Like npm entries,
 * versions are pinned exactly (PEP 440 public versions): ranges, wildcards and `===` are refused.
 */

/** A parsed, exactly pinned PyPI spec. */
export interface PypiSpec {
  /** The project name as written (`mcp-server-time`). */
  name: string;
  /** Exact PEP 440 version (`0.6.2`, `1.0.0rc1`, `2025.1.post1`). */
  version: string;
}

/** PEP 508 project names. */
const NAME = /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?$/;
/** PEP 440 public versions, without local labels: `[N!]N(.N)*[{a|b|rc}N][.postN][.devN]`. */
const EXACT_VERSION = /^(?:\d+!)?\d+(?:\.\d+)*(?:(?:a|b|rc)\d+)?(?:\.post\d+)?(?:\.dev\d+)?$/;
/** Python module paths for `python -m`. */
const MODULE = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*$/;

/** PEP 503 normalized name: lowercase, runs of `-`, `_`, `.` as one `-`. Pure. */
export function normalizePypiName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/** Parse `name==version`. Returns an error message instead of throwing, so callers can name the field. */
export function parsePypiSpec(spec: string): { ok: true; spec: PypiSpec } | { ok: false; message: string } {
  const m = /^([^=<>!~\s]+)==([^=\s]+)$/.exec(spec.trim());
  if (!m) return { ok: false, message: `"${spec}" is not name==version (pin an exact version)` };
  const name = m[1] as string;
  const version = m[2] as string;
  if (!NAME.test(name) || name.length > 200) return { ok: false, message: `"${name}" is not a valid PyPI project name` };
  if (!EXACT_VERSION.test(version)) {
    return { ok: false, message: `"${version}" is not an exact version (ranges, wildcards and local versions are not allowed)` };
  }
  return { ok: true, spec: { name, version } };
}

/** Why `module` cannot be run with `python -m`, or undefined when it can. Pure. */
export function checkPythonModule(module: string): string | undefined {
  return MODULE.test(module) && module.length <= 200 ? undefined : `"${module}" is not a Python module path (e.g. mcp_server_time)`;
}

/**
 * Problems with the PyPI fields of a source entry, one per field (`pypi`, `module`,
 * `pipSourceBuilds`), including PyPI-only fields used without `pypi`. Pure.
 */
export function checkPypiFields(s: { pypi?: string | undefined; module?: string | undefined; bin?: string | undefined; pipSourceBuilds?: boolean | undefined }): { field: string; message: string }[] {
  const issues: { field: string; message: string }[] = [];
  if (s.pipSourceBuilds !== undefined && !s.pypi) issues.push({ field: 'pipSourceBuilds', message: 'only applies to pypi entries' });
  if (s.pypi) {
    const parsed = parsePypiSpec(s.pypi);
    if (!parsed.ok) issues.push({ field: 'pypi', message: parsed.message });
  }
  if (s.module !== undefined) {
    if (!s.pypi) issues.push({ field: 'module', message: 'only applies to pypi entries' });
    else if (s.bin) issues.push({ field: 'module', message: 'give either module (python -m) or bin (a console script), not both' });
    else {
      const bad = checkPythonModule(s.module);
      if (bad) issues.push({ field: 'module', message: bad });
    }
  }
  return issues;
}
