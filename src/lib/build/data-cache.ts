/**
 * The site build's cache of parsed and classified tool files. Loading a 50,000-tool catalogue is
 * mostly parsing YAML front matter (about 11 s) and classifying (about 2 s); an incremental build
 * after one server was re-ingested would redo all of it for a few changed files. So a whole-site
 * build keeps, per tool file, what parsing and classifying its text gave, under the SHA-256 of the
 * text, and the next build parses and classifies only the files whose text is new.
 *
 * The cache is one file per server in a folder next to the out folder (`<out>.build-cache/`, not
 * published), written atomically (temp file + rename), v8-serialized (so every value a YAML file
 * can hold survives: NaN, -0, ...). It is valid only under the same `key`: the build's global hash
 * (site sources and package versions, which include the parser, classifier and rules' code; the
 * catalogue's rules; settings), so an entry always holds what this code and these rules give for
 * that text. A file that cannot be read or does not match is ignored (the tools are parsed again).
 *
 * Each server's file also keeps the server's analysis (trifecta legs, annotation coverage: the home
 * page's flag counts and the search index's annotation filter read every server's), a function of
 * its tool files' texts: a server whose tool files are all the same is not analysed again.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { loadCatalog, parseToolText, type Catalog, type CatalogTool } from '../catalog/index.js';
import { classify, loadRules } from '../classify/index.js';
import type { ServerAnalysis } from '../analysis/index.js';
import type { Classification } from '../schema/index.js';
import { siteAnalysis } from '../view/analysis-view.js';
import { buildSiteData, type SiteData } from '../view/site-data.js';

/** Bumped when an entry's shape changes. */
export const DATA_CACHE_VERSION = 1;

/** What a tool file's text parsed and classified to (everything of `CatalogTool` but its name and path). */
export interface CachedTool {
  position: number;
  definition: CatalogTool['definition'];
  review?: CatalogTool['review'];
  body: string;
  classification: Classification;
}

/** One server's cache file. */
interface CacheFile {
  version: number;
  key: string;
  /** Text hash of each of the server's tool files, in order, with what it gave. */
  tools: [string, CachedTool][];
  /**
   * The server's analysis (`analyseSiteServer`, src/lib/view/analysis-view.ts): a function of its
   * tool files' texts (definitions, classifications, reviews), so valid while they are the same.
   */
  analysis?: ServerAnalysis;
}

/** What a cached load did. */
export interface CachedLoad {
  data: SiteData;
  /** Tool files taken from the cache, and parsed (new or changed text). */
  hits: number;
  parsed: number;
  /**
   * Analyse the servers (`siteAnalysis`, which the pages then read: unchanged servers' analyses come
   * from the cache) and write the cache of this load's catalogue (changed servers' files only, and
   * files without an analysis; gone servers' removed), then let go of what only the cache needed
   * (the build calls it before rendering, to keep its peak memory down). Call it once.
   */
  save(): void;
}

function textHash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Cache file name of a server id (ids are folder names: letters, digits, `-`, `_`, `.`). */
function fileOf(cacheDir: string, serverId: string): string {
  return join(cacheDir, `${serverId}.bin`);
}

function readCacheFile(path: string, key: string): CacheFile | undefined {
  try {
    const f = deserialize(readFileSync(path)) as CacheFile;
    return f && f.version === DATA_CACHE_VERSION && f.key === key && Array.isArray(f.tools) ? f : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Load the catalogue `dir` and build its site data, taking each tool file whose text the cache in
 * `cacheDir` (under `key`) holds from there; `useCache: false` parses every file (a `--full` build)
 * but `save` still writes the cache.
 */
export function loadSiteDataCached(dir: string, cacheDir: string, key: string, useCache = true): CachedLoad {
  const known = new Map<string, CachedTool>();
  const previous = new Map<string, string[]>();
  const analyses = new Map<string, ServerAnalysis>();
  if (useCache && existsSync(cacheDir)) {
    for (const name of readdirSync(cacheDir)) {
      if (!name.endsWith('.bin')) continue;
      const f = readCacheFile(join(cacheDir, name), key);
      if (!f) continue;
      previous.set(name.slice(0, -4), f.tools.map(([h]) => h));
      if (f.analysis) analyses.set(name.slice(0, -4), f.analysis);
      for (const [h, t] of f.tools) known.set(h, t);
    }
  }
  const hashOf = new Map<CatalogTool, string>();
  const cachedClass = new Map<CatalogTool, Classification>();
  const used = new Set<CachedTool>();
  let hits = 0;
  let parsed = 0;
  const parse = (text: string, file: string, slug: string): CatalogTool => {
    const h = textHash(text);
    const hit = known.get(h);
    let tool: CatalogTool;
    if (hit) {
      hits += 1;
      // Two files with the same text (on two servers) get their own objects, as parsing gives.
      const entry = used.has(hit) ? structuredClone(hit) : hit;
      used.add(hit);
      tool = { slug, file, position: entry.position, definition: entry.definition, body: entry.body };
      if (entry.review) tool.review = entry.review;
      cachedClass.set(tool, entry.classification);
    } else {
      parsed += 1;
      tool = parseToolText(text, file, slug);
    }
    hashOf.set(tool, h);
    return tool;
  };
  let catalog: Catalog | undefined = loadCatalog(dir, parse);
  const rules = loadRules(dir);
  const classes = new Map<CatalogTool, Classification>();
  const data = buildSiteData(catalog, rules, (t) => {
    const c = cachedClass.get(t) ?? classify(t.definition, rules);
    classes.set(t, c);
    return c;
  });
  const save = (): void => {
    if (!catalog) throw new Error('build cache: save() called twice');
    mkdirSync(cacheDir, { recursive: true });
    const same = new Set<string>();
    for (const s of catalog.servers) {
      const hashes = s.tools.map((t) => hashOf.get(t)!);
      const before = previous.get(s.id);
      if (before && before.length === hashes.length && before.every((h, i) => h === hashes[i])) same.add(s.id);
    }
    const analysis = siteAnalysis(data, (s) => (same.has(s.id) ? analyses.get(s.id) : undefined)).byServer;
    const present = new Set<string>();
    for (const s of catalog.servers) {
      present.add(s.id);
      if (same.has(s.id) && analyses.has(s.id)) continue;
      const hashes = s.tools.map((t) => hashOf.get(t)!);
      const file: CacheFile = {
        version: DATA_CACHE_VERSION,
        key,
        analysis: analysis.get(s.id)!,
        tools: s.tools.map((t, i) => {
          const entry: CachedTool = { position: t.position, definition: t.definition, body: t.body, classification: classes.get(t)! };
          if (t.review) entry.review = t.review;
          return [hashes[i]!, entry];
        }),
      };
      const path = fileOf(cacheDir, s.id);
      const tmp = `${path}.tmp-${process.pid}`;
      writeFileSync(tmp, serialize(file));
      renameSync(tmp, path);
    }
    for (const name of readdirSync(cacheDir)) {
      if (!present.has(name.replace(/\.bin$/, '')) || !name.endsWith('.bin')) rmSync(join(cacheDir, name), { force: true, recursive: true });
    }
    catalog = undefined;
    known.clear();
    analyses.clear();
    hashOf.clear();
    classes.clear();
    cachedClass.clear();
  };
  return { data, hits, parsed, save };
}
