/**
 * HTTP checks of the built site (no browser needed): the tool JSON agrees with the CLI's classify,
 * the server JSON and policy file match the catalogue, canonical links, sitemap and 404.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { loadServer } from '../../src/lib/catalog/index.js';
import { CATALOG, MODEL, runCli, serverIdsOnDisk, toolSlugsOnDisk } from './helpers.js';

const base = inject('siteUrl');

async function get(path: string): Promise<Response> {
  return fetch(base + path, { signal: AbortSignal.timeout(10_000) });
}

describe('built site over HTTP', () => {
  it('/api/tools/...json carries the same verdict as `mcp-risk classify --json`', async () => {
    const res = await get(`/api/tools/${MODEL.server}/${MODEL.tool}.json`);
    expect(res.status).toBe(200);
    const api = (await res.json()) as Record<string, unknown>;
    expect(api).toMatchObject({ name: MODEL.tool, server: MODEL.server, category: 'Destructive', risk: 'Critical' });

    const tool = loadServer(CATALOG, MODEL.server).tools.find((t) => t.definition.name === MODEL.tool);
    expect(tool).toBeDefined();
    const cli = await runCli(['classify', '-', '--json', '--catalog', CATALOG], JSON.stringify({ tools: [tool!.definition] }));
    expect(cli.code, cli.stderr).toBe(0);
    const parsed: unknown = JSON.parse(cli.stdout);
    const list = (Array.isArray(parsed) ? parsed : [parsed]) as Record<string, unknown>[];
    const mine = list.find((t) => t.name === MODEL.tool);
    expect(mine, cli.stdout.slice(0, 500)).toBeDefined();
    expect({ category: api.category, risk: api.risk }).toEqual({ category: mine!.category, risk: mine!.risk });
    expect(api.evidence).toEqual(mine!.evidence);
    expect(api.annotations).toEqual(mine!.annotations);
    expect(api.rationale).toBe(mine!.rationale);
  });

  it('the server JSON and the whole-server policy cover exactly the tools on disk', async () => {
    for (const id of serverIdsOnDisk()) {
      const server = (await (await get(`/api/servers/${id}.json`)).json()) as { tools: { slug: string; name: string }[] };
      expect(server.tools.map((t) => t.slug).sort()).toEqual(toolSlugsOnDisk(id));
      const policy = (await (await get(`/policy/${id}.json`)).json()) as { default: string; hide: string[]; rules: { tool: string }[] };
      expect(policy.default).toBe('deny');
      const named = new Set([...policy.hide, ...policy.rules.map((r) => r.tool)]);
      expect(named).toEqual(new Set(server.tools.map((t) => t.name).filter((n) => n.length > 0)));
    }
  });

  it('pages carry a canonical link, the sitemap lists every tool page, and unknown paths get the 404 page', async () => {
    const html = await (await get(`/servers/${MODEL.server}/tools/${MODEL.tool}/`)).text();
    const canonical = /<link rel="canonical" href="([^"]+)"/.exec(html)?.[1];
    expect(canonical && new URL(canonical).pathname).toBe(`/servers/${MODEL.server}/tools/${MODEL.tool}/`);
    const sitemap = await (await get('/sitemap.xml')).text();
    const locs = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]!).pathname);
    for (const id of serverIdsOnDisk()) {
      for (const slug of toolSlugsOnDisk(id)) expect(locs).toContain(`/servers/${id}/tools/${slug}/`);
    }
    const missing = await get('/servers/no-such-server/');
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('Page not found');
  });

  it('every tool page cut from the build batches is whole: doctype, styles, the policy script, no batch marker', () => {
    const dir = inject('siteDir');
    expect(existsSync(join(dir, 'tool-page-batches'))).toBe(false);
    const model = readFileSync(join(dir, 'servers', MODEL.server, 'tools', MODEL.tool, 'index.html'), 'utf8');
    const styles = /<link rel="stylesheet" href="\/_astro\/[^"]+\.css">/.exec(model)?.[0];
    const script = /<script type="module" src="\/_astro\/PolicyBlock[^"]+\.js"><\/script>/.exec(model)?.[0];
    expect(styles && script, model.slice(0, 2000)).toBeTruthy();
    let pages = 0;
    for (const id of serverIdsOnDisk()) {
      const slugs = toolSlugsOnDisk(id);
      expect(readdirSync(join(dir, 'servers', id, 'tools')).sort()).toEqual(slugs);
      for (const slug of slugs) {
        const html = readFileSync(join(dir, 'servers', id, 'tools', slug, 'index.html'), 'utf8');
        const where = `${id}/${slug}`;
        expect(html.startsWith('<!DOCTYPE html><html lang="en">'), where).toBe(true);
        expect(html.trimEnd().endsWith('</html>'), where).toBe(true);
        expect(html.split('<!DOCTYPE html>').length, where).toBe(2);
        expect(html.includes(styles!) && html.includes(script!), where).toBe(true);
        expect(html.includes('data-mcp-mark'), where).toBe(false);
        const canonical = /<link rel="canonical" href="([^"]+)"/.exec(html)?.[1] ?? '';
        expect(canonical.endsWith(`/servers/${id}/tools/${slug}/`), where).toBe(true);
        pages += 1;
      }
    }
    expect(pages).toBeGreaterThan(2000);
  });

  it('the catalogue JSON totals agree with the catalogue on disk', async () => {
    const cat = (await (await get('/api/catalog.json')).json()) as { totals: { servers: number; tools: number; risk: Record<string, number> } };
    const ids = serverIdsOnDisk();
    expect(cat.totals.servers).toBe(ids.length);
    expect(cat.totals.tools).toBe(ids.reduce((n, id) => n + toolSlugsOnDisk(id).length, 0));
    expect(Object.values(cat.totals.risk).reduce((a, b) => a + b, 0)).toBe(cat.totals.tools);
  });
});
