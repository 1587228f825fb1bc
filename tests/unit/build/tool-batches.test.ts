import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { HEAD_MARK, PAGE_END, batchNumber, splitBatchHtml, toolBatches, writeBatchPages } from '../../../src/lib/build/tool-batches.js';

const CSS = '<link rel="stylesheet" href="/_astro/site.css">';
const JS = '<script type="module" src="/_astro/policy.js"></script>';

/** A page as the batch route renders it; `text` stands for the tool's escaped content. */
function page(text: string): string {
  return `<html lang="en"> <head><title>${text}</title>${HEAD_MARK}</head> <body><main><h1>${text}</h1><div class="policy-block"></div> <p>after</p></main></body></html>`;
}

describe('toolBatches', () => {
  it('cuts each server every N tools, never mixing servers, numbered in order', () => {
    const servers = [{ tools: [1, 2, 3, 4, 5] }, { tools: [] }, { tools: [6, 7] }];
    expect(toolBatches(servers, 2)).toEqual([
      { n: 0, tools: [1, 2] },
      { n: 1, tools: [3, 4] },
      { n: 2, tools: [5] },
      { n: 3, tools: [6, 7] },
    ]);
  });
});

describe('splitBatchHtml', () => {
  it('gives every page the doctype and what Astro added once before the first page, at the end of its head', () => {
    const html = `<!DOCTYPE html>${CSS}${JS}${page('a')}${PAGE_END}\n${page('b')}${PAGE_END}${page('c')}${PAGE_END}`;
    const pages = splitBatchHtml(html, 3);
    expect(pages).toHaveLength(3);
    for (const [i, p] of pages.entries()) {
      expect(p.startsWith('<!DOCTYPE html><html lang="en">')).toBe(true);
      expect(p).toContain(`<title>${'abc'[i]}</title>${CSS}${JS}</head>`);
      expect(p).not.toContain('data-mcp-mark');
      expect(p.match(/<script/g)).toHaveLength(1);
      expect(p.endsWith('</html>')).toBe(true);
    }
    expect(pages[1]!.replace(/<h1>b<\/h1>|<title>b<\/title>/g, (m) => m.replace('b', 'a'))).toBe(pages[0]);
  });

  it('refuses a batch whose pages do not match what was rendered', () => {
    const two = `<!DOCTYPE html>${page('a')}${PAGE_END}${page('b')}${PAGE_END}`;
    expect(() => splitBatchHtml(two, 3, 'f.html')).toThrow('f.html: expected 3 tool pages, found 2');
    expect(() => splitBatchHtml(`${two}<p>stray</p>`, 2, 'f.html')).toThrow('f.html: text after the last page');
    expect(() => splitBatchHtml(`<!DOCTYPE html>${page('a')}${HEAD_MARK}${PAGE_END}`, 1, 'f.html')).toThrow(`f.html: page 1: found ${HEAD_MARK} where ${PAGE_END} belongs`);
    expect(() => splitBatchHtml(`<!DOCTYPE html>${page('a').replace(HEAD_MARK, '')}${PAGE_END}`, 1)).toThrow(`page 1: found ${PAGE_END} where ${HEAD_MARK} belongs`);
    expect(() => splitBatchHtml(`<!DOCTYPE html>${page('a')}`, 1)).toThrow(`page 1 has no ${PAGE_END}`);
    expect(() => splitBatchHtml(`<!DOCTYPE html><p>${HEAD_MARK}</head>${PAGE_END}`, 1, 'f.html')).toThrow('f.html: page 1 has no <html> element');
    expect(() => splitBatchHtml(`<!DOCTYPE html>${page('a')}${PAGE_END}<p>x</p>${page('b')}${PAGE_END}`, 2)).toThrow('page 2 does not start with <html>');
    expect(() => splitBatchHtml(`<!DOCTYPE html>${page('a').replace('</head>', '')}${PAGE_END}`, 1)).toThrow('page 1: its head marker is not the last thing in its head');
    // Markup Astro put in the first page's head instead of before it would be lost: refused.
    expect(() => splitBatchHtml(`<!DOCTYPE html>${page('a').replace(`${HEAD_MARK}</head>`, `${HEAD_MARK}${CSS}</head>`)}${PAGE_END}`, 1)).toThrow('its head marker is not the last thing in its head');
  });

  it('escaped tool text cannot forge a marker', () => {
    // What Astro makes of a tool name that spells a marker: the `<` is escaped, so it splits nothing.
    const forged = PAGE_END.replace(/</g, '&lt;').replace(/>/g, '&gt;');
    const pages = splitBatchHtml(`<!DOCTYPE html>${page(forged)}${PAGE_END}`, 1);
    expect(pages[0]).toContain(`<h1>${forged}</h1>`);
  });
});

describe('batch routes and writing', () => {
  let out = '';
  afterEach(() => rmSync(out, { recursive: true, force: true }));

  it('knows a batch route by its path', () => {
    expect(batchNumber('/tool-page-batches/0/')).toBe(0);
    expect(batchNumber('/tool-page-batches/17/')).toBe(17);
    expect(batchNumber('/tool-page-batches/17')).toBe(17);
    for (const p of ['/tool-page-batches/', '/tool-page-batches/x/', '/servers/tool-page-batches/1/', '/tool-page-batches/1/2/']) expect(batchNumber(p)).toBeUndefined();
  });

  it('writes each tool page of a batch where its own route would', async () => {
    out = mkdtempSync(join(tmpdir(), 'batches-'));
    const tools = [
      { serverId: 's1', slug: 'a' },
      { serverId: 's1', slug: 'b.c' },
    ];
    const [batch] = toolBatches([{ tools }], 25);
    const html = `<!DOCTYPE html>${CSS}${tools.map((t) => page(t.slug) + PAGE_END).join('')}`;
    expect(await writeBatchPages(out, batch!, html)).toBe(2);
    for (const t of tools) {
      const written = readFileSync(join(out, 'servers', t.serverId, 'tools', t.slug, 'index.html'), 'utf8');
      expect(written).toContain(`<h1>${t.slug}</h1>`);
      expect(written).toContain(`${CSS}</head>`);
    }
    await expect(writeBatchPages(out, batch!, `<!DOCTYPE html>${page('a')}${PAGE_END}`)).rejects.toThrow('tool page batch 0: expected 2 tool pages, found 1');
  });
});
