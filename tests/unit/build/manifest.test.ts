import { describe, expect, it } from 'vitest';
import { defaultRules } from '../../../src/lib/classify/index.js';
import { buildSiteData, relatedTools, toolKey, type SiteData } from '../../../src/lib/view/site-data.js';
import { manifestText, pageOutput, parseManifest, planBuild, serverOutputs, siteManifest, splitKey, toolFolders, toolOutputs } from '../../../src/lib/build/manifest.js';
import { manifestGlobal } from '../../../src/lib/build/global-hash.js';
import { listingRoutes } from '../../../src/lib/view/listings.js';
import { urls } from '../../../src/lib/view/urls.js';
import type { ToolDefinition } from '../../../src/lib/schema/index.js';
import { catalogServer } from '../view/catalog-fixture.js';

const tool = (name: string, description: string): ToolDefinition => ({ name, description });

function data(overrides: Record<string, string> = {}, extra: ToolDefinition[] = []): SiteData {
  const d = (name: string, text: string): ToolDefinition => tool(name, overrides[name] ?? text);
  return buildSiteData(
    {
      dir: '/nonexistent',
      servers: [
        catalogServer('a', [d('delete_file', 'Delete a file permanently.'), d('read_file', 'Read a file.'), d('list_files', 'List files.')]),
        catalogServer('b', [d('delete_issue', 'Delete an issue.'), d('get_issue', 'Get an issue.'), ...extra]),
        catalogServer('c', [d('get_weather', 'Get the weather.')]),
      ],
    },
    defaultRules(),
  );
}

const changed = (a: Record<string, string>, b: Record<string, string>): string[] => Object.keys(b).filter((k) => a[k] !== b[k]).sort();

describe('siteManifest', () => {
  it('is deterministic and round-trips through its text', () => {
    const m = siteManifest(data(), 'g');
    expect(siteManifest(data(), 'g')).toEqual(m);
    expect(parseManifest(manifestText(m))).toEqual(m);
    expect(parseManifest('{"version": 99}')).toBeUndefined();
    expect(parseManifest('not json')).toBeUndefined();
    // The build script's early look at the global hash (it chooses the heap cap before re-executing).
    expect(manifestGlobal(manifestText(m))).toBe(m.global);
    expect(manifestGlobal('{"version": 99, "global": "x"}')).toBeUndefined();
    expect(manifestGlobal('not json')).toBeUndefined();
  });

  it("a changed tool changes its own page, its server, and the pages that list it as related, on other servers too", () => {
    const before = data();
    const after = data({ delete_issue: 'Delete an issue and every comment on it, for good.' });
    const m0 = siteManifest(before, 'g');
    const m1 = siteManifest(after, 'g');
    const showing = after.tools.filter((t) => relatedTools(after, t, 8).some((r) => r.name === 'delete_issue')).map((t) => toolKey(t.serverId, t.slug));
    expect(showing).toContain('a/delete_file');
    expect(changed(m0.tools, m1.tools)).toEqual(['b/delete_issue', ...showing].sort());
    expect(changed(m0.servers, m1.servers)).toEqual(['b']);
  });

  it('a tool added to a server changes the position text of its tools (server size) but not unrelated servers', () => {
    const m0 = siteManifest(data(), 'g');
    const after = data({}, [tool('get_comment', 'Get a comment.')]);
    const m1 = siteManifest(after, 'g');
    const showing = after.tools.filter((t) => relatedTools(after, t, 8).some((r) => r.name === 'get_comment')).map((t) => toolKey(t.serverId, t.slug));
    const diff = changed(m0.tools, m1.tools);
    expect(diff).toEqual([...new Set(['b/delete_issue', 'b/get_issue', 'b/get_comment', ...showing])].sort());
    expect(diff).not.toContain('a/delete_file');
    expect(changed(m0.servers, m1.servers)).toEqual(['b']);
  });

  it('a listing page changes when a tool it lists changes, not when another page does', () => {
    const before = data();
    const after = data({ get_weather: 'Get the weather, now with alerts.' });
    const m0 = siteManifest(before, 'g');
    const m1 = siteManifest(after, 'g');
    const w = after.tools.find((t) => t.name === 'get_weather')!;
    expect(Object.keys(m1.pages).sort()).toEqual(listingRoutes(after).map((r) => r.path).sort());
    expect(changed(m0.pages, m1.pages)).toEqual([urls.tools(), urls.category(w.verdict.category), urls.risk(w.verdict.risk)].sort());
  });

  it('a listing page changes when a tool moves off it or the listing grows (its counts change)', () => {
    const first = data({}, [tool('handle_records', 'Returns the records of the account.')]);
    const after = data({}, [tool('handle_records', 'Permanently deletes every record of the account, with no way back.')]);
    const m0 = siteManifest(first, 'g');
    const m1 = siteManifest(after, 'g');
    const before = first.tools.find((t) => t.name === 'handle_records')!;
    const now = after.tools.find((t) => t.name === 'handle_records')!;
    expect(now.verdict.category).not.toBe(before.verdict.category);
    const diff = changed(m0.pages, m1.pages);
    for (const p of [urls.tools(), urls.category(before.verdict.category), urls.category(now.verdict.category), urls.risk(before.verdict.risk), urls.risk(now.verdict.risk)]) expect(diff).toContain(p);
    // A page that lists none of it stays.
    const untouched = Object.keys(m1.pages).filter((p) => !diff.includes(p));
    expect(untouched.length).toBeGreaterThan(0);
  });

  it('the global hash enters every entry', () => {
    const a = siteManifest(data(), 'g1');
    const b = siteManifest(data(), 'g2');
    expect(changed(a.tools, b.tools)).toHaveLength(Object.keys(a.tools).length);
    expect(changed(a.servers, b.servers)).toHaveLength(3);
    expect(changed(a.pages, b.pages)).toHaveLength(Object.keys(a.pages).length);
  });
});

describe('planBuild', () => {
  const prev = siteManifest(data(), 'g');
  const all = (): boolean => true;

  it('is full without a previous manifest or with another global hash', () => {
    expect(planBuild(undefined, prev, all).mode).toBe('full');
    expect(planBuild(prev, siteManifest(data(), 'other'), all)).toMatchObject({ mode: 'full' });
  });

  it('renders what changed or is new, keeps the rest, and renders a kept page whose files are missing', () => {
    const next = siteManifest(data({ get_weather: 'Get the weather, now with alerts.' }, [tool('get_comment', 'Get a comment.')]), 'g');
    const plan = planBuild(prev, next, (p) => p !== 'servers/a/tools/read_file');
    if (plan.mode !== 'incremental') throw new Error('expected an incremental plan');
    expect([...plan.renderServers].sort()).toEqual(['b', 'c']);
    expect(plan.renderTools.has('c/get_weather')).toBe(true);
    expect(plan.renderTools.has('b/get_comment')).toBe(true);
    expect(plan.renderTools.has('a/read_file')).toBe(true);
    const same = Object.keys(next.tools).filter((k) => prev.tools[k] === next.tools[k] && k !== 'a/read_file');
    expect(same.length).toBeGreaterThan(0);
    expect(plan.keepTools.sort()).toEqual(same.sort());
    expect(plan.keepServers).toEqual(['a']);
    // Every tool of the next build is either rendered or kept, never both; removed tools are neither.
    expect([...plan.renderTools, ...plan.keepTools].sort()).toEqual(Object.keys(next.tools).sort());
    expect([...plan.renderPages, ...plan.keepPages].sort()).toEqual(Object.keys(next.pages).sort());
    expect(plan.renderPages.has(urls.tools())).toBe(true);
    expect(plan.keepPages.length).toBeGreaterThan(0);
  });

  it("moves a server's tool folders whole only when its tools are all kept and none was added or removed", () => {
    const same = planBuild(prev, siteManifest(data(), 'g'), all);
    if (same.mode !== 'incremental') throw new Error('expected an incremental plan');
    expect(same.keepToolFolders.sort()).toEqual(['a', 'b', 'c']);
    const missing = planBuild(prev, siteManifest(data(), 'g'), (p) => p !== 'servers/a/tools/read_file');
    if (missing.mode !== 'incremental') throw new Error('expected an incremental plan');
    expect(missing.keepToolFolders.sort()).toEqual(['b', 'c']);
    // b gains a tool: never moved whole (its folder lacks the new page), whatever else changed.
    const grown = planBuild(prev, siteManifest(data({}, [tool('get_comment', 'Get a comment.')]), 'g'), all);
    if (grown.mode !== 'incremental') throw new Error('expected an incremental plan');
    expect(grown.keepToolFolders).not.toContain('b');
    const removed = siteManifest(data(), 'g');
    delete removed.tools['a/list_files'];
    const plan2 = planBuild(prev, removed, all);
    if (plan2.mode !== 'incremental') throw new Error('expected an incremental plan');
    expect(plan2.keepToolFolders).not.toContain('a');
    expect(toolFolders('srv')).toEqual(['servers/srv/tools', 'api/tools/srv']);
  });

  it('renders a listing page whose file is missing or which is new', () => {
    const next = siteManifest(data(), 'g');
    const plan = planBuild({ ...prev, pages: { ...prev.pages, '/tools/': 'old' } }, next, (p) => p !== pageOutput(urls.risk('Low')));
    if (plan.mode !== 'incremental') throw new Error('expected an incremental plan');
    expect([...plan.renderPages].sort()).toEqual([urls.risk('Low'), urls.tools()].sort());
    const { ['/tools/']: _gone, ...without } = prev.pages;
    const plan2 = planBuild({ ...prev, pages: without }, next, all);
    if (plan2.mode !== 'incremental') throw new Error('expected an incremental plan');
    expect([...plan2.renderPages]).toEqual([urls.tools()]);
  });

  it('names the files of a tool and of a server', () => {
    expect(toolOutputs(...splitKey('srv/some-tool'))).toEqual(['servers/srv/tools/some-tool', 'api/tools/srv/some-tool.json']);
    expect(serverOutputs('srv')).toContain('servers/srv/index.html');
    expect(pageOutput('/tools/')).toBe('tools/index.html');
    expect(pageOutput('/risk/high/3/')).toBe('risk/high/3/index.html');
  });
});
