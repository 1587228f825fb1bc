/**
 * The build manifest's global hash (src/lib/build/manifest.ts), in a module of its own that loads
 * none of the site's code: the build script reads it before it re-executes itself with the V8 flags
 * of the build (an incremental build gets a larger heap cap, src/lib/build/plan.ts).
 */
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** File name of the manifest inside the out folder. */
export const MANIFEST_FILE = '.build-manifest.json';
/** Bumped when the manifest's meaning changes (an old manifest then gives a full build). */
export const MANIFEST_VERSION = 2;

/**
 * Hash of the files under `paths` (files or folders, relative to `root`), by relative path and
 * content, in sorted order; `skip` leaves out top-level entries of a folder by name (e.g.
 * `servers` of the catalogue). A missing path hashes as missing.
 */
export function hashFiles(root: string, paths: readonly string[], skip: ReadonlySet<string> = new Set()): string {
  const h = createHash('sha256');
  const walk = (abs: string, top: boolean): void => {
    if (!existsSync(abs)) {
      h.update(`missing ${relative(root, abs)}\u0000`);
      return;
    }
    const st = lstatSync(abs);
    if (st.isDirectory()) {
      for (const name of readdirSync(abs).sort()) {
        if (top && skip.has(name)) continue;
        walk(join(abs, name), false);
      }
    } else if (st.isFile()) {
      h.update(`${relative(root, abs).split(sep).join('/')}\u0000`).update(readFileSync(abs)).update('\u0000');
    }
  };
  for (const p of paths) walk(join(root, p), true);
  return h.digest('hex');
}

/** The project's files a page's bytes can depend on (templates, code, styles, assets, versions). */
export const SITE_SOURCES = ['src', 'public', 'astro.config.mjs', 'package.json', 'package-lock.json', 'tsconfig.json'];

/**
 * The global hash: the site's sources under `root`, the catalogue's files outside `servers/`
 * (rules, policy mapping, analysis rules, sources...), the canonical origin and the manifest version.
 */
export function globalHash(root: string, catalogDir: string, site: string): string {
  const h = createHash('sha256');
  for (const p of [`manifest ${MANIFEST_VERSION}`, hashFiles(root, SITE_SOURCES), hashFiles(catalogDir, ['.'], new Set(['servers'])), site]) h.update(p).update('\u0000');
  return h.digest('hex');
}

/**
 * The global hash of a manifest file's text (`manifestText`), or undefined when it is not a
 * manifest of this version.
 */
export function manifestGlobal(text: string): string | undefined {
  try {
    const m = JSON.parse(text) as { version?: unknown; global?: unknown };
    return m.version === MANIFEST_VERSION && typeof m.global === 'string' ? m.global : undefined;
  } catch {
    return undefined;
  }
}
