/**
 * The policy builder in real Chromium: a 3-server policy built with the keyboard alone, an action
 * changed, copied and parsed, checked tool by tool against `evaluate()` on the site's own
 * whole-server policies, the same text after a reload and from the share link, a download, entry
 * links from other pages, a hostile fragment, screenshots at 1280 and 390 px, and the builder
 * over the hostile catalogue (its own small build) selecting every hostile tool.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { MODEL, ROOT, launchChromium } from './helpers.js';
import { serveStatic, type StaticServer } from './serve.js';
import { buildSite, repoScratch } from '../../scripts/bench/site-build.js';
import { loadCatalog } from '../../src/lib/catalog/index.js';
import { HOSTILE_SERVER_ID, PWNED_GLOBAL, writeHostileCatalog } from '../../src/lib/synth/index.js';
import { evaluate } from '../../src/lib/policy/evaluate.js';
import { parsePolicy } from '../../src/lib/policy/parse.js';
import { RISK_LEVELS, type Policy } from '../../src/lib/schema/index.js';

const chromePath = inject('chromePath');
const base = inject('siteUrl');
const siteDir = inject('siteDir');
const SHOTS = join(ROOT, 'test-results', 'screenshots');

/** The site's own JSON for a server (written by the site, not by the builder). */
function siteServer(id: string): { tools: { name: string; slug: string; risk: string; category: string }[] } {
  return JSON.parse(readFileSync(join(siteDir, 'api', 'servers', `${id}.json`), 'utf8'));
}
/** The site's whole-server policy for a server. */
function sitePolicy(id: string): Policy {
  return parsePolicy(readFileSync(join(siteDir, 'policy', `${id}.json`), 'utf8'));
}

const output = (page: Page): Promise<string> => page.locator('#b-output').textContent().then((t) => t ?? '');
const rowCount = (page: Page): Promise<number> => page.locator('#b-selection tbody tr').count();

describe.skipIf(!chromePath)('policy builder in Chromium', () => {
  let browser: Browser;
  let context: BrowserContext;
  const requested: string[] = [];

  beforeAll(async () => {
    browser = await launchChromium(chromePath);
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
    context.on('request', (r) => requested.push(r.url()));
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
  });

  async function open(path: string, ctx = context): Promise<{ page: Page; errors: string[] }> {
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const res = await page.goto(base + path, { waitUntil: 'load' });
    expect(res?.status(), path).toBe(200);
    return { page, errors };
  }

  /** Press Tab (or Shift+Tab) until `test` holds for the focused element; fails after `max` presses. */
  async function tabTo(page: Page, test: string, backwards = false, max = 80): Promise<void> {
    for (let i = 0; i < max; i += 1) {
      const ok = await page.evaluate((src) => {
        const el = document.activeElement;
        return el instanceof Element && el.matches(src);
      }, test);
      if (ok) return;
      await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
    }
    throw new Error(`could not reach ${test} with the keyboard`);
  }


  it('builds a 3-server policy with the keyboard alone; copy, reload, share link and download give the same policy', async () => {
    const { page, errors } = await open('/builder/');
    const total = { filesystem: 0 };

    // Sperax: choose the server by typing its name, filter, add the model tool.
    await tabTo(page, '#b-server');
    await page.keyboard.type('Sperax');
    expect(await page.locator('#b-server').inputValue()).toBe(MODEL.server);
    await expect.poll(() => page.locator('#b-filter').isEnabled()).toBe(true);
    await tabTo(page, '#b-filter');
    await page.keyboard.type('OptionsDeleteListenKey');
    await expect.poll(() => page.locator('#b-tools li').count()).toBe(1);
    await tabTo(page, '#b-tools button');
    await page.keyboard.press('Enter');
    await expect.poll(() => rowCount(page)).toBe(1);
    expect(await page.locator('#b-tools button').textContent()).toContain('Added');

    // Filesystem: every tool at Medium or above.
    await tabTo(page, '#b-server', true);
    await page.keyboard.type('Filesystem');
    expect(await page.locator('#b-server').inputValue()).toBe('filesystem');
    await expect.poll(() => page.locator('#b-add-all').isEnabled()).toBe(true);
    await tabTo(page, '#b-min');
    await page.keyboard.type('Medium');
    expect(await page.locator('#b-min').inputValue()).toBe('Medium');
    await tabTo(page, '#b-add-all');
    await page.keyboard.press('Enter');
    const fsTools = siteServer('filesystem').tools.filter((t) => RISK_LEVELS.indexOf(t.risk as never) >= 1);
    total.filesystem = fsTools.length;
    expect(fsTools.length).toBeGreaterThan(0);
    await expect.poll(() => rowCount(page)).toBe(1 + fsTools.length);

    // GitHub: push_files (recommended: rate limit), then change its action to deny.
    await tabTo(page, '#b-server', true);
    await page.keyboard.type('GitHub');
    expect(await page.locator('#b-server').inputValue()).toBe('github');
    // Enabled only once GitHub's tools are in (choosing a server disables it until then).
    await expect.poll(() => page.locator('#b-filter').isEnabled()).toBe(true);
    await tabTo(page, '#b-filter');
    await page.keyboard.type('push_files');
    await expect.poll(() => page.locator('#b-tools li').count()).toBe(1);
    await tabTo(page, '#b-tools button');
    await page.keyboard.press('Enter');
    await expect.poll(() => rowCount(page)).toBe(2 + fsTools.length);
    await tabTo(page, 'select[data-action-for="push_files"]');
    await page.keyboard.type('deny');
    expect(await page.locator('select[data-action-for="push_files"]').inputValue()).toBe('deny');

    // Copy with the keyboard, parse the clipboard.
    await tabTo(page, '#b-copy');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#b-copy-status').textContent()).toContain('Copied');
    const clip = await page.evaluate(() => navigator.clipboard.readText());
    expect(clip).toBe(await output(page));
    const combined = JSON.parse(clip) as Record<string, unknown>;
    expect(Object.keys(combined)).toEqual(['filesystem', 'github', MODEL.server]);
    const policies = Object.fromEntries(Object.entries(combined).map(([id, p]) => [id, parsePolicy(p, id)]));

    // Tool by tool against evaluate() on the site's own whole-server policies.
    const sperax = policies[MODEL.server]!;
    expect(evaluate(sperax, MODEL.tool)).toMatchObject({ listed: false, outcome: 'deny', source: 'hide' });
    expect(sperax.default).toBe('allow');
    for (const t of fsTools) {
      const mine = evaluate(policies.filesystem!, t.name);
      const site = evaluate(sitePolicy('filesystem'), t.name);
      expect({ listed: mine.listed, outcome: mine.outcome }, t.name).toEqual({ listed: site.listed, outcome: site.outcome });
    }
    const github = policies.github!;
    expect(evaluate(github, 'push_files')).toMatchObject({ listed: true, outcome: 'deny', source: 'rule' });
    // push_files writes into a shared repository: High, so the site recommends approval (issue 15.3).
    expect(sitePolicy('github').rules.find((r) => r.tool === 'push_files')?.action).toBe('require_approval');
    expect(evaluate(github, 'get_issue')).toMatchObject({ outcome: 'allow', source: 'default' });

    // The URL holds the selection: reload, and open the share link in a fresh context.
    const url = page.url();
    expect(new URL(url).hash).toMatch(/^#v=1&s=/);
    expect(await page.locator('#b-share').inputValue()).toBe(url);
    await page.reload({ waitUntil: 'load' });
    await expect.poll(() => output(page)).toBe(clip);
    const fresh = await browser.newContext();
    const shared = await open(new URL(url).pathname + new URL(url).hash, fresh);
    await expect.poll(() => output(shared.page)).toBe(clip);
    await fresh.close();

    // Download gives the same text, under the combined file name.
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#b-download').click()]);
    expect(download.suggestedFilename()).toBe('mcp-policy.json');
    const path = await download.path();
    expect(readFileSync(path, 'utf8')).toBe(clip);

    // Another format by keyboard: Claude Code's rules name each server.
    await tabTo(page, '#b-tab-policy');
    await page.keyboard.press('ArrowRight');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('b-tab-claude-code');
    await expect.poll(() => page.locator('#b-filename').textContent()).toBe('mcp-policy.claude-settings.json');
    const claude = JSON.parse(await output(page)) as { permissions: Record<string, string[]> };
    expect(claude.permissions.deny).toContain(`mcp__${MODEL.server}__${MODEL.tool}`);
    expect(claude.permissions.deny).toContain('mcp__github__push_files');
    // Unselected tools are left to Claude Code's permission mode: no server-wide allow (issue 15.1).
    expect(claude.permissions.allow).not.toContain('mcp__github');
    expect(claude.permissions.allow).not.toContain(`mcp__${MODEL.server}`);
    for (const rule of claude.permissions.allow ?? []) expect(rule).toMatch(/^mcp__[A-Za-z0-9_-]+__[A-Za-z0-9_-]+$/);
    expect(new URL(page.url()).hash).toContain('&f=claude-code');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('removing a row keeps keyboard focus in the table and updates the policy', async () => {
    const { page } = await open(`/builder/#v=1&s=github:push_files.h,create_issue.p,fork_repository.a`);
    await expect.poll(() => rowCount(page)).toBe(3);
    const buttons = page.locator('#b-selection tbody button');
    await buttons.nth(1).focus();
    const removed = await page.locator('#b-selection tbody tr').nth(1).getAttribute('data-tool');
    await page.keyboard.press('Enter');
    await expect.poll(() => rowCount(page)).toBe(2);
    expect(await page.evaluate(() => document.activeElement?.closest('tbody') !== null)).toBe(true);
    expect(await output(page)).not.toContain(`"${removed}"`);
    await page.close();
  });

  it('entry links from tool and server pages add to the working selection', async () => {
    const ctx = await browser.newContext();
    const one = await open(`/builder/?add=${MODEL.server}:${MODEL.tool}`, ctx);
    await expect.poll(() => rowCount(one.page)).toBe(1);
    expect(new URL(one.page.url()).search).toBe('');
    await one.page.close();
    const two = await open('/builder/?server=github&min=Medium', ctx);
    const atLeast = siteServer('github').tools.filter((t) => t.risk !== 'Low');
    expect(atLeast.length).toBeGreaterThan(0);
    await expect.poll(() => rowCount(two.page)).toBe(1 + atLeast.length);
    expect(await two.page.locator('#b-server').inputValue()).toBe('github');
    await two.page.close();

    // The tool page and the server page link into the builder.
    const tool = await open(`/servers/${MODEL.server}/tools/${MODEL.tool}/`, ctx);
    const href = await tool.page.locator('a[href^="/builder/?add="]').first().getAttribute('href');
    expect(href).toBe(`/builder/?add=${MODEL.server}:${MODEL.tool}`);
    await tool.page.close();
    const server = await open('/servers/github/', ctx);
    expect(await server.page.locator('a[href^="/builder/?server=github"]').count()).toBeGreaterThan(0);
    await server.page.close();
    await ctx.close();
  });

  it('a hostile fragment cannot run script or break the page; unknown parts get a notice', async () => {
    const evil = encodeURIComponent('<img src=x onerror="window.__pwned=1">');
    const { page, errors } = await open(`/builder/#v=1&s=${evil}:x.h;${MODEL.server}:nope.h,${MODEL.tool}.h,${evil}.a;github.zz:push_files.h`);
    await expect.poll(() => rowCount(page)).toBe(1);
    const notice = (await page.locator('#b-notices').textContent()) ?? '';
    expect(notice).toContain('could not be read');
    expect(notice).toContain('nope');
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('#b-notices img, #b-selection img').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('never requests another host', () => {
    const origin = new URL(base).origin;
    expect(requested.length).toBeGreaterThan(0);
    expect(requested.filter((u) => !u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:'))).toEqual([]);
  });

  it('takes screenshots at 1280 and 390 px without horizontal overflow', async () => {
    mkdirSync(SHOTS, { recursive: true });
    const path = `/builder/?server=filesystem&min=Medium`;
    for (const width of [1280, 390]) {
      const ctx = await browser.newContext({ viewport: { width, height: 900 } });
      const { page } = await open(`${path}#v=1&s=${MODEL.server}:${MODEL.tool}.h;github:push_files.a`, ctx);
      await expect.poll(() => rowCount(page)).toBeGreaterThan(2);
      await page.screenshot({ path: join(SHOTS, `builder-${width}.png`), fullPage: true });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `builder at ${width}px overflows by ${overflow}px`).toBeLessThanOrEqual(0);
      await ctx.close();
    }
  }, 60_000);
});

describe.skipIf(!chromePath)('policy builder over the hostile catalogue', () => {
  let catalogDir: string;
  let outDir: string;
  let site: StaticServer;
  let browser: Browser;

  beforeAll(async () => {
    catalogDir = mkdtempSync(join(tmpdir(), 'mcp-builder-hostile-'));
    writeHostileCatalog(catalogDir, { bulkTools: 20, hugeDescriptionBytes: 4096, schemaDepth: 20 });
    outDir = repoScratch('builder-hostile', 'test-results');
    const build = await buildSite({ catalog: catalogDir, out: outDir, timeoutMs: 170_000 });
    if (build.code !== 0) throw new Error(`hostile site build failed:\n${build.log.slice(-3000)}`);
    site = await serveStatic(outDir);
    browser = await launchChromium(chromePath);
  }, 200_000);

  afterAll(async () => {
    await browser?.close();
    await site?.close();
    if (outDir) for (const p of [outDir, `${outDir}.build-cache`]) rmSync(p, { recursive: true, force: true });
    if (catalogDir) rmSync(catalogDir, { recursive: true, force: true });
  });

  it('selects every hostile tool as text, runs no injected script, and the policy names exactly the tools', async () => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    const dialogs: string[] = [];
    const errors: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${site.url}/builder/?server=${HOSTILE_SERVER_ID}&min=Low`, { waitUntil: 'load' });
    const names = loadCatalog(catalogDir).servers.find((s) => s.id === HOSTILE_SERVER_ID)!.tools.map((t) => t.definition.name);
    const named = names.filter((n) => n.length > 0);
    await expect.poll(() => rowCount(page)).toBe(named.length);

    // Names are shown as text, exactly.
    const shown = await page.locator('#b-selection tbody tr').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.tool));
    expect(shown).toEqual(named);
    expect(await page.locator('#b-selection th[scope="row"] code').allTextContents()).toEqual(named);
    expect(await page.locator('.builder img, .builder svg, .builder iframe, .builder script').count()).toBe(0);

    // The policy names each distinct tool once, with its exact name.
    const text = (await page.locator('#b-output').textContent()) ?? '';
    const policy = parsePolicy((JSON.parse(text) as Record<string, unknown>)[HOSTILE_SERVER_ID]);
    const inPolicy = [...policy.hide, ...policy.rules.map((r) => r.tool)];
    expect(inPolicy.sort()).toEqual([...new Set(named)].sort());

    // Every format renders, and a reload gives the same policy.
    let previous = text;
    for (const id of ['claude-code', 'policylayer', 'intercept', 'cedar', 'docker', 'codex', 'policy']) {
      await page.locator(`#b-tab-${id}`).click();
      // The tab is marked chosen and the output rendered in the same click handler.
      await expect.poll(() => page.locator(`#b-tab-${id}`).getAttribute('aria-selected')).toBe('true');
      const shown = (await page.locator('#b-output').textContent()) ?? '';
      expect(shown, id).not.toBe('Add tools to see the policy.');
      expect(shown, id).not.toBe(previous);
      previous = shown;
    }
    await page.reload({ waitUntil: 'load' });
    await expect.poll(() => page.locator('#b-output').textContent()).toBe(text);

    // No request in flight for 500 ms: an injected <img src=x> would have failed and run its handler.
    await page.waitForLoadState('networkidle');
    expect(await page.evaluate((g) => (window as unknown as Record<string, unknown>)[g], PWNED_GLOBAL)).toBeUndefined();
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    await ctx.close();
  }, 60_000);
});
