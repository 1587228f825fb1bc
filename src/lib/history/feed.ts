/**
 * The catalogue's change list as an Atom feed and as JSON. Tool names and reasons are untrusted:
 * every text goes through `xmlText` (escaped, characters XML forbids replaced, invisible and
 * bidirectional characters shown as `<U+XXXX>`); the feed is built from strings only here.
 */
import { createHash } from 'node:crypto';
import { changeRisk, fieldDiff, verdictChange, type ChangeItem } from './view.js';

/** Where the feed lives and what it links to. */
export interface FeedOptions {
  /** Absolute site URL ending in `/`, e.g. `https://example.org/`. */
  siteUrl: string;
  /** Path of the changes page, e.g. `/changes/`. */
  pagePath: string;
  /** Path of the feed itself, e.g. `/changes/feed.xml`. */
  feedPath: string;
  title?: string;
  /** The tool page path of an item (e.g. `/servers/<id>/<slug>/`), when the tool still has one. */
  toolPath?: (item: ChangeItem) => string | undefined;
  /** Feed `updated` time when there are no items (ISO 8601); default the Unix epoch. */
  emptyUpdated?: string;
}

/** Invisible and bidirectional characters that could disguise text, shown as `<U+XXXX>`. */
const DISGUISING = /[\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF\u00AD\u061C\u180E\u034F\u115F\u1160\u3164\uFFA0]|\uDB40[\uDC00-\uDC7F]/g;
// eslint-disable-next-line no-control-regex
const XML_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Untrusted text made visible (no disguising characters) and safe as XML character data or attribute value. */
export function xmlText(text: string): string {
  return text
    .replace(DISGUISING, (c) => `<U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}>`)
    .replace(XML_FORBIDDEN, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function absolute(siteUrl: string, path: string): string {
  return new URL(path.replace(/^\/+/, ''), siteUrl).href;
}

/** Stable id of a change: server, tool, occurrence, kind and time. */
export function changeId(item: ChangeItem): string {
  const e = item.entry;
  const key = [item.serverId, e.tool, String(e.occurrence ?? 0), e.kind, e.at].join('\u0000');
  return createHash('sha256').update(key, 'utf8').digest('hex').slice(0, 24);
}

/** `RISKY: <server> / <tool>: changed` style title of a change. */
export function changeTitle(item: ChangeItem): string {
  return `${item.entry.risky ? 'RISKY: ' : ''}${item.serverName} / ${item.entry.tool}: ${item.entry.kind}`;
}

/** The plain-text lines describing a change (reasons, verdict, parts changed). */
export function changeLines(item: ChangeItem): string[] {
  const e = item.entry;
  const lines: string[] = [];
  for (const r of e.riskyReasons) lines.push(`Risky: ${r}`);
  lines.push(`Verdict: ${verdictChange(e)}`);
  if (e.kind === 'changed') {
    for (const f of e.fields) {
      const d = fieldDiff(f);
      lines.push(`${f.field}: ${d.summary.length > 0 ? d.summary.join('; ') : 'changed'}`);
    }
  }
  return lines;
}

/** The Atom 1.0 feed of `items` (already sorted and limited by the caller). */
export function changesAtom(items: readonly ChangeItem[], options: FeedOptions): string {
  const page = absolute(options.siteUrl, options.pagePath);
  const self = absolute(options.siteUrl, options.feedPath);
  const updated = items.reduce((max, i) => (i.entry.at > max ? i.entry.at : max), options.emptyUpdated ?? '1970-01-01T00:00:00.000Z');
  const out: string[] = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <title>${xmlText(options.title ?? 'MCP tool definition changes')}</title>`,
    `  <id>${xmlText(page)}</id>`,
    `  <link rel="alternate" type="text/html" href="${xmlText(page)}"/>`,
    `  <link rel="self" type="application/atom+xml" href="${xmlText(self)}"/>`,
    `  <updated>${xmlText(updated)}</updated>`,
    '  <author><name>MCP Risk Catalog</name></author>',
  ];
  for (const item of items) {
    const path = options.toolPath?.(item);
    const link = path ? absolute(options.siteUrl, path) : page;
    const risk = changeRisk(item.entry);
    out.push(
      '  <entry>',
      `    <title>${xmlText(changeTitle(item))}</title>`,
      `    <id>${xmlText(`${page}#change-${changeId(item)}`)}</id>`,
      `    <link rel="alternate" type="text/html" href="${xmlText(link)}"/>`,
      `    <updated>${xmlText(item.entry.at)}</updated>`,
      `    <category term="${item.entry.kind}"/>`,
    );
    if (item.entry.risky) out.push('    <category term="risky"/>');
    if (risk) out.push(`    <category term="risk-${risk.toLowerCase()}"/>`);
    out.push(`    <content type="text">${xmlText(changeLines(item).join('\n'))}</content>`, '  </entry>');
  }
  out.push('</feed>', '');
  return out.join('\n');
}

/** One change in the JSON export. */
export interface ChangeJson {
  id: string;
  server: string;
  serverName: string;
  tool: string;
  occurrence: number;
  kind: 'added' | 'removed' | 'changed';
  at: string;
  risky: boolean;
  riskyReasons: string[];
  verdictBefore: { category: string; risk: string } | null;
  verdictAfter: { category: string; risk: string } | null;
  fields: { field: string; summary: string[] }[];
  url: string | null;
}

/** The JSON export of `items`: summaries, not full definitions (those are in the history files). */
export function changesJson(items: readonly ChangeItem[], toolPath?: (item: ChangeItem) => string | undefined): { version: 1; changes: ChangeJson[] } {
  return {
    version: 1,
    changes: items.map((item) => {
      const e = item.entry;
      return {
        id: changeId(item),
        server: item.serverId,
        serverName: item.serverName,
        tool: e.tool,
        occurrence: e.occurrence ?? 0,
        kind: e.kind,
        at: e.at,
        risky: e.risky,
        riskyReasons: e.riskyReasons,
        verdictBefore: e.verdictBefore ?? null,
        verdictAfter: e.verdictAfter ?? null,
        fields: e.fields.map((f) => ({ field: f.field, summary: fieldDiff(f).summary })),
        url: toolPath?.(item) ?? null,
      };
    }),
  };
}
