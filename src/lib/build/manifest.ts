/**
 * The build manifest of incremental site builds (`npm run build`; `--full` forces a clean one). A
 * build writes `.build-manifest.json` into its out folder: one hash of everything every page
 * depends on (`global`: the site's sources and settings, the catalogue's rules, mapping and every
 * other file outside `servers/`, the canonical origin), one hash per tool page's inputs, one per
 * server's routes' inputs and one per listing page's props (`/tools/`, `/categories/`, `/risk/`
 * pages: src/lib/view/listings.ts). The next build renders only the tool pages, server routes and
 * listing pages whose hash changed or is new, every other catalogue-wide page (search index, home,
 * changes, sitemaps, catalogue JSON...), and moves the unchanged pages' files over from the
 * previous out folder; a different `global` hash means a full build. The result is the same site,
 * byte for byte, as a full build (tests/integration/site-incremental.test.ts).
 *
 * What a tool page shows besides its own tool (`toolPageInputs`): its position and its server's
 * tool count, the related tools (same category on its server and across the catalogue: their own
 * data), and its history. A server's routes (page, JSON, builder file, policy files) show the
 * server's record, all its tools and its history. Each tool's own data is the whole `SiteTool`
 * (definition, notes, verdict, flags, which include flags computed against other tools, policy),
 * so a new cross-tool flag is covered without a change here. Anything a tool page or server route
 * reads beyond that must be added to `toolPageInputs` / the server hash, or the page moved to the
 * catalogue-wide ones.
 */
import { createHash } from 'node:crypto';
import { MANIFEST_VERSION } from './global-hash.js';
import { toolKey, type SiteData, type SiteTool } from '../view/site-data.js';
import { toolPageInputs } from '../view/tool-page.js';
import { listingRoutes } from '../view/listings.js';
import { siteHistory } from '../view/history-view.js';

export { MANIFEST_FILE, MANIFEST_VERSION, SITE_SOURCES, globalHash, hashFiles } from './global-hash.js';

/** What a build records about its inputs. */
export interface BuildManifest {
  version: number;
  /** Hash of what every page depends on. */
  global: string;
  /** Per server id: the hash of its routes' inputs. */
  servers: Record<string, string>;
  /** Per tool (`<serverId>/<slug>`): the hash of its page's (and JSON file's) inputs. */
  tools: Record<string, string>;
  /** Per listing page path (`/tools/2/`): the hash of its props (`listingRoutes`). */
  pages: Record<string, string>;
}

function sha(...parts: string[]): string {
  const h = createHash('sha256');
  for (const p of parts) h.update(p).update('\u0000');
  return h.digest('hex');
}

/** Hash of one tool's own data (its whole site record). */
function toolDataHash(tool: SiteTool): string {
  return sha(JSON.stringify(tool));
}

/**
 * The manifest of `data` under the global hash `global`: per tool, its own data, its page's other
 * inputs (`toolPageInputs`: position, server size, related tools' data, history view); per server,
 * its record, its tools' data in order and its history entries. Pure given `data` (history files
 * are read through the same reader the pages use).
 */
export function siteManifest(data: SiteData, global: string): BuildManifest {
  const own = new Map<SiteTool, string>();
  for (const t of data.tools) own.set(t, toolDataHash(t));
  const history = siteHistory(data);
  const tools: Record<string, string> = {};
  const servers: Record<string, string> = {};
  for (const s of data.servers) {
    s.tools.forEach((t, index) => {
      const inputs = toolPageInputs(data, t, index);
      tools[toolKey(t.serverId, t.slug)] = sha(
        global,
        own.get(t)!,
        JSON.stringify({ index: inputs.index, total: inputs.total, history: inputs.history }),
        ...inputs.related.map((r) => own.get(r) ?? toolDataHash(r)),
      );
    });
    servers[s.id] = sha(global, JSON.stringify(s.server), JSON.stringify(history.entries.get(s.id) ?? []), ...s.tools.map((t) => own.get(t)!));
  }
  // A listing page's props, each tool in them as its own data's hash.
  const asHash = (_key: string, value: unknown): unknown => (typeof value === 'object' && value !== null && own.has(value as SiteTool) ? own.get(value as SiteTool) : value);
  const pages: Record<string, string> = {};
  for (const r of listingRoutes(data)) pages[r.path] = sha(global, r.path, JSON.stringify(r.props, asHash));
  return { version: MANIFEST_VERSION, global, servers: sorted(servers), tools: sorted(tools), pages: sorted(pages) };
}

function sorted(r: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(r).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** The manifest file's text (deterministic: a full and an incremental build write the same bytes). */
export function manifestText(m: BuildManifest): string {
  return `${JSON.stringify(m, null, 1)}\n`;
}

/** Parse a manifest file's text; undefined when it is not a manifest of this version. */
export function parseManifest(text: string): BuildManifest | undefined {
  try {
    const m = JSON.parse(text) as Partial<BuildManifest>;
    const isMap = (v: unknown): v is Record<string, string> =>
      typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every((x) => typeof x === 'string');
    if (m.version !== MANIFEST_VERSION || typeof m.global !== 'string' || !isMap(m.servers) || !isMap(m.tools) || !isMap(m.pages)) return undefined;
    return m as BuildManifest;
  } catch {
    return undefined;
  }
}

/** The out-folder paths (files or folders, `/`-separated) of one tool page and its JSON file. */
export function toolOutputs(serverId: string, slug: string): string[] {
  return [`servers/${serverId}/tools/${slug}`, `api/tools/${serverId}/${slug}.json`];
}

/**
 * The out-folder paths (folders) that hold every tool page and every tool JSON file of one server,
 * and nothing else: moved as two renames when all of a server's tools are kept.
 */
export function toolFolders(serverId: string): string[] {
  return [`servers/${serverId}/tools`, `api/tools/${serverId}`];
}

/** The out-folder paths of one server's routes: its page, JSON, builder and audit files, policy and policy files. */
export function serverOutputs(serverId: string): string[] {
  return [`servers/${serverId}/index.html`, `api/servers/${serverId}.json`, `builder/servers/${serverId}.json`, `audit/servers/${serverId}.json`, `policy/${serverId}.json`, `policy/${serverId}`];
}

/** The out-folder path of a listing page (`/tools/2/` is `tools/2/index.html`). */
export function pageOutput(path: string): string {
  return `${path.replace(/^\/+/, '')}index.html`;
}

/** What a build does. */
export type BuildPlan =
  | { mode: 'full'; reason: string }
  | {
      mode: 'incremental';
      /** Tool keys, server ids and listing page paths to render. */
      renderTools: Set<string>;
      renderServers: Set<string>;
      renderPages: Set<string>;
      /** Tool keys, server ids and listing page paths whose files are moved over from the previous out folder. */
      keepTools: string[];
      keepServers: string[];
      keepPages: string[];
      /**
       * Server ids whose tools are all kept and the same as before (none added or removed): their
       * `toolFolders` are moved whole, the other kept tools one by one.
       */
      keepToolFolders: string[];
    };

/**
 * Compare the previous build's manifest with the next one. `present(path)` says whether the
 * previous out folder holds a path: a kept page whose files are missing is rendered instead.
 */
export function planBuild(prev: BuildManifest | undefined, next: BuildManifest, present: (path: string) => boolean): BuildPlan {
  if (!prev) return { mode: 'full', reason: 'no previous build manifest' };
  if (prev.global !== next.global) return { mode: 'full', reason: 'the site sources, catalogue rules or settings changed' };
  const renderTools = new Set<string>();
  const renderServers = new Set<string>();
  const keepTools: string[] = [];
  const keepServers: string[] = [];
  for (const [key, hash] of Object.entries(next.tools)) {
    const [serverId, slug] = splitKey(key);
    if (prev.tools[key] === hash && toolOutputs(serverId, slug).every(present)) keepTools.push(key);
    else renderTools.add(key);
  }
  for (const [id, hash] of Object.entries(next.servers)) {
    if (prev.servers[id] === hash && serverOutputs(id).every(present)) keepServers.push(id);
    else renderServers.add(id);
  }
  // A server's tool folders move whole when its tool keys are the same as before and all kept.
  const toolsOf = (m: BuildManifest): Map<string, string[]> => {
    const by = new Map<string, string[]>();
    for (const key of Object.keys(m.tools)) {
      const id = splitKey(key)[0];
      let list = by.get(id);
      if (!list) by.set(id, (list = []));
      list.push(key);
    }
    return by;
  };
  const before = toolsOf(prev);
  const keepToolFolders: string[] = [];
  for (const [id, keys] of toolsOf(next)) {
    const old = before.get(id);
    if (old && old.length === keys.length && keys.every((k) => prev.tools[k] !== undefined && !renderTools.has(k))) keepToolFolders.push(id);
  }
  const renderPages = new Set<string>();
  const keepPages: string[] = [];
  for (const [path, hash] of Object.entries(next.pages)) {
    if (prev.pages[path] === hash && present(pageOutput(path))) keepPages.push(path);
    else renderPages.add(path);
  }
  return { mode: 'incremental', renderTools, renderServers, renderPages, keepTools, keepServers, keepPages, keepToolFolders };
}

/** Server id and slug of a tool key (server ids hold no `/`). */
export function splitKey(key: string): [string, string] {
  const at = key.indexOf('/');
  return [key.slice(0, at), key.slice(at + 1)];
}
