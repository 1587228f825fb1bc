import { describe, expect, it } from 'vitest';
import { BuilderDataError, parseServerFile, serverFileJson } from '../../../src/lib/builder/data.js';
import { builderServerFile, builderServerFileUrl, serverOptions } from '../../../src/lib/builder/site.js';
import { getSiteData } from '../../../src/lib/view/site-data.js';
import { CRYPTO, HOSTILE } from './fixtures.js';

const file = (tools: unknown[], extra: Record<string, unknown> = {}): unknown => ({ version: 1, id: 's', name: 'S', exportName: 's', url: '/servers/s/', tools, ...extra });

describe('builder data file', () => {
  it('round-trips through JSON, leaving out slugs equal to the name', () => {
    for (const server of [CRYPTO, HOSTILE]) {
      const json = serverFileJson(server);
      const back = parseServerFile(JSON.parse(JSON.stringify(json)), 'x.json');
      expect(back.tools).toEqual(server.tools);
      expect([...back.bySlug.keys()]).toEqual(server.tools.map((t) => t.slug));
    }
    expect(serverFileJson(CRYPTO).tools[0]).toEqual({ n: 'BinanceGetTickerPrice', c: 'Read', r: 'Low' });
    expect(serverFileJson(HOSTILE).tools.find((t) => t.n === 'dot.name')?.s).toMatch(/^dot-name-[0-9a-f]{6}$/);
  });

  it('rejects a bad file with one line naming the file and the field', () => {
    const cases: [unknown, RegExp][] = [
      [null, /^srv\.json: \(root\): /],
      [file([{ n: 'a', c: 'Read', r: 'Severe' }]), /^srv\.json: tools\.0\.r: /],
      [file([{ n: 'a', c: 'Nope', r: 'Low' }]), /^srv\.json: tools\.0\.c: /],
      [file([], { exportName: 'bad name' }), /^srv\.json: exportName: /],
      [file([], { url: 'javascript:alert(1)' }), /^srv\.json: url: /],
      [file([], { version: 2 }), /^srv\.json: version: /],
      [file([{ n: 'a', c: 'Read', r: 'Low', x: 1 }]), /^srv\.json: tools\.0: /],
      [file([{ n: 'a', c: 'Read', r: 'Low' }, { n: 'b', s: 'a', c: 'Read', r: 'Low' }]), /^srv\.json: tools\.1\.s: duplicate slug$/],
    ];
    for (const [json, message] of cases) {
      let error: unknown;
      try {
        parseServerFile(json, 'srv.json');
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(BuilderDataError);
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message).not.toContain('\n');
    }
  });
});

describe('build side (real catalogue)', () => {
  const data = getSiteData();

  it('writes every server\'s tools with effective verdicts, compactly', () => {
    let bytes = 0;
    for (const s of data.servers) {
      const json = builderServerFile(s);
      const back = parseServerFile(JSON.parse(JSON.stringify(json)), s.id);
      expect(back.tools.map((t) => [t.name, t.slug, t.category, t.risk, t.reviewed]), s.id).toEqual(
        s.tools.map((t) => [t.name, t.slug, t.verdict.category, t.verdict.risk, t.verdict.overridden]),
      );
      bytes += JSON.stringify(json).length;
    }
    // A few dozen bytes per tool: 50,000 tools stay a few MB in total, fetched per server.
    expect(bytes / data.tools.length).toBeLessThan(90);
  });

  it('lists every server once for the picker, sorted by name, with its data file', () => {
    const options = serverOptions(data);
    expect(options.map((o) => o.id).sort()).toEqual(data.servers.map((s) => s.id).sort());
    const names = options.map((o) => o.name.toLowerCase());
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' })));
    expect(options.find((o) => o.id === 'sperax-crypto-mcp')?.data).toBe('/builder/servers/sperax-crypto-mcp.json');
    expect(builderServerFileUrl('a b/../c')).toBe('/builder/servers/a%20b%2F..%2Fc.json');
  });
});
