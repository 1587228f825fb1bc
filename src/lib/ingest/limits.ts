/**
 * Bounds on every read from a server, and the SDK version stamp recorded with each ingest.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/** Bounds applied to one listing. All values are positive integers. */
export interface ListLimits {
  /** Longest wait for any single response (initialize, each tools/list page), in ms. */
  requestTimeoutMs: number;
  /** Deadline for the whole listing of one server (start to last page), in ms. */
  totalTimeoutMs: number;
  /** Most tools/list pages followed before giving up. */
  maxPages: number;
  /** Most tools accepted across all pages. */
  maxTools: number;
  /** Most bytes read from the server (stdout, or HTTP response bodies) across the whole listing. */
  maxBytes: number;
}

/** 30 s per request, 120 s per server, 100 pages, 20,000 tools, 32 MiB. */
export const DEFAULT_LIMITS: ListLimits = Object.freeze({
  requestTimeoutMs: 30_000,
  totalTimeoutMs: 120_000,
  maxPages: 100,
  maxTools: 20_000,
  maxBytes: 32 * 1024 * 1024,
});

/**
 * `DEFAULT_LIMITS` overridden by `limits`; throws a `RangeError` naming the field when a given
 * value is not a positive integer (undefined values are ignored).
 */
export function resolveLimits(limits: Partial<ListLimits> = {}): ListLimits {
  const out: ListLimits = { ...DEFAULT_LIMITS };
  for (const key of Object.keys(DEFAULT_LIMITS) as (keyof ListLimits)[]) {
    const v = limits[key];
    if (v === undefined) continue;
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v <= 0) {
      throw new RangeError(`limits.${key} must be a positive integer, got ${String(v)}`);
    }
    out[key] = v;
  }
  return out;
}

function readSdkVersion(): string {
  try {
    // The package's `exports` hide package.json (and it ships no CJS entry to resolve), so look in
    // the node_modules folders Node would search from here.
    const require = createRequire(import.meta.url);
    for (const dir of require.resolve.paths('@modelcontextprotocol/sdk') ?? []) {
      try {
        const file = join(dir, '@modelcontextprotocol', 'sdk', 'package.json');
        const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
        if (pkg.name === '@modelcontextprotocol/sdk' && typeof pkg.version === 'string') return pkg.version;
      } catch {
        // not installed in this folder; try the next
      }
    }
  } catch {
    // fall through
  }
  return 'unknown';
}

/** Version of `@modelcontextprotocol/sdk` doing the listing, read from its package.json ("unknown" if unreadable). */
export const SDK_VERSION: string = readSdkVersion();
