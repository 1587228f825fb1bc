/**
 * The sharded search index and its engine, end to end in memory: files built from tools, then
 * queried through the same `openEngine` the search page uses (fetches counted).
 */
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { loadServer } from '../../../src/lib/catalog/index.js';
import { classify } from '../../../src/lib/classify/index.js';
import { buildShardedIndex, descriptionTerms, nameTerms, postingsStarts, type IndexSource } from '../../../src/lib/search/build-index.js';
import { openEngine, expandWord } from '../../../src/lib/search/engine.js';
import { SEARCH_INDEX_BASE, deltaDecode, deltaEncode, decodeFacet, facetCode, type SearchMeta } from '../../../src/lib/search/sharded-format.js';
import { dictKey, queryTerms, searchWords, withinEdits } from '../../../src/lib/search/words.js';
import { postFileOf } from '../../../src/lib/search/expand.js';
import { RISK_LEVELS, type Risk } from '../../../src/lib/schema/index.js';
import { syntheticCatalog } from '../../../src/lib/synth/index.js';

const CATALOG = fileURLToPath(new URL('../../../catalog', import.meta.url));

function src(name: string, extra: Partial<IndexSource> = {}): IndexSource {
  return { name, slug: name, description: '', serverId: 's', category: 'Other', risk: 'Low', ...extra };
}

/** An engine over in-memory files; `fetched` lists every file it asked for. */
async function engineFor(tools: IndexSource[], servers: { id: string; name: string }[], options = {}) {
  const files = new Map(buildShardedIndex(tools, servers, options).map((f) => [SEARCH_INDEX_BASE + f.path, JSON.stringify(f.data)]));
  const fetched: string[] = [];
  const engine = await openEngine(SEARCH_INDEX_BASE, async (path) => {
    fetched.push(path);
    const text = files.get(path);
    if (text === undefined) throw new Error(`404 ${path}`);
    return JSON.parse(text) as unknown;
  });
  return { engine, fetched, files };
}

describe('words and encodings', () => {
  it('split names and queries the same way, acronyms included', () => {
    expect(searchWords('BinanceOptionsDeleteListenKey')).toEqual(['binance', 'options', 'delete', 'listen', 'key']);
    expect(searchWords('HTTPServer get_URL')).toEqual(['http', 'server', 'get', 'url']);
    expect(queryTerms('delete DELETE delete x')).toEqual(['delete', 'x']);
    expect(nameTerms('GitHubSearch')).toEqual(expect.arrayContaining(['git', 'hub', 'search', 'githubsearch']));
    expect(descriptionTerms('Deletes the file in the folder')).toEqual(['deletes', 'file', 'folder']);
  });

  it('counts typos as edits, a swap of neighbours being one', () => {
    expect(withinEdits('optons', 'options', 1)).toBe(true);
    expect(withinEdits('dleete', 'delete', 1)).toBe(true);
    expect(withinEdits('reqeust', 'request', 1)).toBe(true);
    expect(withinEdits('abc', 'xyz', 2)).toBe(false);
    expect(withinEdits('transfre', 'transfer', 1)).toBe(true);
    expect(withinEdits('kitten', 'sitting', 2)).toBe(false);
  });

  it('round-trips deltas and facets', () => {
    expect(deltaDecode(deltaEncode([3, 4, 10, 200]))).toEqual([3, 4, 10, 200]);
    for (const r of RISK_LEVELS) expect(decodeFacet(facetCode(r, 'Financial'))).toEqual({ risk: r, category: 'Financial' });
  });

  it('expands a word to itself, its prefixes and its typos from the dictionary', () => {
    const dict = { t: ['delay', 'delete', 'deleted', 'deploy', 'dlete'], f: [1, 9, 3, 2, 1] };
    const terms = expandWord('dele', dict).map((e) => e.term);
    expect(terms.slice(0, 3)).toEqual(['dele', 'delete', 'deleted']);
    expect(expandWord('delte', dict).map((e) => e.term)).toEqual(expect.arrayContaining(['delte', 'delete', 'dlete']));
    expect(expandWord('d', dict).map((e) => e.term)).toEqual(['d']);
  });
});

describe('engine', () => {
  it('ranks names holding every word first, then tighter names', async () => {
    const names = ['BinanceOptionsListenKey', 'BinanceDeleteListenKey', 'BinanceOptionsDeleteOrder', 'BinanceOptionsDeleteListenKey', 'DeleteOptions', 'BinanceOptionsDeleteListenKeyBatchV2'];
    const { engine } = await engineFor(names.map((n) => src(n, { description: 'Options delete listen key listen delete options' })), [{ id: 's', name: 'Server' }]);
    const { hits, total } = await engine.search('options delete listen');
    expect(hits[0]!.name).toBe('BinanceOptionsDeleteListenKey');
    expect(hits.filter((h) => h.nameMatch).map((h) => h.name)).toEqual(['BinanceOptionsDeleteListenKey', 'BinanceOptionsDeleteListenKeyBatchV2']);
    expect(total).toBe(names.length); // every description has all three words
    expect(hits[0]!.url).toBe('/servers/s/tools/BinanceOptionsDeleteListenKey/');
  });

  it('on the real Sperax server: the model tool first, by words, by its exact name and with a typo', async () => {
    const server = loadServer(CATALOG, 'sperax-crypto-mcp');
    const tools = server.tools.map((t) => {
      const c = classify(t.definition);
      return src(t.definition.name, { slug: t.slug, description: String(t.definition.description ?? ''), serverId: server.id, category: c.category, risk: c.risk });
    });
    const { engine, fetched } = await engineFor(tools, [{ id: server.id, name: server.server.name }]);
    for (const q of ['options delete listen', 'BinanceOptionsDeleteListenKey', 'optons delete listen']) {
      const { hits } = await engine.search(q);
      expect(hits[0]?.name, q).toBe('BinanceOptionsDeleteListenKey');
    }
    const { hits } = await engine.search('options delete listen', { risk: 'Critical' });
    expect(hits[0]).toMatchObject({ name: 'BinanceOptionsDeleteListenKey', risk: 'Critical', category: 'Destructive', serverId: server.id });
    expect(fetched.filter((f) => f.endsWith('meta.json'))).toHaveLength(1);
  });

  it('filters by risk, category and server; an empty query lists the most dangerous first', async () => {
    const risks: Risk[] = ['Low', 'Critical', 'Medium', 'High', 'Critical'];
    const { engine } = await engineFor(
      risks.map((r, i) => src(`Tool${i}`, { risk: r, category: i % 2 ? 'Read' : 'Write', serverId: i < 3 ? 'a' : 'b' })),
      [{ id: 'a', name: 'Alpha' }, { id: 'b', name: 'Beta' }],
    );
    const all = await engine.search('');
    expect(all.total).toBe(5);
    const ranks = all.hits.map((h) => RISK_LEVELS.indexOf(h.risk));
    expect([...ranks].sort((x, y) => y - x)).toEqual(ranks);
    expect((await engine.search('', { risk: 'Critical' })).hits.map((h) => h.name)).toEqual(['Tool1', 'Tool4']);
    expect((await engine.search('', { server: 'b' })).hits.map((h) => h.name).sort()).toEqual(['Tool3', 'Tool4']);
    expect((await engine.search('tool', { category: 'Read', risk: 'High' })).hits.map((h) => h.name)).toEqual(['Tool3']);
    expect((await engine.search('', {}, 2)).hits).toHaveLength(2);
    expect((await engine.search('', { server: 'nope' })).total).toBe(0);
    // A server's name matches its tools.
    expect((await engine.search('beta')).hits.map((h) => h.name).sort()).toEqual(['Tool3', 'Tool4']);
  });

  it('numbers tools in name order: same-named tools of several servers share a docs file, and srv keeps each one\'s server', async () => {
    const servers = ['a', 'b', 'c'].map((id) => ({ id, name: `Server ${id.toUpperCase()}` }));
    const tools: IndexSource[] = [];
    for (const s of servers) for (let i = 0; i < 40; i += 1) tools.push(src(`${s.id}_tool_${i}`, { serverId: s.id }));
    for (const s of servers) tools.push(src('create_issue', { serverId: s.id, slug: `create-issue-${s.id}` }));
    const { engine, fetched, files } = await engineFor(tools, servers, { docsPerFile: 16 });
    const meta = JSON.parse(files.get(`${SEARCH_INDEX_BASE}meta.json`)!) as SearchMeta;
    expect(meta.v).toBe(3);
    expect(meta.srv).toHaveLength(tools.length);
    expect(meta.servers.map(([id, , count]) => [id, count])).toEqual([['a', 41], ['b', 41], ['c', 41]]);
    fetched.length = 0;
    const { hits } = await engine.search('create issue', {}, 10);
    expect(hits.slice(0, 3).map((h) => [h.serverId, h.url])).toEqual(servers.map((s) => [s.id, `/servers/${s.id}/tools/create-issue-${s.id}/`]));
    expect(fetched.filter((f) => f.includes('/docs/'))).toHaveLength(1);
    // The server filter and server-name matching follow srv, not ranges of ids.
    expect((await engine.search('tool', { server: 'b' }, 50)).hits.every((h) => h.serverId === 'b' && h.name.startsWith('b_'))).toBe(true);
    expect((await engine.search('server c', {}, 50)).total).toBe(41);
  });

  it('with the dictionary inline, a query fetches all its postings (words and expansions) in one round, then its docs', async () => {
    const inputs = syntheticCatalog({ tools: 2000, seed: 4 });
    const tools = inputs.flatMap((s) => s.tools.map((t) => src(t.definition.name, { description: t.definition.description ?? '', serverId: s.server.id })));
    const servers = inputs.map((s) => ({ id: s.server.id, name: s.server.name! }));
    const files = new Map(buildShardedIndex(tools, servers, { postingsBytes: 2000 }).map((f) => [SEARCH_INDEX_BASE + f.path, JSON.stringify(f.data)]));
    // A fetch resolves only when the driver releases every pending one at once: a release ends a round.
    let round = 0;
    let pending: (() => void)[] = [];
    const requests: [string, number][] = [];
    const fetchJson = (path: string): Promise<unknown> => {
      requests.push([path, round]);
      return new Promise((ok) => pending.push(() => ok(JSON.parse(files.get(path)!) as unknown)));
    };
    const drive = async <T,>(p: Promise<T>): Promise<T> => {
      let done = false;
      void p.then(() => (done = true));
      while (!done) {
        await new Promise((r) => setTimeout(r, 0));
        const release = pending;
        pending = [];
        round += 1;
        for (const f of release) f();
      }
      return p;
    };
    const engine = await drive(openEngine(SEARCH_INDEX_BASE, fetchJson));
    requests.length = 0;
    const { hits } = await drive(engine.search('list delte', {}, 10));
    expect(hits.length).toBeGreaterThan(0);
    const post = requests.filter(([f]) => f.includes('/post/'));
    const docs = requests.filter(([f]) => f.includes('/docs/'));
    expect(post.length).toBeGreaterThan(1); // the words and their expansions sit in several files
    expect(new Set(post.map(([, r]) => r)).size).toBe(1);
    expect(docs.length).toBeGreaterThan(0);
    expect(docs.every(([, r]) => r === post[0]![1] + 1)).toBe(true);
  });

  it('cuts postings files where neighbouring terms share the shortest prefix, within half to twice the target size', () => {
    const terms = ['aa1', 'aa2', 'ab1', 'ab2', 'b1', 'b2', 'b3', 'b4', 'c1', 'c2', 'c3', 'c4'];
    // Filling files up to the target would cut after ab1 (3 terms); the cuts go before b1 and c1.
    expect(postingsStarts(terms, terms.map(() => 1), 3)).toEqual([0, 4, 8]);
    // A term larger than twice the target is a file of its own.
    expect(postingsStarts(['a', 'b', 'c'], [1, 50, 1], 3)).toEqual([0, 1, 2]);
    const costs = Array.from({ length: 500 }, (_, i) => 10 + (i % 7));
    const many = Array.from({ length: 500 }, (_, i) => `t${String(i).padStart(3, '0')}`);
    const starts = postingsStarts(many, costs, 200);
    starts.forEach((start, k) => {
      const size = costs.slice(start, starts[k + 1] ?? many.length).reduce((a, b) => a + b, 0);
      expect(size).toBeLessThanOrEqual(400);
      if (k < starts.length - 1) expect(size).toBeGreaterThanOrEqual(100);
    });
  });

  it('keeps a word and the terms it prefixes in one postings file; a one-word query fetches at most two', async () => {
    const inputs = syntheticCatalog({ tools: 3000, seed: 9 });
    const tools = inputs.flatMap((s) => s.tools.map((t) => src(t.definition.name, { description: t.definition.description ?? '', serverId: s.server.id })));
    const servers = inputs.map((s) => ({ id: s.server.id, name: s.server.name! }));
    const { engine, fetched, files } = await engineFor(tools, servers, { postingsBytes: 4000 });
    const meta = JSON.parse(files.get(`${SEARCH_INDEX_BASE}meta.json`)!) as SearchMeta;
    expect(meta.post.length).toBeGreaterThan(20);
    const words = Object.values(meta.words!).flatMap((d) => d.t).filter((w) => w.length >= 4);
    expect(words.length).toBeGreaterThan(500);
    const fileOf = (term: string): number => postFileOf(meta.post, term);
    for (const w of words) {
      const expansions = expandWord(w, meta.words![dictKey(w)]);
      // Filled to the target size instead, 41 of these words had their prefixes over two files.
      expect(new Set(expansions.filter((e) => e.factor >= 0.85).map((e) => fileOf(e.term))).size, w).toBe(1);
      expect(new Set(expansions.map((e) => fileOf(e.term))).size, w).toBeLessThanOrEqual(2);
    }
    // The engine, with nothing loaded yet, fetches just those files.
    for (const w of words.filter((_, i) => i % 25 === 0)) {
      const asked: string[] = [];
      const fresh = await openEngine(SEARCH_INDEX_BASE, async (path) => {
        asked.push(path);
        return JSON.parse(files.get(path)!) as unknown;
      });
      expect((await fresh.search(w, {}, 10)).hits.length, w).toBeGreaterThan(0);
      expect(asked.filter((f) => f.includes('/post/')).length, w).toBeLessThanOrEqual(2);
    }
    expect(fetched).toEqual([`${SEARCH_INDEX_BASE}meta.json`]);
    expect((await engine.search('list', {}, 10)).hits.length).toBeGreaterThan(0);
  });

  it('fetches only what a query needs, and concurrent searches do not mix', async () => {
    const inputs = syntheticCatalog({ tools: 3000, seed: 9 });
    const tools = inputs.flatMap((s) => s.tools.map((t) => src(t.definition.name, { description: t.definition.description ?? '', serverId: s.server.id })));
    const servers = inputs.map((s) => ({ id: s.server.id, name: s.server.name! }));
    // A small dictionary rides in meta.json; a large one is sharded by first letter.
    const inline = await engineFor(tools, servers);
    expect(JSON.parse(inline.files.get(`${SEARCH_INDEX_BASE}meta.json`)!)).toHaveProperty('words.d');
    expect([...inline.files.keys()].some((f) => f.includes('/dict/'))).toBe(false);
    const { engine, fetched, files } = await engineFor(tools, servers, { docsPerFile: 32, postingsBytes: 4000, inlineDictionary: 0 });
    const meta = JSON.parse(files.get(`${SEARCH_INDEX_BASE}meta.json`)!) as SearchMeta;
    expect(meta.n).toBe(3000);
    expect(meta.words).toBeUndefined();
    expect(await inline.engine.search('delte', {}, 10)).toEqual(await engine.search('delte', {}, 10));
    fetched.length = 0;
    const [a, b] = await Promise.all([engine.search('delete', {}, 10), engine.search('list', {}, 10)]);
    expect(a.hits.every((h) => /delet/i.test(h.name) || /delet/i.test(h.description))).toBe(true);
    expect(b.hits.every((h) => /list/i.test(h.name) || /list/i.test(h.description))).toBe(true);
    expect(fetched.length).toBeLessThan(files.size / 4);
    expect(fetched.filter((f) => f.includes('/docs/')).length).toBeLessThanOrEqual(20);
    // d.json was loaded by the 'delte' search above and is reused; only l.json is new.
    expect(fetched.filter((f) => f.includes('/dict/')).map((f) => f.slice(-7))).toEqual(['/l.json']);
  });
});
