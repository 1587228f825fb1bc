import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import matter from 'gray-matter';
import { describe, expect, it } from 'vitest';
import { CatalogError } from '../../../src/lib/catalog/errors.js';
import { countLabels, parseCategoryLabels, resolveLabels } from '../../../src/lib/eval/category-labels.js';

const FILE = 'eval/category-labels.jsonl';
const SERVERS = 'catalog/servers';

/** Tool names per server folder that is complete (server.yaml and tools/). */
function catalogueTools(dir: string): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const server of readdirSync(dir)) {
    const tools = join(dir, server, 'tools');
    if (!existsSync(join(dir, server, 'server.yaml')) || !existsSync(tools)) continue;
    const names = new Set<string>();
    for (const file of readdirSync(tools)) {
      if (!file.endsWith('.md')) continue;
      const def = (matter(readFileSync(join(tools, file), 'utf8')).data as { definition?: { name?: unknown } }).definition;
      if (typeof def?.name === 'string') names.add(def.name);
    }
    out.set(server, names);
  }
  return out;
}

const good = (over: Record<string, unknown> = {}) =>
  JSON.stringify({ server: 'a', tool: 'get_x', category: 'Read', risk: 'Low', why: 'Reads x.', ...over });

function errorOf(text: string): string {
  try {
    parseCategoryLabels(text, FILE);
  } catch (err) {
    expect(err).toBeInstanceOf(CatalogError);
    return (err as Error).message;
  }
  throw new Error('expected a CatalogError');
}

describe('parseCategoryLabels', () => {
  it('reads well-formed lines in order', () => {
    const labels = parseCategoryLabels(`${good()}\n${good({ tool: 'put_x', category: 'Write', risk: 'Medium' })}\n`, FILE);
    expect(labels.map((l) => l.tool)).toEqual(['get_x', 'put_x']);
  });

  it.each([
    [good({ category: 'Delete' }), /^eval\/category-labels\.jsonl: line 1: category: expected one of Read, Write, Execute, Destructive, Financial, Other/],
    [good({ risk: 'Severe' }), /line 1: risk: expected one of Low, Medium, High, Critical/],
    [JSON.stringify({ server: 'a', tool: 't', category: 'Read', risk: 'Low' }), /line 1: why: required field is missing/],
    [good({ why: '' }), /line 1: why: expected a non-empty string/],
    [good({ verdict: 'x' }), /line 1: verdict: unknown field/],
    [good({ server: 3 }), /line 1: server: expected a string, got a number/],
    ['{"server": "a",', /line 1: not valid JSON/],
  ])('names the line and field of %s', (line, message) => {
    const text = `${line}\n`;
    const msg = errorOf(text);
    expect(msg).toMatch(message);
    expect(msg.split('\n')).toHaveLength(1);
  });

  it('names the line of a problem further down', () => {
    expect(errorOf(`${good()}\n${good({ tool: 'z', risk: 'low' })}\n`)).toMatch(/: line 2: risk: /);
  });

  it('rejects a duplicate (server, tool), naming both lines', () => {
    expect(errorOf(`${good()}\n${good({ category: 'Other' })}\n`)).toMatch(/line 2: tool: duplicate label for a \/ get_x \(first on line 1\)/);
  });

  it('rejects lines out of order and blank lines inside the file', () => {
    expect(errorOf(`${good({ server: 'b' })}\n${good({ server: 'a' })}\n`)).toMatch(/line 2: server: out of order/);
    expect(errorOf(`${good({ tool: 'b' })}\n${good({ tool: 'a' })}\n`)).toMatch(/line 2: server: out of order/);
    expect(errorOf(`${good()}\n\n${good({ tool: 'z' })}\n`)).toMatch(/line 2: empty line/);
  });
});

describe('resolveLabels', () => {
  it('splits labels into resolved, absent server and missing tool', () => {
    const labels = parseCategoryLabels([good(), good({ tool: 'gone' }), good({ server: 'b' })].join('\n'), FILE);
    const r = resolveLabels(labels, new Map([['a', new Set(['get_x'])]]));
    expect(r.resolved.map((l) => l.tool)).toEqual(['get_x']);
    expect(r.missingTool.map((l) => l.tool)).toEqual(['gone']);
    expect(r.serverAbsent.map((l) => l.server)).toEqual(['b']);
  });
});

describe(FILE, () => {
  const labels = parseCategoryLabels(readFileSync(FILE, 'utf8'), FILE);

  it('is at least 300 labels with at least 40 Financial and 40 Execute', () => {
    expect(labels.length).toBeGreaterThanOrEqual(300);
    const { category } = countLabels(labels);
    expect(category.Financial ?? 0).toBeGreaterThanOrEqual(40);
    expect(category.Execute ?? 0).toBeGreaterThanOrEqual(40);
  });

  it('names only tools that exist, for every server folder present in this checkout', () => {
    const r = resolveLabels(labels, catalogueTools(SERVERS));
    // Servers of branches not merged here are skipped (counted); a present server must hold the tool.
    expect(r.missingTool.map((l) => `${l.server} / ${l.tool}`)).toEqual([]);
    if (r.serverAbsent.length > 0) {
      console.info(`${FILE}: ${r.serverAbsent.length} labels skipped (server folder not in this checkout)`);
    }
    expect(r.resolved.length).toBeGreaterThanOrEqual(300);
  });
});
