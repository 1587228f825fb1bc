/**
 * The server page's tool table in Chromium: typing in its text filter narrows the rows fuzzily
 * (fuse.js, typos forgiven) and combines with the risk filter.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { MODEL, launchChromium } from './helpers.js';

const base = inject('siteUrl');
const chromePath = inject('chromePath');

describe.skipIf(!chromePath)('server page text filter', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchChromium(chromePath);
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  });
  afterAll(async () => {
    await browser?.close();
  });

  const visibleNames = (): Promise<string[]> =>
    page.$$eval('[data-tool-table] tbody tr:not([hidden]) th[data-col="name"]', (cells) => cells.map((c) => c.textContent?.trim() ?? ''));

  it('narrows the table as you type, forgiving a typo, and combines with the risk filter', async () => {
    await page.goto(`${base}/servers/${MODEL.server}/`);
    const all = await visibleNames();
    expect(all.length).toBeGreaterThan(700);

    const box = page.getByLabel('Name or description', { exact: true });
    await box.fill('optons delte listen');
    // fuse.js loads on the first keystroke: wait until the table has narrowed.
    await expect.poll(async () => (await visibleNames()).length, { timeout: 10_000 }).toBeLessThan(10);
    const shown = await visibleNames();
    expect(shown).toContain(MODEL.tool);
    expect(shown).not.toContain('BinanceOptionsCreateListenKey');
    await expect.poll(() => page.textContent('[data-tool-table] [data-count]')).toBe(`Showing ${shown.length} of ${all.length} tools.`);

    await page.getByLabel('Risk', { exact: true }).selectOption('Low');
    expect(await visibleNames()).toEqual([]);

    await page.getByLabel('Risk', { exact: true }).selectOption('');
    await box.fill('');
    await expect.poll(async () => (await visibleNames()).length).toBe(all.length);
  });
});
