/**
 * Grouped cross-validation, the cluster bootstrap, families and the corpus files, on small
 * real-world-shaped definitions.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { SHIPPED_RULES_FILES } from '../../../src/lib/classify/index.js';
import {
  assignFolds,
  clusterBootstrap,
  crossValidate,
  familyOf,
  measuresOf,
  readCorpus,
  snapshotCatalog,
  type EvalItem,
  type GroupCounts,
} from '../../../src/lib/eval/index.js';
import { createRng } from '../../../src/lib/synth/prng.js';

const scratch = mkdtempSync(join(tmpdir(), 'eval-grouped-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function tool(name: string, description: string, annotations: Record<string, boolean>): EvalItem['definition'] {
  return { name, description, inputSchema: { type: 'object', properties: { id: { type: 'string' } } }, annotations };
}

describe('families', () => {
  test.each([
    [{ id: 'azure', package: '@azure/mcp@2.0.5', repository: 'https://github.com/microsoft/mcp' }, {}, 'azure'],
    [{ id: 'azure', package: '@azure/mcp@2.0.5' }, { azure: 'microsoft' }, 'microsoft'],
    [{ id: 'do', package: '@digitalocean/mcp@1.0.70', repository: 'https://github.com/digitalocean-labs/mcp-digitalocean' }, {}, 'digitalocean'],
    [{ id: 'fc', package: 'firecrawl-mcp@3.26.0', repository: 'https://github.com/firecrawl/firecrawl-mcp-server' }, {}, 'firecrawl'],
    [{ id: 'x', package: 'mcp-server-commands@0.5.0' }, {}, 'mcp-server-commands'],
    [{ id: 'k8s', package: 'kubernetes-mcp-server@0.0.67', repository: 'https://github.com/containers/kubernetes-mcp-server' }, { 'k8s': 'kube' }, 'kube'],
  ])('%o with %o is %s', (server, overrides, family) => {
    expect(familyOf(server, overrides)).toBe(family);
  });
});

describe('folds', () => {
  test('every group lands in exactly one fold, large groups alone, and the dealing is stable', () => {
    const sizes = new Map([['azure', 235], ['digitalocean', 353], ['linear', 198], ['memory', 9], ['filesystem', 14], ['exa', 2]]);
    const a = assignFolds(sizes, 3, 7);
    expect([...a.keys()].sort()).toEqual([...sizes.keys()].sort());
    expect(new Set(a.values()).size).toBe(3);
    expect(a.get('digitalocean')).not.toBe(a.get('azure'));
    expect(assignFolds(sizes, 3, 7)).toEqual(a);
    expect(new Set(assignFolds(sizes, 50).values()).size).toBe(sizes.size);
  });

  test('an entry only one fold supports is removed for that fold', () => {
    // "geocode" (a read verb) is used by one group only: held out, its tool falls to another rule.
    const items: EvalItem[] = [
      { server: 'maps', family: 'maps', tool: 'geocode_address', definition: tool('geocode_address', 'Geocode an address.', { readOnlyHint: true }) },
      ...['a', 'b', 'c'].map((g) => ({ server: g, family: g, tool: `get_${g}`, definition: tool(`get_${g}`, `Get a ${g} by id.`, { readOnlyHint: true }) })),
    ];
    const cv = crossValidate(items, SHIPPED_RULES_FILES, { by: 'family', folds: 4 });
    expect(cv.folds).toBe(4);
    const maps = cv.removed.find((f) => f.groups.includes('maps'))!;
    expect(maps.entries).toContain('verb-read:geocode');
    expect(cv.removed.find((f) => f.groups.includes('a'))!.entries).not.toContain('verb-read:get');
    expect(cv.overall.labelled).toBe(4);
  });
});

describe('cluster bootstrap', () => {
  const group = (name: string, tp: number, fn: number): GroupCounts => ({
    group: name,
    measures: measuresOf(tp + fn, { tp: 0, fp: 0, fn: 0, tn: 0 }, { tp, fp: 0, fn, tn: 0 }),
  });

  test('seeded: the same groups give the same interval; the interval holds the point value', () => {
    const groups = [group('a', 50, 0), group('b', 30, 10), group('c', 5, 5), group('d', 20, 1)];
    const one = clusterBootstrap(groups, { seed: 3 });
    expect(clusterBootstrap(groups, { seed: 3 })).toEqual(one);
    const point = 105 / 121;
    expect(one.destructiveRecall.low!).toBeLessThan(point);
    expect(one.destructiveRecall.high!).toBeGreaterThan(point);
    expect(one.readOnlyPrecision.low).toBeUndefined();
  });

  test('one perfect group and one bad one: the interval spans both', () => {
    const i = clusterBootstrap([group('good', 100, 0), group('bad', 10, 90)], { seed: 1 }).destructiveRecall;
    expect(i.low!).toBeLessThan(0.2);
    expect(i.high!).toBe(1);
  });

  test('the generator is deterministic and in [0, 1)', () => {
    const r = createRng(42).next;
    const xs = Array.from({ length: 100 }, r);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(Array.from({ length: 100 }, createRng(42).next)).toEqual(xs);
  });
});

describe('corpus files', () => {
  test('a snapshot writes one file per complete server and skips a half-written one', () => {
    const cat = join(scratch, 'catalog');
    const server = (id: string, tools: string[]) => {
      mkdirSync(join(cat, 'servers', id, 'tools'), { recursive: true });
      writeFileSync(
        join(cat, 'servers', id, 'server.yaml'),
        `id: ${id}\nname: ${id}\npackage: "@acme/${id}@1.0.0"\nrepository: https://github.com/acme/${id}\nlaunch:\n  transport: stdio\n  command: npx\n  args: ["-y", "@acme/${id}@1.0.0"]\ningestedAt: 2026-12-01T10:00:00.000Z\ntoolsHash: sha256:00\ntoolCount: ${tools.length}\n`,
      );
      tools.forEach((t, i) =>
        writeFileSync(join(cat, 'servers', id, 'tools', `${t}.md`), `---\ndefinition:\n  name: ${t}\n  description: Delete a ${t}.\n  inputSchema: {type: object}\n  annotations: {destructiveHint: true}\nposition: ${i}\n---\n`),
      );
    };
    server('alpha', ['delete_thing', 'get_thing']);
    mkdirSync(join(cat, 'servers', 'half'), { recursive: true });
    const corpus = join(scratch, 'corpus');
    const s = snapshotCatalog(cat, corpus, { newServersSeen: false });
    expect(s.added).toEqual(['alpha']);
    expect(s.skipped.map((k) => k.id)).toEqual(['half']);
    expect(readdirSync(corpus)).toEqual(['alpha.json']);
    const [entry] = readCorpus(corpus);
    expect(entry).toMatchObject({ id: 'alpha', family: 'acme', package: '@acme/alpha@1.0.0', listedAt: '2026-12-01', seenWhileWritingRules: false });
    expect(entry!.tools.map((t) => t.name)).toEqual(['delete_thing', 'get_thing']);
    expect((entry!.tools[0] as { annotations?: unknown }).annotations).toEqual({ destructiveHint: true });
    // a second snapshot of the same catalogue changes nothing
    expect(snapshotCatalog(cat, corpus, { newServersSeen: true })).toMatchObject({ added: [], updated: [] });
    expect(readCorpus(corpus)[0]!.seenWhileWritingRules).toBe(false);
  });

  test('a re-ingest of the same tools keeps the entry\'s date and provenance; excluded ids stay out; families are recomputed', () => {
    const cat = join(scratch, 'catalog2');
    const server = (id: string, ingestedAt: string, description: string) => {
      mkdirSync(join(cat, 'servers', id, 'tools'), { recursive: true });
      writeFileSync(
        join(cat, 'servers', id, 'server.yaml'),
        `id: ${id}\nname: ${id}\npackage: "@acme/${id}@1.0.0"\nlaunch:\n  transport: stdio\n  command: npx\n  args: ["-y", "@acme/${id}@1.0.0"]\ningestedAt: ${ingestedAt}\ntoolsHash: sha256:00\ntoolCount: 1\n`,
      );
      writeFileSync(
        join(cat, 'servers', id, 'tools', 'update_issue.md'),
        `---\ndefinition:\n  name: update_issue\n  description: ${description}\n  inputSchema: {type: object, properties: {issueId: {type: string}}}\n  annotations: {readOnlyHint: false, destructiveHint: false}\nposition: 0\n---\n`,
      );
    };
    server('tracker', '2026-11-24T10:00:00.000Z', 'Update an issue.');
    server('own-server', '2026-11-24T10:00:00.000Z', 'Look up a verdict.');
    const corpus = join(scratch, 'corpus2');
    const first = snapshotCatalog(cat, corpus, { newServersSeen: true, exclusions: { 'own-server': 'our own hints' } });
    expect(first.added).toEqual(['tracker']);
    expect(first.skipped).toEqual([{ id: 'own-server', reason: 'excluded: our own hints' }]);
    // the catalogue re-lists the same tools a week later: nothing moves, the seen flag stays
    server('tracker', '2026-12-03T08:00:00.000Z', 'Update an issue.');
    expect(snapshotCatalog(cat, corpus, { newServersSeen: false, exclusions: { 'own-server': 'x' } })).toMatchObject({ added: [], updated: [] });
    expect(readCorpus(corpus)[0]).toMatchObject({ listedAt: '2026-11-24', seenWhileWritingRules: true });
    // a family override moves only the family
    expect(snapshotCatalog(cat, corpus, { newServersSeen: false, overrides: { acme: 'acme-corp' }, exclusions: { 'own-server': 'x' } }).updated).toEqual(['tracker']);
    expect(readCorpus(corpus)[0]).toMatchObject({ family: 'acme-corp', listedAt: '2026-11-24', seenWhileWritingRules: true });
    // changed definitions are a new listing: new date, still seen
    server('tracker', '2026-12-04T08:00:00.000Z', 'Update an issue; only the given fields change.');
    expect(snapshotCatalog(cat, corpus, { newServersSeen: false, exclusions: { 'own-server': 'x' } }).updated).toEqual(['tracker']);
    expect(readCorpus(corpus)[0]).toMatchObject({ family: 'acme', listedAt: '2026-12-04', seenWhileWritingRules: true });
    expect(readdirSync(corpus).sort()).toEqual(['tracker.json']);
  });

  test('a malformed corpus file fails with one line naming the file and the field', () => {
    const corpus = join(scratch, 'bad');
    mkdirSync(corpus);
    const good = JSON.parse(readFileSync(join(scratch, 'corpus', 'alpha.json'), 'utf8'));
    writeFileSync(join(corpus, 'alpha.json'), JSON.stringify({ ...good, listedAt: 'yesterday' }));
    expect(() => readCorpus(corpus)).toThrow(/alpha\.json.*listedAt/);
  });
});
