/**
 * The site's search index files, built once per build from the site data (memoised per SiteData):
 * the `/search-index/[...file]` endpoint lists and serves them.
 */
import type { SiteData } from '../view/site-data.js';
import { buildShardedIndex, type IndexFile } from './build-index.js';
import { toolAnnotationStatus } from '../view/analysis-view.js';
import { flagCodes } from '../view/flag-kinds.js';

const cache = new WeakMap<SiteData, { files: IndexFile[]; byPath: Map<string, unknown> }>();

function built(data: SiteData): { files: IndexFile[]; byPath: Map<string, unknown> } {
  let entry = cache.get(data);
  if (!entry) {
    const files = buildShardedIndex(
      data.tools.map((t) => ({
        name: t.name,
        slug: t.slug,
        description: t.description,
        serverId: t.serverId,
        category: t.verdict.category,
        risk: t.verdict.risk,
        annotation: toolAnnotationStatus(data, t),
        flagCodes: flagCodes(t.flags),
      })),
      data.servers.map((s) => ({ id: s.id, name: s.server.name })),
    );
    entry = { files, byPath: new Map(files.map((f) => [f.path, f.data])) };
    cache.set(data, entry);
  }
  return entry;
}

/** Every file of the search index (paths relative to `/search-index/`). */
export function searchIndexFiles(data: SiteData): IndexFile[] {
  return built(data).files;
}

/** The JSON value of one index file, or undefined. */
export function searchIndexFile(data: SiteData, path: string): unknown {
  return built(data).byPath.get(path);
}
