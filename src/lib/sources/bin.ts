/**
 * Which executable of an installed package to run, and how. A package's `bin` may be a string (one
 * bin named after the package) or a map; the source's `bin` picks one, else the only one, else the
 * one named like the package.
 */
import { open } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import { unscopedName } from './npm-spec.js';

/** The bins a `package.json` declares, as `{ binName: relativePath }`. */
export function binsOf(pkg: { name?: unknown; bin?: unknown }): Record<string, string> {
  const { bin } = pkg;
  if (typeof bin === 'string') {
    return typeof pkg.name === 'string' ? { [unscopedName(pkg.name)]: bin } : {};
  }
  if (bin && typeof bin === 'object' && !Array.isArray(bin)) {
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(bin as Record<string, unknown>)) {
      if (typeof v === 'string' && v.length > 0) out[k] = v;
    }
    return out;
  }
  return {};
}

/** Outcome of picking a bin: its name and path relative to the package root, or why none fits. */
export type BinChoice = { ok: true; name: string; path: string } | { ok: false; message: string };

/**
 * Pick the bin to run: `wanted` if given (must exist), else the only bin, else the one whose name
 * equals the package's unscoped name. Pure.
 */
export function chooseBin(packageName: string, bins: Record<string, string>, wanted?: string): BinChoice {
  const names = Object.keys(bins).sort();
  const list = names.length ? names.join(', ') : '(none)';
  if (wanted !== undefined) {
    const path = bins[wanted];
    return path !== undefined
      ? { ok: true, name: wanted, path }
      : { ok: false, message: `package ${packageName} has no bin "${wanted}" (bins: ${list})` };
  }
  if (names.length === 1) {
    const only = names[0] as string;
    return { ok: true, name: only, path: bins[only] as string };
  }
  const own = unscopedName(packageName);
  const path = bins[own];
  if (path !== undefined) return { ok: true, name: own, path };
  return {
    ok: false,
    message: names.length
      ? `package ${packageName} has several bins (${list}); set "bin" in the source`
      : `package ${packageName} declares no bin`,
  };
}

/** Absolute bin path under `packageRoot`, or undefined when the declared path escapes the package. */
export function binPathInside(packageRoot: string, binPath: string): string | undefined {
  const abs = resolve(packageRoot, binPath);
  const rel = relative(packageRoot, abs);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return undefined;
  return abs;
}

/** True when a bin file is a Node script: a JS extension, or a `#!` line that names node. */
export function isNodeScript(path: string, head: string): boolean {
  if (/\.(?:c|m)?js$/i.test(path)) return true;
  const first = head.split('\n', 1)[0] ?? '';
  return /^#!.*\bnode\b/.test(first);
}

/**
 * How to start a bin: Node scripts run under this very Node (`process.execPath`), so no `node` on
 * PATH is needed and the version is known; anything else (a native binary) runs directly.
 */
export async function commandForBin(absBin: string, nodePath: string = process.execPath): Promise<{ command: string; args: string[] }> {
  let head = '';
  const fh = await open(absBin, 'r').catch(() => undefined);
  if (fh) {
    try {
      const buf = Buffer.alloc(256);
      const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
      head = buf.subarray(0, bytesRead).toString('utf8');
    } finally {
      await fh.close();
    }
  }
  return isNodeScript(absBin, head) ? { command: nodePath, args: [absBin] } : { command: absBin, args: [] };
}
