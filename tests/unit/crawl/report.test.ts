/** SKIPPED.md and the crawl figures from the results file; removing a failed source from sources.yaml. */
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { cell, crawlStats, medianP90, renderSkipped } from '../../../src/lib/crawl/report.js';
import type { CrawlRecord } from '../../../src/lib/crawl/results.js';
import { removeSourceEntry } from '../../../src/lib/crawl/sources-edit.js';

const r = (key: string, p: Partial<CrawlRecord>): CrawlRecord => ({
  key, id: key.split('@')[0] as string, package: `${key.split('@')[0]}@${key.split('@')[1]}`, attempt: 'as-listed', try: 1, final: true, outcome: 'failed', seconds: { total: 1 }, at: '2026-12-01T00:00:00.000Z', ...p,
});

const RECORDS: CrawlRecord[] = [
  r('a@1', { final: false, cause: 'needs-credentials', seconds: { install: 10, total: 12 }, installBytes: 50e6 }),
  r('a@1', { attempt: 'readme-env', try: 2, outcome: 'listed', tools: 7, seconds: { install: 0, start: 2, list: 0.5, total: 3 } }),
  r('b@2', { cause: 'registry-missing', reason: 'npm error notarget No matching version | found for <x>', seconds: { install: 4, total: 4 } }),
  r('c@1', { cause: 'registry-missing', reason: 'npm error 404', seconds: { total: 2 } }),
  r('d@1', { cause: 'timeout', reason: 'timed out', try: 3, seconds: { total: 60 } }),
  r('e@1', { outcome: 'listed', tools: 3, untimed: true, seconds: { total: 0 } }),
];

describe('crawl report', () => {
  it('computes median and p90 by nearest rank', () => {
    expect(medianP90([])).toBeUndefined();
    expect(medianP90([5, 1, 3, 2, 4, 6, 7, 8, 9, 10])).toEqual({ median: 5, p90: 9, n: 10 });
  });

  it('escapes strangers\' text for a table cell', () => {
    expect(cell('a | b <script>\n`x`')).toBe("a \\| b &lt;script&gt; 'x'");
  });

  it('groups failures by cause, biggest group first, most downloaded first, under the hand-written head', () => {
    const md = renderSkipped({ records: RECORDS, downloads: new Map([['b', 10], ['c', 500]]), head: '# Head\n\nhand text\n' });
    expect(md.startsWith('# Head\n\nhand text\n\n## Tried by the crawl')).toBe(true);
    expect(md).toContain('3 package(s)');
    const reg = md.indexOf('### A dependency (or a version of one) is not served by this npm registry (`registry-missing`, 2)');
    const tmo = md.indexOf('(`timeout`, 1)');
    expect(reg).toBeGreaterThan(0);
    expect(tmo).toBeGreaterThan(reg);
    expect(md.indexOf('`c@1`')).toBeLessThan(md.indexOf('`b@2`'));
    expect(md).toContain('| `b@2` | 10 | 1 | npm error notarget No matching version \\| found for &lt;x&gt; |');
    expect(md).not.toContain('`a@1`');
  });

  it('counts outcomes, second tries and per-phase seconds (untimed records in outcomes only)', () => {
    const st = crawlStats(RECORDS);
    expect(st).toMatchObject({ servers: 5, listed: 2, listedAtFirstTry: 1, bySecondTry: { 'readme-env': 1 }, failedByCause: { 'registry-missing': 2, timeout: 1 }, tools: 10, attempts: 6 });
    expect(st.install).toEqual({ median: 10, p90: 10, n: 1 });
    expect(st.perServer).toEqual({ median: 15, p90: 15, n: 1 });
    expect(st.perSource?.n).toBe(4);
    expect(st.installMB).toEqual({ median: 50, p90: 50, n: 1 });
  });
});

describe('removeSourceEntry', () => {
  const TEXT = 'servers:\n  - id: a\n    npm: "a@1"\n  # group comment\n  - id: b\n    npm: "b@1"\n    env:\n      K: dummy\n  - id: c\n    npm: "c@1"\n';
  it('removes one entry and nothing else, keeping the comment above the next one', () => {
    expect(removeSourceEntry(TEXT, 'b')).toBe('servers:\n  - id: a\n    npm: "a@1"\n  # group comment\n  - id: c\n    npm: "c@1"\n');
    expect(removeSourceEntry(TEXT, 'a')).toBe('servers:\n  # group comment\n  - id: b\n    npm: "b@1"\n    env:\n      K: dummy\n  - id: c\n    npm: "c@1"\n');
    expect(parseDocument(removeSourceEntry(TEXT, 'c')).toJS().servers.map((s: { id: string }) => s.id)).toEqual(['a', 'b']);
    expect(removeSourceEntry(TEXT, 'zz')).toBe(TEXT);
  });
});
