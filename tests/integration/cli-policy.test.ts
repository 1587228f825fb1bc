/**
 * `mcp-risk policy`, `check` and `validate` end to end: policies from a file and from a catalogue
 * server (reviews win), export formats, check's exit codes, validate's one-line errors.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { classify, checkTool, effectiveVerdict, loadRules } from '../../src/lib/classify/index.js';
import { loadServer } from '../../src/lib/catalog/index.js';
import { defaultPolicyMapping, generateServerPolicy, generateToolPolicy } from '../../src/lib/policy/index.js';
import { PolicySchema, type ToolDefinition } from '../../src/lib/schema/index.js';
import { ROOT, errorLine, runCli, tempFolder } from './cli-helpers.js';

const tmp = tempFolder();
afterAll(() => tmp.cleanup());
const cat = join(tmp.dir, 'catalog');
const rules = loadRules(join(ROOT, 'catalog'));

const TOOLS: ToolDefinition[] = [
  { name: 'read_note', description: 'Read a note by id.', annotations: { readOnlyHint: true } },
  { name: 'delete_note', description: 'Permanently delete a note. This cannot be undone.' },
  { name: 'send_payment', description: 'Send a payment of the given amount to a recipient.' },
];
const file = join(tmp.dir, 'notes-server.tools.json');
writeFileSync(file, JSON.stringify({ tools: TOOLS }));

beforeAll(async () => {
  const r = await runCli(['ingest', '--file', file, '--id', 'notes', '--catalog', cat]);
  expect(r.code).toBe(0);
});

describe('mcp-risk policy', () => {
  it('prints the whole-server policy of a tools file, as the generator makes it', async () => {
    const r = await runCli(['policy', file]);
    expect(r.code).toBe(0);
    const policy = PolicySchema.parse(JSON.parse(r.stdout));
    expect(policy.default).toBe('deny');
    const expected = generateServerPolicy(TOOLS.map((t) => ({ name: t.name, verdict: classify(t, rules) })), defaultPolicyMapping());
    expect(policy).toEqual(expected);
  });

  it('uses reviewed verdicts for --id, for the server and for --tool', async () => {
    const toolFile = join(cat, 'servers', 'notes', 'tools', 'delete_note.md');
    const text = readFileSync(toolFile, 'utf8');
    writeFileSync(toolFile, text.replace(/\nposition: (\d+)\n/, '\nposition: $1\nreview:\n  category: Read\n  risk: Low\n  reason: Test override.\n'));
    const server = loadServer(cat, 'notes');
    const review = server.tools.find((t) => t.definition.name === 'delete_note')!.review;
    expect(review).toBeDefined();
    const verdict = effectiveVerdict(classify(TOOLS[1]!, rules), review);
    expect(verdict).toMatchObject({ category: 'Read', risk: 'Low' });

    const whole = await runCli(['policy', '--id', 'notes', '--catalog', cat]);
    expect(whole.code).toBe(0);
    const expected = generateServerPolicy(
      server.tools.map((t) => ({ name: t.definition.name, verdict: effectiveVerdict(classify(t.definition, rules), t.review) })),
      defaultPolicyMapping(),
    );
    expect(JSON.parse(whole.stdout)).toEqual(expected);
    const unreviewed = generateServerPolicy(TOOLS.map((t) => ({ name: t.name, verdict: classify(t, rules) })), defaultPolicyMapping());
    expect(JSON.parse(whole.stdout)).not.toEqual(unreviewed);

    const one = await runCli(['policy', '--id', 'notes', '--tool', 'delete_note', '--catalog', cat]);
    expect(one.code).toBe(0);
    expect(JSON.parse(one.stdout)).toEqual(generateToolPolicy('delete_note', verdict, defaultPolicyMapping()));
    expect(JSON.parse(one.stdout).default).toBe('allow');
  });

  it('exports other formats, naming the server by --server, the id or the file name', async () => {
    const byId = await runCli(['policy', '--id', 'notes', '--format', 'claude-code', '--catalog', cat]);
    expect(byId.code).toBe(0);
    expect(byId.stdout).toContain('mcp__notes__');
    const byFile = await runCli(['policy', file, '--format', 'claude-code']);
    expect(byFile.stdout).toContain('mcp__notes-server-tools__');
    const named = await runCli(['policy', file, '--format', 'claude-code', '--server', 'mine']);
    expect(named.stdout).toContain('mcp__mine__');
  });

  it('says on stderr where a format\'s server name came from, and what the format could not express', async () => {
    const byFile = await runCli(['policy', file, '--format', 'claude-code']);
    expect(byFile.code).toBe(0);
    expect(byFile.stderr).toMatch(/^mcp-risk: policy: the server is named "notes-server-tools" after the file name\b.*--server/m);
    const named = await runCli(['policy', file, '--format', 'claude-code', '--server', 'mine']);
    expect(named.stderr).not.toMatch(/after the file name/);
    const plain = await runCli(['policy', file]);
    expect(plain.stderr).toBe('');
    // A Medium tool is rate-limited; Claude Code has no rate limits, so it becomes "ask": said on stderr.
    const withLimit = join(tmp.dir, 'limits.tools.json');
    const update: ToolDefinition = { name: 'update_note', description: 'Update the text of an existing note.' };
    writeFileSync(withLimit, JSON.stringify([update]));
    const policy = generateServerPolicy([{ name: update.name, verdict: classify(update, rules) }], defaultPolicyMapping());
    expect(policy.rules.map((r) => r.action)).toEqual(['rate_limit']);
    const claude = await runCli(['policy', withLimit, '--format', 'claude-code', '--server', 'notes']);
    expect(claude.code).toBe(0);
    expect(JSON.parse(claude.stdout).permissions.ask).toEqual(['mcp__notes__update_note']);
    expect(claude.stderr).toMatch(/^mcp-risk: policy: note: Claude Code has no rate limits: rate-limited tools become "ask" rules/m);
    for (const line of claude.stderr.trimEnd().split('\n')) expect(line).toMatch(/^mcp-risk: policy: /);
  });

  it('exits 2 with one line on usage errors', async () => {
    const cases: [string[], RegExp][] = [
      [['policy'], /expected exactly one of a tools file \(or -\), --id <server-id>, or --command \/ --url/],
      [['policy', file, '--id', 'notes'], /expected exactly one of/],
      [['policy', '--id', 'nope', '--catalog', cat], /--id: no server "nope"/],
      [['policy', file, '--tool', 'missing'], /--tool: no tool named "missing"/],
      [['policy', file, '--format', 'bogus'], /unknown format "bogus"/],
      [['policy', file, '--format', 'codex', '--server', 'bad name'], /server/],
    ];
    for (const [args, message] of cases) {
      const r = await runCli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(errorLine(r)).toMatch(message);
    }
  });
});

describe('mcp-risk check', () => {
  it('exits 1 when a declared hint contradicts strong evidence, printing tool: field: message', async () => {
    const lying: ToolDefinition = { name: 'delete_all_files', description: 'Permanently delete every file in the workspace.', annotations: { readOnlyHint: true, destructiveHint: false } };
    const f = join(tmp.dir, 'lying.json');
    writeFileSync(f, JSON.stringify([lying]));
    const findings = checkTool(lying, rules);
    expect(findings.some((x) => x.severity === 'error')).toBe(true);
    const r = await runCli(['check', f]);
    expect(r.code).toBe(1);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(findings.length);
    for (const l of lines) expect(l).toMatch(/^delete_all_files: [\w.]+: (error|warning): .+/);
    const errors = findings.filter((x) => x.severity === 'error').length;
    const warnings = findings.length - errors;
    const n = (k: number, word: string): string => `${k} ${word}${k === 1 ? '' : 's'}`;
    expect(r.stderr).toContain(`mcp-risk: check: 1 tool, ${n(errors, 'error')}, ${n(warnings, 'warning')}\n`);
  });

  it('exits 0 when there are only warnings (missing hints)', async () => {
    const f = join(tmp.dir, 'nohints.json');
    writeFileSync(f, JSON.stringify([{ name: 'read_note', description: 'Read a note by id.', inputSchema: { type: 'object', properties: { id: { type: 'string' } } } }]));
    const r = await runCli(['check', f]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^read_note: annotations\.\w+: warning: /m);
    expect(r.stdout).not.toMatch(/: error: /);
  });

  it('exits 2 on bad input', async () => {
    const r = await runCli(['check', join(tmp.dir, 'missing.json')]);
    expect(r.code).toBe(2);
    expect(errorLine(r)).toMatch(/missing\.json: cannot open/);
  });
});

describe('mcp-risk validate', () => {
  it('accepts the shipped catalogue and a fresh one', async () => {
    expect((await runCli(['validate'])).code).toBe(0);
    const r = await runCli(['validate', '--catalog', cat]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/: 1 server, 3 tools\n/);
  });

  it('also checks the catalogue rules folder and sources.yaml', async () => {
    const own = join(tmp.dir, 'own-rules');
    mkdirSync(join(own, 'rules'), { recursive: true });
    writeFileSync(join(own, 'rules', 'verbs.yaml'), 'verbs: 3\n');
    const badRules = await runCli(['validate', '--catalog', own]);
    expect(badRules.code).toBe(2);
    expect(errorLine(badRules)).toMatch(/rules\/verbs\.yaml: verbs/);
    const src = join(tmp.dir, 'bad-sources');
    mkdirSync(src, { recursive: true });
    writeFileSync(join(src, 'sources.yaml'), 'servers:\n  - id: x\n    name: X\n');
    const badSources = await runCli(['validate', '--catalog', src]);
    expect(badSources.code).toBe(2);
    expect(errorLine(badSources)).toMatch(/sources\.yaml:servers\[0\]/);
  });

  it('exits 2 with the file and field of a malformed file', async () => {
    const yamlFile = join(cat, 'servers', 'notes', 'server.yaml');
    writeFileSync(yamlFile, readFileSync(yamlFile, 'utf8').replace(/^name: .*$/m, 'name: ""'));
    const r = await runCli(['validate'], { env: { MCP_CATALOG_DIR: cat } });
    expect(r.code).toBe(2);
    expect(errorLine(r)).toMatch(/^mcp-risk: .*servers\/notes\/server\.yaml: name: expected a non-empty string$/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});
