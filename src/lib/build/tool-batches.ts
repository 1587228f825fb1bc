/**
 * Tool pages rendered in batches. Astro's per-route work (a request, a render context, middleware, a
 * response, an async file write) costs about as much as rendering a tool page itself, and a catalogue
 * has one tool page per tool. So the production build renders the tool pages of a server in batches
 * of `BATCH_SIZE`: one Astro route (`/tool-page-batches/<n>/`) renders the same `ToolPage`
 * component once per tool, each a complete document, with marker comments between them; the site's
 * middleware (src/middleware.ts) cuts the rendered batch into the tool pages, writes them, and
 * hands Astro an empty body, so no batch file is written. The dev server renders each tool page on
 * its own route instead (src/pages/servers/[server]/tools/).
 *
 * Astro adds some markup only once per route it renders: the style links and the components'
 * processed `<script>`s. In a batch only the first page gets them, so the pages mark the places
 * (`HEAD_MARK` ... `</head>`, `SCRIPT_MARK` ... `SCRIPT_END`) and the split copies that markup into
 * every page (`splitBatchHtml`).
 *
 * The markers are HTML comments, and no tool text can contain one: every tool text is rendered
 * through Astro's escaping (`<` becomes `&lt;`); the only raw insertion, the editors' Markdown notes,
 * drops raw HTML. The split checks that each batch holds exactly its tools' pages, each with its
 * markers in order, and fails the build otherwise.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Tool pages per batch route. */
export const BATCH_SIZE = 25;
/** Route folder of the batches (never written: the middleware writes the pages instead). */
export const BATCH_DIR = 'tool-page-batches';

/** Ends each page of a batch. */
export const PAGE_END = '<!--mcp-risk-catalog:page-end-->';
/** Last thing in each page's head: Astro's style links follow it in the first page only. */
export const HEAD_MARK = '<!--mcp-risk-catalog:head-->';
/** Around the place where the first page gets the component scripts. */
export const SCRIPT_MARK = '<!--mcp-risk-catalog:scripts-->';
export const SCRIPT_END = '<!--mcp-risk-catalog:scripts-end-->';

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

const MARKER = /<!--mcp-risk-catalog:(head|scripts|scripts-end|page-end)-->/g;
/** The markers of one page, in order. */
const ORDER = [HEAD_MARK, SCRIPT_MARK, SCRIPT_END, PAGE_END];
const DOCTYPE = /^\s*<!doctype html>/i;

/** Where one page's markers are in the batch text. */
interface PageMarks {
  start: number;
  head: number;
  scripts: number;
  scriptsEnd: number;
  end: number;
}

/**
 * Cut one batch's HTML into its `expected` pages: each is the doctype and its `<html>` element, with
 * what Astro added once for the whole route copied into it, and no marker left. Astro puts the
 * route's style links and component scripts either before the first page's `<html>` (a route whose
 * template does not start with `<html>`, as the batch route's does not) or in the first page's head
 * and at its first component script; all of it goes at the end of every page's head, and the first
 * page's script region into every page's. One pass over the markers: they must come exactly as
 * rendered (head, scripts, scripts-end, page-end for each page, the head marker before `</head>`),
 * or this throws.
 */
export function splitBatchHtml(html: string, expected: number, label = 'batch'): string[] {
  const text = html.replace(DOCTYPE, '');
  const pages: PageMarks[] = [];
  let seen = 0;
  let start = 0;
  let cur: Partial<PageMarks> = {};
  for (const m of text.matchAll(MARKER)) {
    const mark = m[0];
    const want = ORDER[seen % 4]!;
    if (mark !== want) throw new Error(`${label}: page ${pages.length + 1}: found ${mark} where ${want} belongs`);
    const at = m.index;
    if (mark === HEAD_MARK) cur = { start, head: at };
    else if (mark === SCRIPT_MARK) cur.scripts = at;
    else if (mark === SCRIPT_END) cur.scriptsEnd = at;
    else {
      pages.push({ ...(cur as PageMarks), end: at });
      start = at + PAGE_END.length;
    }
    seen += 1;
  }
  if (seen % 4 !== 0) throw new Error(`${label}: page ${pages.length + 1} has no ${PAGE_END}`);
  if (pages.length !== expected) throw new Error(`${label}: expected ${expected} tool pages, found ${pages.length}`);
  if (text.slice(start).trim() !== '') throw new Error(`${label}: text after the last page`);
  const first = pages[0];
  if (first === undefined) return [];
  const open = text.indexOf('<html', first.start);
  if (open < 0 || open > first.head) throw new Error(`${label}: page 1 has no <html> element`);
  const headEnd = (p: PageMarks, i: number): number => {
    const at = text.indexOf('</head>', p.head);
    if (at < 0 || at > p.scripts) throw new Error(`${label}: page ${i + 1} has no </head> after its head marker`);
    return at;
  };
  const head = text.slice(first.start, open) + text.slice(first.head + HEAD_MARK.length, headEnd(first, 0));
  const scripts = text.slice(first.scripts + SCRIPT_MARK.length, first.scriptsEnd);
  return pages.map((p, i) => {
    const from = i === 0 ? open : p.start;
    const doc = text.slice(from, p.head).trimStart();
    if (!doc.startsWith('<html')) throw new Error(`${label}: page ${i + 1} does not start with <html>`);
    return (
      `<!DOCTYPE html>${doc}${head}${text.slice(headEnd(p, i), p.scripts)}${scripts}` + text.slice(p.scriptsEnd + SCRIPT_END.length, p.end)
    );
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
