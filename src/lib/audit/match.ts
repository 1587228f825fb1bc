/**
 * Finding a config's server in the catalogue: by the npm or PyPI package its command runs, then
 * by URL (a remote server's `launch.url`, or its homepage's address), then by registry name. And
 * whether the catalogue's snapshot was listed from the version the config runs.
 */
import type { ConfigServer } from './config.js';
import type { AuditIndex, IndexServer } from './data.js';
import { launchPackage, normalizeUrl, type LaunchPackage } from './launch.js';

/** How a server was found. */
export type MatchKind = 'npm' | 'pypi' | 'url' | 'registry-name';

/**
 * The catalogue's snapshot against the config: `exact` same version, `other` the config pins
 * another version, `unpinned` the config runs whatever version is current (no version, a tag or a
 * range), `remote` a URL server (no version to compare).
 */
export type VersionMatch = 'exact' | 'other' | 'unpinned' | 'remote';

/** A catalogue match. */
export interface CatalogueMatch {
  server: IndexServer;
  by: MatchKind;
  version: VersionMatch;
  /** The version the config runs (exact versions only). */
  configVersion?: string;
  /** The version the catalogue listed. */
  catalogueVersion?: string;
}

function byPackage(pkg: LaunchPackage, index: AuditIndex): { server: IndexServer; version?: string } | undefined {
  for (const s of index.servers) {
    const p = s.packages.find((q) => q.ecosystem === pkg.ecosystem && q.name === pkg.name);
    if (p) return { server: s, ...(p.version ? { version: p.version } : {}) };
  }
  if (pkg.binOnly) {
    // A node_modules/.bin name: the package's unscoped name, or its name without a "server-"/"mcp-" prefix.
    for (const s of index.servers) {
      const p = s.packages.find((q) => q.ecosystem === 'npm' && (q.name.split('/').pop() === pkg.name || `mcp-${q.name.split('/').pop() ?? ''}` === pkg.name));
      if (p) return { server: s, ...(p.version ? { version: p.version } : {}) };
    }
  }
  return undefined;
}

/** The package a config server runs (stdio servers only). */
export function configPackage(s: ConfigServer): LaunchPackage | undefined {
  return s.command !== undefined ? launchPackage(s.command, s.args) : undefined;
}

/** The catalogue entry of one config server, if any. */
export function matchServer(s: ConfigServer, index: AuditIndex): CatalogueMatch | undefined {
  const pkg = configPackage(s);
  if (pkg) {
    const hit = byPackage(pkg, index);
    if (hit) {
      const out: CatalogueMatch = { server: hit.server, by: pkg.ecosystem, version: 'unpinned' };
      if (hit.version) out.catalogueVersion = hit.version;
      if (pkg.version) {
        out.configVersion = pkg.version;
        out.version = pkg.version === hit.version ? 'exact' : 'other';
      }
      return out;
    }
  }
  // `npx mcp-remote <url>` (a stdio bridge to a remote server) is matched by the URL it bridges to.
  const url = s.url ?? (pkg?.name === 'mcp-remote' ? s.args.find((a) => /^https?:\/\//i.test(a)) : undefined);
  if (url !== undefined) {
    const u = normalizeUrl(url);
    if (u) {
      const hit = index.servers.find((x) => x.urls.includes(u)) ?? index.servers.find((x) => x.urls.some((h) => u.startsWith(`${h}/`)));
      if (hit) return { server: hit, by: 'url', version: 'remote' };
    }
  }
  const byName = index.servers.find((x) => x.registryNames.includes(s.name));
  if (byName) return { server: byName, by: 'registry-name', version: url !== undefined ? 'remote' : 'unpinned' };
  return undefined;
}
