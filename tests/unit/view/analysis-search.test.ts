/**
 * Annotation-status and flag filters of search: the facets the site writes into the sharded index
 * (from the analysis and the classifier's flags) and the engine's filters over them, in memory.
 */
import { describe, expect, it } from 'vitest';
import { buildShardedIndex, type IndexSource } from '../../../src/lib/search/build-index.js';
import { openEngine } from '../../../src/lib/search/engine.js';
import { SEARCH_INDEX_BASE, deltaDecode, type SearchMeta } from '../../../src/lib/search/sharded-format.js';
import { searchIndexFiles } from '../../../src/lib/search/site-index.js';
import { buildSiteData } from '../../../src/lib/view/site-data.js';
import { toolAnnotationStatus } from '../../../src/lib/view/analysis-view.js';
import { FLAG_KINDS, kindsOf } from '../../../src/lib/view/flag-kinds.js';
import { defaultRules } from '../../../src/lib/classify/index.js';
import type { Catalog, CatalogTool } from '../../../src/lib/catalog/index.js';
import type { ToolDefinition } from '../../../src/lib/schema/index.js';

async function engineOver(files: { path: string; data: unknown }[]) {
  const byPath = new Map(files.map((f) => [SEARCH_INDEX_BASE + f.path, JSON.stringify(f.data)]));
  return openEngine(SEARCH_INDEX_BASE, async (path) => {
    const text = byPath.get(path);
    if (text === undefined) throw new Error(`404 ${path}`);
    return JSON.parse(text) as unknown;
  });
}

const src = (name: string, extra: Partial<IndexSource> = {}): IndexSource => ({ name, slug: name, description: '', serverId: 's', category: 'Other', risk: 'Low', ...extra });

describe('annotation and flag facets in the sharded index', () => {
  it('writes one letter per tool and sparse flag lists, and the engine filters on them', async () => {
    const tools = [
      src('read_a', { annotation: 'declared' }),
      src('read_b', { annotation: 'missing', flagCodes: 'k' }),
      src('delete_c', { annotation: 'conflict', flagCodes: 'ah' }),
      src('delete_d', { annotation: 'missing', flagCodes: 'h' }),
    ];
    const files = buildShardedIndex(tools, [{ id: 's', name: 'S' }]);
    const meta = files.find((f) => f.path === 'meta.json')!.data as SearchMeta;
    // Tools are numbered in name order: delete_c, delete_d, read_a, read_b.
    expect(meta.ann).toBe('cmdm');
    expect(Object.fromEntries(Object.entries(meta.flags ?? {}).map(([k, v]) => [k, deltaDecode(v)]))).toEqual({ a: [0], h: [0, 1], k: [3] });
    const e = await engineOver(files);
    const names = async (f: Parameters<typeof e.search>[1], q = '') => (await e.search(q, f)).hits.map((h) => h.name).sort();
    expect(await names({ annotation: 'missing' })).toEqual(['delete_d', 'read_b']);
    expect(await names({ annotation: 'conflict' })).toEqual(['delete_c']);
    expect(await names({ flag: 'hidden-instructions' })).toEqual(['delete_c', 'delete_d']);
    expect(await names({ flag: 'hidden-instructions', annotation: 'missing' })).toEqual(['delete_d']);
    expect(await names({ flag: 'credential-param' }, 'read')).toEqual(['read_b']);
    expect(await names({ flag: 'no-such-kind' })).toEqual([]);
    expect(await names({})).toHaveLength(4);
  });

  it('leaves the facets out of an index built without them (and then an annotation filter matches nothing)', async () => {
    const files = buildShardedIndex([src('a'), src('b')], [{ id: 's', name: 'S' }]);
    const meta = files.find((f) => f.path === 'meta.json')!.data as SearchMeta;
    expect(meta.ann).toBeUndefined();
    expect(meta.flags).toBeUndefined();
    const e = await engineOver(files);
    expect((await e.search('', { annotation: 'declared' })).total).toBe(0);
    expect((await e.search('', {})).total).toBe(2);
  });

  it('the site index carries each tool\'s analysed status and flag kinds', async () => {
    const defs: ToolDefinition[] = [
      { name: 'delete_file', description: 'Delete a file permanently.', inputSchema: { type: 'object', properties: { path: { type: 'string' } } }, annotations: { readOnlyHint: true } },
      { name: 'list_files', description: 'List files. See https://example.org/docs', inputSchema: { type: 'object' }, annotations: { readOnlyHint: true } },
      { name: 'login', description: 'Log in.', inputSchema: { type: 'object', properties: { password: { type: 'string' } } } },
    ];
    const tools: CatalogTool[] = defs.map((definition, position) => ({ slug: definition.name, file: `/x/${definition.name}.md`, position, definition, body: '' }));
    const server = { id: 's', name: 'S', description: '', launch: { transport: 'stdio' as const, command: 'x', args: [], env: [] }, ingestedAt: '2026-01-01T00:00:00Z', toolsHash: 'sha256:0', toolCount: 3 };
    const data = buildSiteData({ dir: '/x', servers: [{ id: 's', dir: '/x/s', server, tools }] } as Catalog, defaultRules());
    const e = await engineOver(searchIndexFiles(data));
    for (const status of ['declared', 'missing', 'conflict'] as const) {
      const expected = data.tools.filter((t) => toolAnnotationStatus(data, t) === status).map((t) => t.name).sort();
      expect((await e.search('', { annotation: status })).hits.map((h) => h.name).sort()).toEqual(expected);
    }
    expect(toolAnnotationStatus(data, data.tools[0]!)).toBe('conflict');
    for (const kind of FLAG_KINDS) {
      const expected = data.tools.filter((t) => kindsOf(t.flags).includes(kind)).map((t) => t.name).sort();
      expect((await e.search('', { flag: kind.id })).hits.map((h) => h.name).sort()).toEqual(expected);
    }
    expect((await e.search('', { flag: 'credential-param' })).hits.map((h) => h.name)).toEqual(['login']);
    expect((await e.search('', { flag: 'url-in-description' })).hits.map((h) => h.name)).toEqual(['list_files']);
  });
});
