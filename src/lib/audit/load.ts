/**
 * The CLI's loader (Node): the audit's catalogue data built in memory from a catalogue folder,
 * through the same functions the site uses for `/audit/index.json` and `/audit/servers/<id>.json`.
 */
import { loadTrifectaRules, type TrifectaRules } from '../analysis/trifecta-rules.js';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CatalogError, listServerIds, loadCatalog, loadServer, parseWithIssues, parseYaml, toolNameLists, type Catalog } from '../catalog/index.js';
import { ServerSchema } from '../schema/index.js';
import type { ParsedConfig } from './config.js';
import { matchServer } from './match.js';
import { catalogToolNames, loadRules, type CatalogNames, type RuleSet } from '../classify/index.js';
import type { SiteServer } from '../view/site-data.js';
import { auditIndex, auditServer, classifyTools, indexServer } from './build-data.js';
import type { AuditIndex, AuditServer, CatalogueIndex } from './data.js';

/** The audit data of one site server (the site build's files are these). */
export function auditServerOfSite(s: SiteServer, rules: TrifectaRules): AuditServer {
  return auditServer(s.id, s.server.name, s.url, s.tools, rules);
}

/** Every tool name of a loaded catalogue, by server (what `shadows-common-tool` compares with). */
function namesOf(catalog: Catalog): CatalogNames {
  return catalogToolNames(catalog.servers.map((cs) => ({ id: cs.id, names: cs.tools.map((t) => t.definition.name) })));
}

/**
 * The catalogue's tool names of folder `dir`, from its file names (`toolNames`: a full load is
 * seconds), read once per folder and process.
 */
const namesByDir = new Map<string, CatalogNames>();
function catalogueNames(dir: string): CatalogNames {
  const root = resolve(dir);
  let names = namesByDir.get(root);
  if (!names) namesByDir.set(root, (names = catalogToolNames(toolNameLists(root))));
  return names;
}

/** The audit data of a loaded catalogue. */
export function catalogueIndexOf(catalog: Catalog, rules: RuleSet, trifecta: TrifectaRules): CatalogueIndex {
  const servers = new Map<string, AuditServer>();
  const catalogNames = namesOf(catalog);
  const entries = catalog.servers.map((cs) => {
    const entry = indexServer(cs.id, cs.server, cs.tools.length);
    const tools = classifyTools(cs.tools.map((t) => ({ definition: t.definition, slug: t.slug, ...(t.review ? { review: t.review } : {}) })), rules, { serverId: cs.id, catalogNames });
    servers.set(cs.id, auditServer(cs.id, cs.server.name, entry.url, tools, trifecta));
    return entry;
  });
  return { index: auditIndex(entries, trifecta), servers };
}

/** The audit data of the catalogue folder `dir` (its rules and trifecta rules included). */
export function loadCatalogueIndex(dir: string): CatalogueIndex {
  return catalogueIndexOf(loadCatalog(dir), loadRules(dir), loadTrifectaRules(dir));
}

/** The index of a catalogue folder, from its `server.yaml` files only (no tool file is read). */
export function loadAuditIndex(dir: string, trifecta: TrifectaRules = loadTrifectaRules(dir)): AuditIndex {
  const root = resolve(dir);
  const entries = listServerIds(root).map((id) => {
    const file = join(root, 'servers', id, 'server.yaml');
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      throw new CatalogError(file, '', `cannot read file (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    const server = parseWithIssues(ServerSchema, parseYaml(text, file), file);
    return indexServer(id, server, server.toolCount);
  });
  return auditIndex(entries, trifecta);
}

/**
 * What an audit of `config` needs from the catalogue folder `dir`: the index, and the tools of
 * only the servers the config matches (loaded and classified here).
 */
export function loadCatalogueFor(dir: string, config: ParsedConfig): CatalogueIndex {
  const trifecta = loadTrifectaRules(dir);
  const index = loadAuditIndex(dir, trifecta);
  const rules = loadRules(dir);
  const servers = new Map<string, AuditServer>();
  let catalogNames: CatalogNames | undefined;
  for (const s of config.servers) {
    const m = matchServer(s, index);
    if (!m || servers.has(m.server.id)) continue;
    // Shadowing compares names across the whole catalogue (as the site does): read them on the first match.
    catalogNames ??= catalogueNames(dir);
    const cs = loadServer(resolve(dir), m.server.id);
    const tools = classifyTools(cs.tools.map((t) => ({ definition: t.definition, slug: t.slug, ...(t.review ? { review: t.review } : {}) })), rules, { serverId: cs.id, catalogNames });
    servers.set(cs.id, auditServer(cs.id, cs.server.name, m.server.url, tools, trifecta));
  }
  return { index, servers };
}
