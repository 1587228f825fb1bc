/**
 * Links into the builder from other pages, in the query (short, human-readable):
 *
 *     /builder/?add=<server>:<slug>[,<slug>...][;<server>:<slug>...]
 *     /builder/?server=<id>&min=<Low|Medium|High|Critical>
 *
 * `add` selects tools with their recommended actions; `server` + `min` selects every tool of a
 * server at or above a risk level. Both add to the visitor's current selection (see README.md).
 * Ids and slugs are escaped as in the fragment state.
 */
import { clip, escapePart, unescapePart } from './escape.js';
import { fragmentParams } from './url-state.js';
import { RISK_LEVELS, type Risk } from '../schema/classification.js';

/** Path of the builder page. */
export const BUILDER_PATH = '/builder/';

/** Link that adds one tool to the builder. */
export function builderAddHref(serverId: string, slug: string): string {
  return `${BUILDER_PATH}?add=${escapePart(serverId)}:${escapePart(slug)}`;
}

/** Link that adds every tool of a server at or above `min` to the builder. */
export function builderServerHref(serverId: string, min: Risk = 'High'): string {
  return `${BUILDER_PATH}?server=${escapePart(serverId)}&min=${min}`;
}

/** What an entry link asks for. */
export interface EntryRequest {
  adds: { server: string; slugs: string[] }[];
  atOrAbove?: { server: string; min: Risk };
  notices: string[];
}

/** Upper bound on the tools one `add` link may name. */
export const MAX_ADDS = 1_000;

/** Read the entry parameters of a query string (with or without `?`). */
export function parseEntryQuery(search: string): EntryRequest {
  const params = fragmentParams(search);
  const out: EntryRequest = { adds: [], notices: [] };
  let bad = 0;
  let count = 0;
  const add = params.get('add');
  if (add !== undefined) {
    for (const group of add.split(';')) {
      const colon = group.indexOf(':');
      const server = colon > 0 ? unescapePart(group.slice(0, colon)) : undefined;
      if (!server) {
        bad += 1;
        continue;
      }
      const slugs: string[] = [];
      for (const raw of group.slice(colon + 1).split(',')) {
        const slug = unescapePart(raw);
        if (!slug) bad += 1;
        else if (count < MAX_ADDS) {
          slugs.push(slug);
          count += 1;
        }
      }
      if (slugs.length > 0) out.adds.push({ server, slugs });
    }
  }
  const server = params.get('server');
  if (server !== undefined) {
    const id = unescapePart(server);
    const min = params.get('min') ?? 'High';
    const risk = RISK_LEVELS.find((r) => r.toLowerCase() === min.toLowerCase());
    if (!id) bad += 1;
    else if (!risk) out.notices.push(`Unknown risk level "${clip(min, 20)}" in the link (expected Low, Medium, High or Critical); nothing was added.`);
    else out.atOrAbove = { server: id, min: risk };
  }
  if (bad > 0) out.notices.push(`${bad === 1 ? 'One part' : `${bad} parts`} of the link could not be read and ${bad === 1 ? 'was' : 'were'} skipped.`);
  return out;
}
