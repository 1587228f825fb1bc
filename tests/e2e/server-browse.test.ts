/**
 * `/servers/` in Chromium: every server is listed in the HTML; the domain and source filters and
 * the risk / size / popularity sorts reorder and hide the cards, keep the choice in the URL, and a
 * URL with a choice (the home page's domain links) opens filtered.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { MODEL, launchChromium, serverIdsOnDisk } from './helpers.js';

const base = inject('siteUrl');
const chromePath = inject('chromePath');

interface Card { id: string; domain: string; source: string; tools: number; risk: number[]; name: string; downloads: number }

describe.skipIf(!chromePath)('server list filters and sort', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchChromium(chromePath);
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  });
  afterAll(async () => {
    await browser?.close();
  });

  const visible = (): Promise<Card[]> =>
    page.$$eval('[data-server-list] > li:not([hidden])', (els) =>
      els.map((el) => {
        const d = (el as HTMLElement).dataset;
        return { id: d.id ?? '', domain: d.domain ?? '', source: d.source ?? '', tools: Number(d.tools), risk: (d.risk ?? '').split(' ').map(Number), name: d.name ?? '', downloads: Number(d.downloads ?? '-1') };
      }),
    );
  const countText = (): Promise<string | null> => page.textContent('[data-server-browse] [data-count]');

  it('lists every server, then filters by domain and source', async () => {
    await page.goto(`${base}/servers/`);
    const all = await visible();
    expect(all.map((c) => c.id).sort()).toEqual(serverIdsOnDisk().sort());
    expect(await countText()).toBe(`Showing ${all.length} of ${all.length} servers.`);

    await page.getByLabel('Domain', { exact: true }).selectOption('databases');
    const dbs = await visible();
    expect(dbs.length).toBeGreaterThan(0);
    expect(dbs.length).toBeLessThan(all.length);
    expect(dbs.every((c) => c.domain === 'databases')).toBe(true);
    expect(dbs.map((c) => c.id)).toContain('postgres');
    expect(await countText()).toBe(`Showing ${dbs.length} of ${all.length} servers.`);
    expect(new URL(page.url()).searchParams.get('domain')).toBe('databases');

    await page.getByLabel('Domain', { exact: true }).selectOption('');
    await page.getByLabel('Source', { exact: true }).selectOption('file');
    expect((await visible()).map((c) => c.id)).toEqual([MODEL.server]);
    await page.getByLabel('Source', { exact: true }).selectOption('');
    expect(await visible()).toHaveLength(all.length);
  });

  it('sorts by size, by risk and by popularity (most downloads first, servers without a count last)', async () => {
    await page.goto(`${base}/servers/`);
    await page.getByLabel('Sort', { exact: true }).selectOption('size');
    const bySize = await visible();
    const names = [...bySize].sort((a, b) => a.name.localeCompare(b.name)).map((c) => c.id);
    expect(bySize.map((c) => c.id)).not.toEqual(names);
    for (let i = 1; i < bySize.length; i += 1) expect(bySize[i - 1]!.tools).toBeGreaterThanOrEqual(bySize[i]!.tools);

    await page.getByLabel('Sort', { exact: true }).selectOption('risk');
    const byRisk = await visible();
    expect(byRisk.map((c) => c.id)).not.toEqual(bySize.map((c) => c.id));
    for (let i = 1; i < byRisk.length; i += 1) expect(byRisk[i - 1]!.risk[0]!).toBeGreaterThanOrEqual(byRisk[i]!.risk[0]!);

    await page.getByLabel('Sort', { exact: true }).selectOption('popularity');
    const byPopularity = await visible();
    expect(byPopularity.length).toBe(bySize.length);
    // Downloads never rise down the list; a server with no count (-1) sorts after every counted one.
    for (let i = 1; i < byPopularity.length; i += 1) expect(byPopularity[i - 1]!.downloads).toBeGreaterThanOrEqual(byPopularity[i]!.downloads);
    expect(byPopularity[0]!.downloads).toBeGreaterThan(0);
    expect(byPopularity.map((c) => c.id)).not.toEqual(bySize.map((c) => c.id));
    const uncounted = byPopularity.filter((c) => c.downloads < 0);
    if (uncounted.length > 0) expect(await page.textContent(`[data-server-list] > li[data-id="${uncounted[0]!.id}"]`)).toContain('downloads not known');
  });

  it('opens filtered from a home page domain link', async () => {
    await page.goto(`${base}/`);
    await page.getByRole('link', { name: 'Cloud & infrastructure' }).click();
    await page.waitForURL(/\/servers\/\?domain=cloud/);
    await expect.poll(async () => (await visible()).every((c) => c.domain === 'cloud')).toBe(true);
    const shown = await visible();
    expect(shown.length).toBeGreaterThan(0);
    expect(await page.getByLabel('Domain', { exact: true }).inputValue()).toBe('cloud');
    await page.goto(`${base}/servers/?domain=cloud&sort=size`);
    const sized = await visible();
    expect(sized.map((c) => c.id).sort()).toEqual(shown.map((c) => c.id).sort());
    for (let i = 1; i < sized.length; i += 1) expect(sized[i - 1]!.tools).toBeGreaterThanOrEqual(sized[i]!.tools);
  });
});
