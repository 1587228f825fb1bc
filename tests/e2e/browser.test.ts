/**
 * Real-browser checks of the built site (Chromium via playwright-core): the model tool page, its
 * Copy button against the CLI, keyboard search, a server page against the catalogue folder, no
 * request to any other host, and screenshots at desktop and phone widths.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { MODEL, ROOT, launchChromium, runCli, searchSettled, serverIdsOnDisk, toolSlugsOnDisk } from './helpers.js';

const chromePath = inject('chromePath');
const base = inject('siteUrl');
const SHOTS = join(ROOT, 'test-results', 'screenshots');
const toolPath = `/servers/${MODEL.server}/tools/${MODEL.tool}/`;

describe.skipIf(!chromePath)('site in Chromium', () => {
  let browser: Browser;
  let context: BrowserContext;
  /** Every URL any page requested, to prove nothing leaves the site's origin. */
  const requested: string[] = [];

  beforeAll(async () => {
    browser = await launchChromium(chromePath);
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
    context.on('request', (r) => requested.push(r.url()));
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
  });

  async function open(path: string): Promise<Page> {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const res = await page.goto(base + path, { waitUntil: 'load' });
    expect(res?.status(), path).toBe(200);
    expect(errors, `script errors on ${path}`).toEqual([]);
    return page;
  }

  it('the model tool page shows Critical and Destructive, and Copy gives the CLI policy', async () => {
    const page = await open(toolPath);
    await expect(page.locator('h1').textContent()).resolves.toBe(MODEL.tool);
    const banner = (await page.locator('.banner').textContent()) ?? '';
    expect(banner).toContain('Critical');
    expect(banner).toContain('Destructive');
    expect(await page.locator('h1').count()).toBe(1);
    // The classifier's confidence is shown with its reason (issue 13).
    const confidence = page.locator('#confidence');
    await expect(confidence.getAttribute('data-confidence')).resolves.toBe('high');
    expect(await confidence.textContent()).toMatch(/^Classifier confidence: high\. The name's verb .*delete/);

    const cli = await runCli(['policy', '--id', MODEL.server, '--tool', MODEL.tool]);
    expect(cli.code, cli.stderr).toBe(0);
    const expected: unknown = JSON.parse(cli.stdout);

    await page.locator('button[data-copy]').first().click();
    await page.waitForFunction(() => document.querySelector('.copy-status')?.textContent?.startsWith('Copied'));
    const clip = await page.evaluate(() => navigator.clipboard.readText());
    expect(JSON.parse(clip)).toEqual(expected);

    // Format tabs: choosing another format shows only its panel, and its Copy copies that text.
    const tabs = page.locator('.policy-block [role="tab"]');
    if ((await tabs.count()) > 1) {
      await tabs.nth(1).click();
      const panel = page.locator('.policy-panel:visible');
      expect(await panel.count()).toBe(1);
      const text = await panel.locator('[data-policy-text]').textContent();
      await panel.locator('button[data-copy]').click();
      await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(text);
    }

    // The FAQ is also schema.org FAQPage microdata: one Question per entry, named by its question.
    const faq = page.locator('[itemtype="https://schema.org/FAQPage"]');
    expect(await faq.count()).toBe(1);
    const questions = await faq.locator('dt').allTextContents();
    expect(questions.length).toBeGreaterThan(0);
    expect(await faq.locator('[itemprop="mainEntity"][itemtype="https://schema.org/Question"] [itemprop="name"]').allTextContents()).toEqual(questions);
    expect(await faq.locator('[itemprop="acceptedAnswer"] [itemprop="text"]').count()).toBe(questions.length);
    expect(await page.locator('script[type="application/ld+json"]').count()).toBe(0);
    await page.close();
  });

  it('the model tool page says it is from source, downloads as <server>.<tool>.policy.json, and its Claude Code and Docker exports grant nothing server-wide', async () => {
    const page = await open(toolPath);
    await expect(page.locator('[data-from-source]').textContent()).resolves.toMatch(/From source, not from a live server/);
    const download = page.waitForEvent('download');
    await page.locator('.policy-panel').first().locator('button[data-download]').click();
    expect((await download).suggestedFilename()).toBe(`${MODEL.server}.${MODEL.tool}.policy.json`);
    const panel = (format: string) => page.locator(`.policy-panel[data-filename="${MODEL.server}.${MODEL.tool}.${format}"] [data-policy-text]`);
    const claude = JSON.parse((await panel('claude-settings.json').textContent()) ?? '{}') as { permissions: { deny: string[]; allow: string[] } };
    expect(claude.permissions.deny).toEqual([`mcp__${MODEL.server}__${MODEL.tool}`]);
    expect(claude.permissions.allow).toEqual([]);
    expect(await panel('docker-mcp.sh').textContent()).not.toContain('--enable-all');
    expect(JSON.parse((await panel('cursor-permissions.json').textContent()) ?? '{}')).toEqual({ mcpAllowlist: [] });
    await page.close();
  });

  it('/tools/ says its column sort covers the current page only, and links the whole list in order', async () => {
    const page = await open('/tools/');
    const note = page.locator('#all-tools').locator('xpath=ancestor::*[@data-tool-table]').locator('[data-sort-scope]');
    await expect(note.isVisible()).resolves.toBe(true);
    await expect(note.textContent()).resolves.toMatch(/^Sorting by a column orders only the 100 tools on this page, not all [\d,]+\.$/);
    await expect(page.locator('#all-tools th[data-sort="risk"] button').getAttribute('aria-label')).resolves.toBe('Sort this page by Risk');
    await expect(page.locator('main a[href="/risk/critical/"]').count()).resolves.toBeGreaterThan(0);
    await page.close();
  });

  it('typing "options delete listen", ArrowDown then Enter opens the model tool page', async () => {
    const page = await open('/search/');
    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('q');
    await page.keyboard.type('options delete listen');
    // Queries for the partial words may have run (and shown the model tool first too); wait for the
    // full query's results, or ArrowDown could focus a link that a late result list then replaces.
    await searchSettled(page, 'options delete listen');
    expect(await page.locator('#search-results a .result-name').first().textContent()).toBe(MODEL.tool);
    expect(new URL(page.url()).searchParams.get('q')).toBe('options delete listen');
    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate(() => document.activeElement?.classList.contains('result-link'))).toBe(true);
    await Promise.all([page.waitForURL(`**${toolPath}`), page.keyboard.press('Enter')]);
    expect(new URL(page.url()).pathname).toBe(toolPath);
    await page.close();
  });

  it('a shared search URL restores the query, and Enter in the box opens the first result', async () => {
    const page = await open(`/search/?q=${encodeURIComponent('options delete listen')}&risk=Critical`);
    await searchSettled(page, 'options delete listen');
    expect(await page.locator('#search-results .result-name').first().textContent()).toBe(MODEL.tool);
    expect(await page.locator('#f-risk').inputValue()).toBe('Critical');
    await page.locator('#q').focus();
    await Promise.all([page.waitForURL(`**${toolPath}`), page.keyboard.press('Enter')]);
    await page.close();
  });

  it('each server page lists exactly the tools of its catalogue folder', async () => {
    // Every server page, fetched and parsed by Chromium eight at a time (a navigation per page took
    // a minute and a half at 480 servers, for a check of the HTML alone).
    const page = await open('/');
    const ids = serverIdsOnDisk();
    const listed = await page.evaluate(async (ids) => {
      const out: Record<string, { status: number; paths: string[] }> = {};
      const queue = [...ids];
      const worker = async (): Promise<void> => {
        for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
          const url = new URL(`/servers/${id}/`, location.origin);
          const res = await fetch(url);
          const doc = new DOMParser().parseFromString(await res.text(), 'text/html');
          const links = [...doc.querySelectorAll('#server-tools tbody tr th a')];
          out[id] = { status: res.status, paths: links.map((a) => new URL(a.getAttribute('href') ?? '', url).pathname) };
        }
      };
      await Promise.all(Array.from({ length: 8 }, worker));
      return out;
    }, ids);
    for (const id of ids) {
      expect(listed[id]?.status, id).toBe(200);
      const prefix = `/servers/${id}/tools/`;
      const slugs = (listed[id]?.paths ?? []).map((h) => (h.startsWith(prefix) ? decodeURIComponent(h.slice(prefix.length).replace(/\/$/, '')) : h)).sort();
      expect(slugs, id).toEqual(toolSlugsOnDisk(id));
    }
    await page.close();
  });

  it('the server table filters by risk with its script', async () => {
    const page = await open(`/servers/${MODEL.server}/`);
    await page.locator('select[data-filter="risk"]').selectOption('Critical');
    const counts = await page.evaluate(() => {
      const rows = [...document.querySelectorAll<HTMLTableRowElement>('#server-tools tbody tr')];
      return { visible: rows.filter((r) => !r.hidden).length, critical: rows.filter((r) => r.dataset.risk === 'Critical').length };
    });
    expect(counts.critical).toBeGreaterThan(0);
    expect(counts.visible).toBe(counts.critical);
    await expect(page.locator('[data-count]').textContent()).resolves.toContain(`Showing ${counts.critical} of`);
    await page.close();
  });

  it('never requests another host', () => {
    const origin = new URL(base).origin;
    const foreign = requested.filter((u) => !u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:'));
    expect(requested.length).toBeGreaterThan(0);
    expect(foreign).toEqual([]);
  });

  it('takes screenshots of a tool page, a server page and search at 1280 and 390 px', async () => {
    mkdirSync(SHOTS, { recursive: true });
    const pages = [
      { name: 'tool', path: toolPath },
      { name: 'server', path: `/servers/${MODEL.server}/` },
      { name: 'search', path: `/search/?q=${encodeURIComponent('options delete listen')}` },
      { name: 'home', path: '/' },
    ];
    for (const width of [1280, 390]) {
      for (const p of pages) {
        const page = await open(p.path);
        await page.setViewportSize({ width, height: 900 });
        if (p.name === 'search') {
          // All results in (the rest are appended after the first screen), so the shot and the overflow check see the final page.
          await searchSettled(page);
          expect(await page.locator('#search-results a').count()).toBeGreaterThan(0);
        }
        await page.screenshot({ path: join(SHOTS, `${p.name}-${width}.png`), fullPage: p.name !== 'server' });
        // nothing may overflow the viewport horizontally
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow, `${p.name} at ${width}px overflows by ${overflow}px`).toBeLessThanOrEqual(0);
        await page.close();
      }
    }
  }, 60_000);
});
