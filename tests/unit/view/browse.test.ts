import { describe, expect, it } from 'vitest';
import { pageParam, pageSortNote, paginate } from '../../../src/lib/view/browse.js';
import { sitemapChunks, sitemapIndexXml, sitemapXml } from '../../../src/lib/view/sitemap.js';
import { categoryFromSegment, compareDanger, riskFromSegment } from '../../../src/lib/view/labels.js';
import { absoluteUrl, safeHttpUrl, urls } from '../../../src/lib/view/urls.js';

describe('paginate', () => {
  it('splits into pages covering every item once', () => {
    const items = Array.from({ length: 250 }, (_, i) => i);
    const pages = paginate(items, 100);
    expect(pages.map((p) => p.items.length)).toEqual([100, 100, 50]);
    expect(pages.flatMap((p) => p.items)).toEqual(items);
    expect(pages[2]).toMatchObject({ page: 3, pages: 3, start: 200, total: 250 });
    expect(paginate([], 100)).toEqual([{ page: 1, pages: 1, items: [], start: 0, total: 0 }]);
    expect(pageParam(1)).toBeUndefined();
    expect(pageParam(2)).toBe('2');
    expect(urls.tools(pages[1]!.page)).toBe('/tools/2/');
  });
});

describe('pageSortNote', () => {
  it('says a sort covers only the page when the table holds part of the list, and nothing otherwise', () => {
    expect(pageSortNote(100, 1234)).toBe('Sorting by a column orders only the 100 tools on this page, not all 1,234.');
    expect(pageSortNote(1, 2)).toBe('Sorting by a column orders only the 1 tool on this page, not all 2.');
    expect(pageSortNote(50, 50)).toBeUndefined();
  });
});

describe('labels and urls', () => {
  it('round-trips lowercase URL segments', () => {
    expect(riskFromSegment('critical')).toBe('Critical');
    expect(categoryFromSegment('destructive')).toBe('Destructive');
    expect(riskFromSegment('nope')).toBeUndefined();
    expect(urls.risk('High', 2)).toBe('/risk/high/2/');
    expect(urls.category('Financial')).toBe('/categories/financial/');
  });

  it('orders by danger: risk, then category, then name', () => {
    const list = [
      { risk: 'Low' as const, category: 'Read' as const, name: 'a' },
      { risk: 'Critical' as const, category: 'Write' as const, name: 'b' },
      { risk: 'Critical' as const, category: 'Destructive' as const, name: 'c' },
    ];
    expect([...list].sort(compareDanger).map((x) => x.name)).toEqual(['c', 'b', 'a']);
  });

  it('keeps only http(s) links', () => {
    expect(safeHttpUrl('https://github.com/x')).toBe('https://github.com/x');
    expect(safeHttpUrl('javascript:alert(1)')).toBeUndefined();
    expect(safeHttpUrl('not a url')).toBeUndefined();
    expect(absoluteUrl('/a/', 'https://example.org')).toBe('https://example.org/a/');
  });
});

describe('sitemapXml', () => {
  it('escapes and absolutises every path', () => {
    const xml = sitemapXml(['/', '/servers/a&b/'], 'https://example.org');
    expect(xml).toContain('<loc>https://example.org/</loc>');
    expect(xml).toContain('<loc>https://example.org/servers/a&amp;b/</loc>');
    expect(xml.match(/<url>/g)).toHaveLength(2);
  });

  it('splits long lists for a sitemap index', () => {
    expect(sitemapChunks([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(sitemapChunks([], 2)).toEqual([[]]);
    expect(sitemapIndexXml(['/sitemap-1.xml'], 'https://e.org')).toContain('<sitemap><loc>https://e.org/sitemap-1.xml</loc></sitemap>');
  });
});
