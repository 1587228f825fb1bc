/**
 * `mcp-risk classify`: the --json contract (stdout holds only the JSON array, same verdicts as the
 * library), stdin input, the table, and bad input exiting 2 with one line.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { classify, loadRules, peerFlags } from '../../src/lib/classify/index.js';
import { ClassificationSchema, type ToolDefinition } from '../../src/lib/schema/index.js';
import { ROOT, errorLine, runCli, tempFolder } from './cli-helpers.js';

const tmp = tempFolder();
afterAll(() => tmp.cleanup());

const SEED = join(ROOT, 'catalog', 'seed', 'binance-mcp.all-registrations.tools.json');
const seed = (JSON.parse(readFileSync(SEED, 'utf8')) as { tools: ToolDefinition[] }).tools;
const MODEL = seed.find((t) => t.name === 'BinanceOptionsDeleteListenKey')!;
const TOOLS: unknown[] = [
  MODEL,
  { name: 'list_files', description: 'List the files in a directory.', annotations: { readOnlyHint: true } },
  { name: 'run \u001b[31mshell', description: 'Run a shell command.' },
  { description: 'no name: skipped' },
];
const file = join(tmp.dir, 'tools.json');
writeFileSync(file, JSON.stringify({ tools: TOOLS }));
// The stable contract; `confidence` was added (additive) with issue 13.
const KEYS = ['annotations', 'category', 'confidence', 'evidence', 'flags', 'name', 'rationale', 'risk'];

describe('mcp-risk classify', () => {
  it('adds server-wide flags (a name listed twice)', async () => {
    const dup = join(tmp.dir, 'dup.json');
    writeFileSync(dup, JSON.stringify([{ name: 'get_x', description: 'Get x.' }, { name: 'get_x', description: 'Get x again.' }]));
    const r = await runCli(['classify', dup, '--json']);
    const out = JSON.parse(r.stdout) as { flags: { id: string }[] }[];
    expect(out.every((e) => e.flags.some((f) => f.id === 'duplicate-name'))).toBe(true);
  });

  it('--json prints only a JSON array matching classify() for every named tool', async () => {
    const r = await runCli(['classify', file, '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, unknown>[];
    expect(Array.isArray(out)).toBe(true);
    const rules = loadRules(join(ROOT, 'catalog'));
    const named = TOOLS.filter((t): t is ToolDefinition => typeof (t as { name?: unknown }).name === 'string');
    expect(out.map((e) => e.name)).toEqual(named.map((t) => t.name));
    const peers = peerFlags(named, rules);
    out.forEach((entry, i) => {
      expect(Object.keys(entry).sort()).toEqual(KEYS);
      const { name, ...rest } = entry;
      expect(ClassificationSchema.parse(rest)).toEqual(rest);
      const c = classify(named[i]!, rules);
      expect(rest).toEqual({ ...c, flags: [...c.flags, ...(peers.get(i) ?? [])] });
      expect(name).toBe(named[i]!.name);
    });
    expect(out[0]).toMatchObject({ name: 'BinanceOptionsDeleteListenKey', category: 'Destructive', risk: 'Critical' });
    expect(r.stderr).toMatch(/warning: .*position 3/);
  });

  it('reads stdin with "-" and gives the same result', async () => {
    const fromFile = await runCli(['classify', file, '--json']);
    const fromStdin = await runCli(['classify', '-', '--json'], { stdin: JSON.stringify(TOOLS) });
    expect(fromStdin.code).toBe(0);
    expect(JSON.parse(fromStdin.stdout)).toEqual(JSON.parse(fromFile.stdout));
  });

  it('prints a readable table without raw control characters', async () => {
    const r = await runCli(['classify', file]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^NAME\s+CATEGORY\s+RISK\s+FLAGS$/);
    expect(lines).toHaveLength(4);
    expect(lines[1]).toMatch(/^BinanceOptionsDeleteListenKey\s+Destructive\s+Critical\s+\d+$/);
    expect(r.stdout).not.toContain('\u001b');
    expect(r.stdout).toContain('run \\u001b[31mshell');
  });

  it('classifies the whole Sperax seed (734 tools) with valid JSON', async () => {
    const r = await runCli(['classify', SEED, '--json']);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as unknown[]).length).toBe(seed.length);
  });

  it('exits 2 with one line on bad input', async () => {
    const bad = join(tmp.dir, 'bad.json');
    writeFileSync(bad, '{"tools": {');
    const notList = join(tmp.dir, 'notlist.json');
    writeFileSync(notList, '{"tools": 3}');
    const cases: [string[], RegExp, string?][] = [
      [['classify', bad, '--json'], /bad\.json: invalid JSON/],
      [['classify', notList], /notlist\.json: field "tools" must be an array/],
      [['classify', join(tmp.dir, 'nope.json')], /nope\.json: cannot open/],
      [['classify'], /classify: expected a tools file, - for stdin, or --command \/ --url/],
      [['classify', '-'], /<stdin>: invalid JSON/, 'not json'],
      [['classify', file, '--jsn'], /classify: Unknown option '--jsn'/],
    ];
    for (const [args, message, stdin] of cases) {
      const r = await runCli(args, stdin === undefined ? {} : { stdin });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(errorLine(r)).toMatch(message);
      expect(r.stderr).not.toMatch(/^\s+at /m);
    }
  });
});
