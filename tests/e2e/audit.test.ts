/**
 * `/audit/` in real Chromium: a fixture config pasted into the page gives the same report as
 * `mcp-risk audit --json` (servers, statuses, catalogue matches, findings, trifecta paths), the
 * combined policy copied from the page equals the CLI's `--format` output byte for byte, no secret
 * of the config shows anywhere on the page, a malformed config gives its one error line, and no
 * request leaves the page's own origin.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ROOT, launchChromium, runCli } from './helpers.js';
import type { AuditReport } from '../../src/lib/audit/index.js';

const chromePath = inject('chromePath');
const base = inject('siteUrl');

const FIXTURE = join('tests', 'fixtures', 'configs', 'claude-code', '.mcp.json');
const TEXT = readFileSync(join(ROOT, FIXTURE), 'utf8');

async function audit(page: Page, text: string, fileName: string): Promise<void> {
  await page.goto(`${base}/audit/`);
  await page.fill('#a-input', text);
  await page.fill('#a-filename', fileName);
  await page.click('#a-run');
}

describe.skipIf(!chromePath)('/audit/ in Chromium', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const requested: string[] = [];
  let cli: AuditReport;

  beforeAll(async () => {
    browser = await launchChromium(chromePath);
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
    context.on('request', (r) => requested.push(r.url()));
    page = await context.newPage();
    const run = await runCli(['audit', FIXTURE, '--json'], undefined, 120_000);
    expect(run.code).toBe(1);
    cli = JSON.parse(run.stdout) as AuditReport;
  }, 150_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('pasting a config gives the CLI report', async () => {
    // The same name as the CLI is given, so the check commands (which name the file) agree too.
    await audit(page, TEXT, FIXTURE);
    await page.locator('#a-report').waitFor({ state: 'visible' });
    const servers = await page.locator('.audit-server').evaluateAll((els) => els.map((e) => ({ key: e.getAttribute('data-server'), status: e.getAttribute('data-status') })));
    expect(servers).toEqual(cli.servers.map((s) => ({ key: s.key, status: s.status })));
    expect(servers.filter((s) => s.status === 'unknown').map((s) => s.key).sort()).toEqual(['fetch', 'linear']);
    const findings = await page.locator('#a-findings li').allTextContents();
    expect(findings).toEqual(cli.findings.map((f) => f.message));
    const paths = await page.locator('#a-trifecta ol li').count();
    expect(paths).toBe(cli.trifecta.paths.length);
    expect(await page.locator('#a-trifecta-count').textContent()).toContain(String(cli.trifecta.pathCount));
    // Unknown servers come with the command to check them locally.
    const check = await page.locator('.audit-server[data-server="fetch"] .audit-check').textContent();
    expect(check).toBe(cli.servers.find((s) => s.key === 'fetch')?.check);
    const summary = await page.locator('#a-summary').textContent();
    expect(summary).toContain('Claude Code project config (.mcp.json)');
  });

  it('lists the tool names two servers share, as the CLI does', async () => {
    const stack = JSON.stringify({ mcpServers: { upstream: { command: 'npx', args: ['@playwright/mcp@0.0.83'] }, fork: { command: 'npx', args: ['-y', '@ejazullah/mcp-playwright@0.0.41'] } } });
    const cliRun = await runCli(['audit', '-', '--json', '--client', 'claude-desktop'], stack, 120_000);
    const report = JSON.parse(cliRun.stdout) as AuditReport;
    expect(report.collisions.length).toBeGreaterThan(5);
    // Its own context: the other tests count the files this context's page fetches.
    const own = await browser.newContext();
    const asked: string[] = [];
    own.on('request', (r) => asked.push(r.url()));
    const shared = await own.newPage();
    await audit(shared, stack, 'claude_desktop_config.json');
    await shared.locator('#a-report').waitFor({ state: 'visible' });
    const items = await shared.locator('#a-collisions li').evaluateAll((lis) => lis.map((li) => ({ name: li.getAttribute('data-name'), text: li.textContent })));
    expect(items).toEqual(report.collisions.map((c) => ({ name: c.name, text: `${c.name}: ${c.servers.join(', ')}` })));
    expect(await shared.locator('#a-findings li[data-kind="name-collision"]').textContent()).toBe(report.findings.find((f) => f.kind === 'name-collision')?.message);
    await own.close();
    expect(asked.some((u) => u.includes('/audit/servers/ejazullah-mcp-playwright.json'))).toBe(true);
    expect(asked.filter((u) => !u.startsWith(new URL(base).origin) && !u.startsWith('data:') && !u.startsWith('blob:'))).toEqual([]);
    // The fixture stack shares no name.
    expect(cli.collisions).toEqual([]);
    expect(await page.locator('#a-collisions').textContent()).toBe('None.');
  });

  it.each(['policy', 'claude-code', 'codex'])('the copied %s policy equals the CLI output', async (format) => {
    await page.selectOption('#a-format', format);
    await page.click('#a-copy');
    await expect.poll(() => page.locator('#a-copy-status').textContent()).toContain('Copied');
    const clip = await page.evaluate(() => navigator.clipboard.readText());
    const run = await runCli(['audit', FIXTURE, '--format', format], undefined, 120_000);
    expect(run.code).toBe(1);
    expect(clip.length).toBeGreaterThan(0);
    expect(clip).toBe(run.stdout);
  }, 150_000);

  it('shows no secret of the config', async () => {
    const shown = await page.evaluate(() => [document.getElementById('a-report')?.textContent ?? '', document.getElementById('a-out')?.textContent ?? ''].join('\n'));
    expect(shown.length).toBeGreaterThan(1000);
    expect(shown).not.toContain('S3CRET');
    expect(TEXT).toContain('S3CRET');
  });

  it('a malformed config gives one line naming the file and the field', async () => {
    await audit(page, '{ "mcpServers": { "github": { "command": "npx", "args": "-y x", "env": { "T": "S3CRET-1" } } } }', 'mcp.json');
    await expect.poll(() => page.locator('#a-error').textContent()).toBe('mcp.json: mcpServers.github.args: expected an array of strings');
    expect(await page.locator('#a-report').isHidden()).toBe(true);
  });

  it('a file chosen with the picker is read and its format detected from its name', async () => {
    await page.goto(`${base}/audit/`);
    await page.setInputFiles('#a-file', join(ROOT, 'tests', 'fixtures', 'configs', 'codex', 'config.toml'));
    await expect.poll(() => page.locator('#a-summary').textContent()).toContain('Codex (config.toml) (detected by file name)');
    expect(await page.locator('.audit-server').count()).toBe(9);
  });

  it('renders config text as text: a hostile server name stays inert', async () => {
    const hostile = '<img src=x onerror="window.__pwned=1">';
    const cfg = JSON.stringify({ mcpServers: { [hostile]: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-filesystem@2026.8.31', '<b>x</b>'] } } });
    await audit(page, cfg, 'mcp.json');
    await page.locator('#a-report').waitFor({ state: 'visible' });
    expect(await page.locator('.audit-server h4 code').first().textContent()).toBe(hostile);
    expect(await page.locator('#a-servers img, #a-servers b').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  });

  it('never requests another host', () => {
    const origin = new URL(base).origin;
    expect(requested.some((u) => u.endsWith('/audit/index.json'))).toBe(true);
    expect(requested.some((u) => u.includes('/audit/servers/github.json'))).toBe(true);
    // Only the matched servers' files are fetched (every config here uses the same seven).
    const files = new Set(requested.filter((u) => u.includes('/audit/servers/')).map((u) => new URL(u).pathname));
    expect([...files].sort()).toEqual(['filesystem', 'github', 'memory', 'playwright', 'postgres', 'slack', 'tavily'].map((id) => `/audit/servers/${id}.json`));
    expect(requested.filter((u) => !u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:'))).toEqual([]);
  });
});
