/**
 * The `/changes/` feed (Atom) and JSON export, from site data: the same riskiest-first list the page
 * shows, built by the history module's XML-escaping writers.
 */
import { changesAtom, changesJson, type ChangeItem, type ChangeJson } from '../history/index.js';
import { MAX_CHANGES, catalogueChanges, changeToolPath, newestHistoryTime } from './history-view.js';
import type { SiteData } from './site-data.js';
import { urls } from './urls.js';

/** Entries in the Atom feed. */
export const FEED_ENTRIES = 50;

/** The Atom feed of recent changes, riskiest first. `site` is the absolute site origin. */
export function changesFeedXml(data: SiteData, site: string | URL, limit = FEED_ENTRIES): string {
  const siteUrl = new URL('/', site).href;
  return changesAtom(catalogueChanges(data, limit), {
    siteUrl,
    pagePath: urls.changes(),
    feedPath: urls.changesFeed(),
    title: 'MCP Risk Catalog: tool definition changes',
    toolPath: (item: ChangeItem) => changeToolPath(data, item),
    emptyUpdated: newestHistoryTime(data),
  });
}

/** The JSON export of recent changes (`/changes/changes.json`), with absolute tool URLs. */
export function changesJsonFor(data: SiteData, site: string | URL, limit = MAX_CHANGES): { version: 1; changes: ChangeJson[] } {
  return changesJson(catalogueChanges(data, limit), (item) => {
    const path = changeToolPath(data, item);
    return path ? new URL(path, site).href : undefined;
  });
}
