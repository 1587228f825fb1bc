/**
 * Tool pages rendered in batches. Astro's per-route work (a request, a render context, middleware, a
 * response, an async file write) costs about as much as rendering a tool page itself, and a catalogue
 * has one tool page per tool. So the production build renders the tool pages of a server in batches
 * of `BATCH_SIZE`: one Astro route (`/tool-page-batches/<n>/`) renders the same `ToolPage`
 * component once per tool, each a complete document followed by an empty marker element; the site's
 * middleware (src/middleware.ts) cuts the rendered batch into the tool pages, writes them, and
 * hands Astro an empty body, so no batch file is written. The dev server renders each tool page on
 * its own route instead (src/pages/servers/[server]/tools/).
 *
 * Astro adds the style links and the components' processed `<script>`s once per route, before the
 * first page (the batch route's template does not start with `<html>`). Each page ends its head with
 * a marker, and the split puts that markup there in every page (`splitBatchHtml`).
 *
 * The markers are literal `<meta data-mcp-mark>` elements in the templates (no raw HTML
 * insertion), and no tool text can spell one: every tool text is rendered through Astro's escaping
 * (`<` becomes `&lt;`); the only raw insertion, the editors' Markdown notes, drops raw HTML. The
 * split checks that each batch holds exactly its tools' pages, each with its two markers in order,
 * and fails the build otherwise.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Tool pages per batch route. */
export const BATCH_SIZE = 25;
/** Route folder of the batches (never written: the middleware writes the pages instead). */
export const BATCH_DIR = 'tool-page-batches';

/** Last thing in each page's head, as rendered from `<meta data-mcp-mark="head">` (Base.astro). */
export const HEAD_MARK = '<meta data-mcp-mark="head">';
/** After each page, as rendered from `<meta data-mcp-mark="page-end">` (the batch route). */
export const PAGE_END = '<meta data-mcp-mark="page-end">';

/** One batch route: its number (route parameter) and its tools. */
export interface ToolBatch<T> {
  n: number;
  tools: T[];
}

/**
 * The batches of `servers`' tools: each server's tools in listing order, cut every `size` tools
 * (a batch never mixes servers), numbered from 0 in order.
 */
export function toolBatches<T>(servers: readonly { tools: readonly T[] }[], size = BATCH_SIZE): ToolBatch<T>[] {
  const out: ToolBatch<T>[] = [];
  for (const s of servers) {
    for (let i = 0; i < s.tools.length; i += size) out.push({ n: out.length, tools: s.tools.slice(i, i + size) });
  }
  return out;
}

const MARKER = /<meta data-mcp-mark="(?:head|page-end)">/g;
const DOCTYPE = /^\s*<!doctype html>/i;

/**
 * Cut one batch's HTML into its `expected` pages: each is the doctype and its `<html>` element, with
 * what Astro added once for the whole route (before the first page's `<html>`) at the end of its
 * head, and no marker left. One pass over the markers: they must come exactly as rendered (a head
 * marker before `</head>`, then a page end, for each page), or this throws.
 */
export function splitBatchHtml(html: string, expected: number, label = 'batch'): string[] {
  const text = html.replace(DOCTYPE, '');
  const pages: { start: number; head: number; end: number }[] = [];
  let start = 0;
  let head = -1;
  for (const m of text.matchAll(MARKER)) {
    const want = head < 0 ? HEAD_MARK : PAGE_END;
    if (m[0] !== want) throw new Error(`${label}: page ${pages.length + 1}: found ${m[0]} where ${want} belongs`);
    if (head < 0) head = m.index;
    else {
      pages.push({ start, head, end: m.index });
      start = m.index + PAGE_END.length;
      head = -1;
    }
  }
  if (head >= 0) throw new Error(`${label}: page ${pages.length + 1} has no ${PAGE_END}`);
  if (pages.length !== expected) throw new Error(`${label}: expected ${expected} tool pages, found ${pages.length}`);
  if (text.slice(start).trim() !== '') throw new Error(`${label}: text after the last page`);
  const first = pages[0];
  if (first === undefined) return [];
  const open = text.indexOf('<html', first.start);
  if (open < 0 || open > first.head) throw new Error(`${label}: page 1 has no <html> element`);
  const once = text.slice(first.start, open);
  return pages.map((p, i) => {
    const doc = text.slice(i === 0 ? open : p.start, p.head).trimStart();
    if (!doc.startsWith('<html')) throw new Error(`${label}: page ${i + 1} does not start with <html>`);
    const rest = text.slice(p.head + HEAD_MARK.length, p.end);
    if (!rest.startsWith('</head>')) throw new Error(`${label}: page ${i + 1}: its head marker is not the last thing in its head`);
    return `<!DOCTYPE html>${doc}${once}${rest}`;
  });
}

/** The batch number of a batch route's path (`/tool-page-batches/<n>/`), or undefined for any other path. */
export function batchNumber(pathname: string): number | undefined {
  const m = new RegExp(`^/${BATCH_DIR}/(\\d+)/?$`).exec(pathname);
  return m ? Number(m[1]) : undefined;
}

/**
 * Write the pages of one rendered batch where each tool's own route would write it
 * (`<outDir>/servers/<server>/tools/<slug>/index.html`). Returns the number of pages written.
 */
export async function writeBatchPages(outDir: string, batch: ToolBatch<{ serverId: string; slug: string }>, html: string): Promise<number> {
  const pages = splitBatchHtml(html, batch.tools.length, `tool page batch ${batch.n}`);
  await Promise.all(
    batch.tools.map(async (t, i) => {
      const dir = join(outDir, 'servers', t.serverId, 'tools', t.slug);
      await mkdir(dir, { recursive: true });
      await writeFile(join(dir, 'index.html'), pages[i]!);
    }),
  );
  return pages.length;
}
