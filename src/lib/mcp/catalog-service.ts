/**
 * The catalogue as `mcp-risk mcp` reads it: one catalogue folder, loaded lazily and cached for the
 * life of the server process. A lookup or a server policy loads and classifies only the server it
 * names (through `buildSiteData`, so verdicts, flags and peer flags are the site's); a search loads
 * the whole catalogue once and opens the site's own search engine over its index files in memory.
 * Node only (reads files).
 */
import { listServerIds, loadCatalog, loadServer, toolNameLists } from '../catalog/index.js';
import { catalogToolNames, loadRules, type CatalogNames, type RuleSet } from '../classify/index.js';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { POLICY_MAPPING_FILE, defaultPolicyMapping, loadPolicyMapping, type PolicyMapping } from '../policy/index.js';
import { openEngine, type Engine } from '../search/engine.js';
import { searchIndexFile } from '../search/site-index.js';
import { buildSiteData, type SiteData, type SiteServer } from '../view/site-data.js';

/** What the tools of `mcp-risk mcp` read. */
export interface CatalogService {
  /** Absolute catalogue folder. */
  dir: string;
  rules: RuleSet;
  mapping: PolicyMapping;
  /** Server ids in the catalogue, sorted. */
  serverIds: () => string[];
  /** One server, classified (undefined when the catalogue has no such id). */
  server: (id: string) => SiteServer | undefined;
  /** The whole catalogue's site data (loaded on first use). */
  siteData: () => SiteData;
  /** The site's search engine over the whole catalogue (opened on first use). */
  engine: () => Promise<Engine>;
}

/** The catalogue's policy mapping (`policy-mapping.yaml`), else the shipped one, as the CLI picks it. */
export function mappingOf(dir: string): PolicyMapping {
  return existsSync(join(dir, POLICY_MAPPING_FILE)) ? loadPolicyMapping(dir) : defaultPolicyMapping();
}

/** A lazily loaded, cached view of the catalogue folder `dir`. */
export function catalogService(dir: string): CatalogService {
  const root = resolve(dir);
  const rules = loadRules(root);
  const mapping = mappingOf(root);
  let ids: string[] | undefined;
  let all: SiteData | undefined;
  let engine: Promise<Engine> | undefined;
  const servers = new Map<string, SiteServer>();
  let names: CatalogNames | undefined;
  const serverIds = (): string[] => (ids ??= listServerIds(root));
  // One server's view flags its tools against the whole catalogue's names, as the site does.
  const catalogNames = (): CatalogNames => (names ??= catalogToolNames(toolNameLists(root)));
  const siteData = (): SiteData => (all ??= buildSiteData(loadCatalog(root), rules));
  return {
    dir: root,
    rules,
    mapping,
    serverIds,
    server: (id) => {
      if (!serverIds().includes(id)) return undefined;
      const whole = all?.serverById.get(id);
      if (whole) return whole;
      let s = servers.get(id);
      if (!s) {
        s = buildSiteData({ dir: root, servers: [loadServer(root, id)] }, rules, undefined, catalogNames()).servers[0]!;
        servers.set(id, s);
      }
      return s;
    },
    siteData,
    engine: () => {
      if (!engine) {
        const data = siteData();
        engine = openEngine('', async (path) => {
          const file = searchIndexFile(data, path);
          if (file === undefined) throw new Error(`search index: no file ${path}`);
          return file;
        });
        engine.catch(() => (engine = undefined));
      }
      return engine;
    },
  };
}
