/**
 * The `files:` map of a source: small files (a dummy kubeconfig, say) written into the run's scratch
 * folder before the server starts. Keys are relative paths that must stay inside the folder.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { substituteScratch } from './env.js';

/** Largest content of one `files:` entry, in bytes: these are dummy configs, not payloads. */
export const MAX_SOURCE_FILE_BYTES = 64 * 1024;

/** Why a `files:` key is not a safe relative path, or undefined when it is. Pure. */
export function checkFilePath(rel: string): string | undefined {
  if (rel.length === 0 || rel.length > 200) return 'must be a relative path of 1-200 characters';
  if (rel.startsWith('/') || /^[A-Za-z]:/.test(rel) || rel.includes('\\')) return 'must be a relative path with / separators';
  const parts = rel.split('/');
  if (parts.some((p) => p === '' || p === '.' || p === '..')) return 'must not contain empty, "." or ".." segments';
  if (parts.some((p) => /[\u0000-\u001f]/.test(p))) return 'must not contain control characters';
  return undefined;
}

/** Problems with a source's `files` map, one per field (`files.<path>`). Pure. */
export function checkSourceFiles(files: Record<string, string>): { field: string; message: string }[] {
  const issues: { field: string; message: string }[] = [];
  for (const [rel, content] of Object.entries(files)) {
    const bad = checkFilePath(rel);
    if (bad) issues.push({ field: `files.${rel}`, message: bad });
    else if (Buffer.byteLength(content, 'utf8') > MAX_SOURCE_FILE_BYTES) {
      issues.push({ field: `files.${rel}`, message: `is larger than ${MAX_SOURCE_FILE_BYTES} bytes` });
    }
  }
  return issues;
}

/**
 * Write the (already checked) `files:` map under `scratch`, replacing `{scratch}` in contents.
 * Returns the absolute paths written, sorted.
 */
export async function writeSourceFiles(files: Record<string, string>, scratch: string): Promise<string[]> {
  const written: string[] = [];
  for (const rel of Object.keys(files).sort()) {
    const abs = join(scratch, ...rel.split('/'));
    await mkdir(dirname(abs), { recursive: true });
    await writeFile(abs, substituteScratch(files[rel] as string, scratch), { mode: 0o600 });
    written.push(abs);
  }
  return written;
}
