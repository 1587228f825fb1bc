/**
 * The whole-server policy on a server page, in Chromium: policy.json is inline with Copy, and every
 * other export format is a file whose Copy button puts exactly that file's text on the clipboard.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { EXPORT_FORMATS } from '../../src/lib/policy/index.js';
import { MODEL, launchChromium } from './helpers.js';

const base = inject('siteUrl');
const chromePath = inject('chromePath');

describe.skipIf(!chromePath)('whole-server policy formats', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    browser = await launchChromium(chromePath);
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
    page = await context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('offers every export format, each copyable with the text of its file', async () => {
    await page.goto(`${base}/servers/${MODEL.server}/`);
    const buttons = page.locator('button[data-copy-url]');
    const urls = await buttons.evaluateAll((els) => els.map((e) => (e as HTMLButtonElement).dataset.copyUrl ?? ''));
    // policy.json is inline; every other format is offered as a file.
    expect(urls.length).toBe(EXPORT_FORMATS.length - 1);
    for (const [i, url] of urls.entries()) {
      const expected = await (await fetch(base + url)).text();
      expect(expected.length, url).toBeGreaterThan(20);
      await page.evaluate(() => navigator.clipboard.writeText(''));
      await buttons.nth(i).click();
      await expect.poll(() => page.evaluate(() => navigator.clipboard.readText()), { timeout: 10_000 }).toBe(expected);
    }
  });
});
