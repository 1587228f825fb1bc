/**
 * Change history and the drift check end to end: the drift fixture server (official SDK, stdio) is
 * ingested through the CLI as v1, checked with `mcp-risk diff` against v1 and v2, re-ingested as v2
 * (history.jsonl gains exactly the four changes), and re-ingested unchanged (nothing appended).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readHistory } from '../../src/lib/history/index.js';
import { POISON, toolsFor } from '../fixtures/history/drift-server.mjs';
import { errorLine, runCli, tempFolder } from './cli-helpers.js';

const FIXTURE = fileURLToPath(new URL('../fixtures/history/drift-server.mjs', import.meta.url));
const tmp = tempFolder('mcp-risk-history-');
afterAll(() => tmp.cleanup());
const cat = join(tmp.dir, 'catalog');
const command = (version: string): string => `"${process.execPath}" "${FIXTURE}" ${version}`;
const historyText = (): string => readFileSync(join(cat, 'servers', 'drift', 'history.jsonl'), 'utf8');

describe('history and drift check through the CLI', () => {
  it('records a baseline on the first ingest and finds no drift against the same version', async () => {
    const ingest = await runCli(['ingest', '--command', command('v1'), '--id', 'drift', '--catalog', cat]);
    expect(ingest.code, ingest.stderr).toBe(0);
    const entries = readHistory(cat, 'drift');
    expect(entries.map((e) => [e.tool, e.kind, e.baseline])).toEqual(toolsFor('v1').map((t) => [t.name, 'added', true]));

    const same = await runCli(['diff', '--id', 'drift', '--command', command('v1'), '--catalog', cat]);
    expect(same.code, same.stderr).toBe(0);
    expect(same.stdout).toBe('drift: 0 changed, 0 added, 0 removed, 5 unchanged; 0 risky\n');
  });

  it('diff exits 1 on the v2 drift with a readable report of each risky change', async () => {
    const r = await runCli(['diff', '--id', 'drift', '--command', command('v2'), '--catalog', cat]);
    expect(r.code, r.stderr).toBe(1);
    const out = r.stdout;
    expect(out.split('\n')[0]).toBe('drift: 4 changed, 0 added, 0 removed, 1 unchanged; 3 risky');
    expect(out).toContain('~ get_weather  changed  RISKY');
    expect(out).toContain('    RISKY: adds parameter "callback_url"');
    expect(out).toContain('    RISKY: destructiveHint flipped from true to false');
    expect(out).toMatch(/~ list_notes {2}changed {2}RISKY {2}\[Read \/ Low -> Read \/ (High|Critical)\]/);
    expect(out).toContain('    RISKY: adds instruction-like text to description: "<IMPORTANT>"');
    expect(out).toMatch(/~ format_text {2}changed {2}\[unchanged \(/);
    expect(out).toContain('    description: "Format the given text as Markdown." -> "Formats the given text as Markdown."');
    expect(out).not.toContain('echo');

    const json = await runCli(['diff', '--id', 'drift', '--command', command('v2'), '--catalog', cat, '--json']);
    expect(json.code).toBe(1);
    const parsed = JSON.parse(json.stdout) as { risky: number; changes: { tool: string; risky: boolean }[] };
    expect(parsed.risky).toBe(3);
    expect(parsed.changes.map((c) => [c.tool, c.risky])).toEqual([['get_weather', true], ['delete_note', true], ['list_notes', true], ['format_text', false]]);
  });

  it('re-ingesting v2 appends exactly those changes; an unchanged re-ingest appends nothing', async () => {
    const before = historyText();
    const r = await runCli(['ingest', '--command', command('v2'), '--id', 'drift', '--catalog', cat]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('drift: warning: risky change to "get_weather": adds parameter "callback_url"');
    expect(r.stderr).toContain('drift: warning: risky change to "delete_note": destructiveHint flipped from true to false');
    expect(r.stderr).toMatch(/drift: 5 tools \(0 added, 4 changed, 0 removed, 1 unchanged, 3 risky /);
    const after = historyText();
    expect(after.startsWith(before)).toBe(true);
    const added = readHistory(cat, 'drift').slice(5);
    expect(added.map((e) => [e.tool, e.kind, e.fields.map((f) => f.field), e.risky])).toEqual([
      ['get_weather', 'changed', ['inputSchema'], true],
      ['delete_note', 'changed', ['annotations'], true],
      ['list_notes', 'changed', ['description'], true],
      ['format_text', 'changed', ['description'], false],
    ]);
    expect(added[1]?.fields[0]).toEqual({ field: 'annotations', before: { destructiveHint: true, readOnlyHint: false }, after: { destructiveHint: false, readOnlyHint: false } });
    expect(added[2]?.fields[0]?.after).toBe(`List the saved notes. ${POISON}`);
    expect(added.every((e) => e.verdictBefore && e.verdictAfter && e.at === added[0]?.at)).toBe(true);

    const again = await runCli(['ingest', '--command', command('v2'), '--id', 'drift', '--catalog', cat]);
    expect(again.code, again.stderr).toBe(0);
    expect(historyText()).toBe(after);
    expect(again.stderr).not.toContain('risky');

    const clean = await runCli(['diff', '--id', 'drift', '--command', command('v2'), '--catalog', cat]);
    expect(clean.code).toBe(0);
    expect(clean.stdout).toBe('drift: 0 changed, 0 added, 0 removed, 5 unchanged; 0 risky\n');
  });

  it('exits 0 when only harmless changes happened, via a saved tools file', async () => {
    const file = join(tmp.dir, 'tools.json');
    const tools = toolsFor('v2').map((t) => (t.name === 'echo' ? { ...t, description: 'Echoes the message back.' } : t));
    writeFileSync(file, JSON.stringify({ tools }));
    const r = await runCli(['diff', '--id', 'drift', '--file', file, '--catalog', cat]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('drift: 1 changed, 0 added, 0 removed, 4 unchanged; 0 risky');
  });

  it('exits 2 on bad usage and 3 when the server cannot be listed, with one-line errors', async () => {
    const noId = await runCli(['diff', '--command', command('v2'), '--catalog', cat]);
    expect(noId.code).toBe(2);
    expect(errorLine(noId)).toBe('mcp-risk: diff: --id <server-id> is required (see mcp-risk diff --help)');
    const unknown = await runCli(['diff', '--id', 'nope', '--file', 'x.json', '--catalog', cat]);
    expect(unknown.code).toBe(2);
    expect(errorLine(unknown)).toMatch(/^mcp-risk: diff: --id: no server "nope" in /);
    const dead = await runCli(['diff', '--id', 'drift', '--command', `"${process.execPath}" -e "process.exit(1)"`, '--catalog', cat, '--timeout', '5000']);
    expect(dead.code).toBe(3);
    expect(errorLine(dead)).toMatch(/^mcp-risk: diff: /);
  });

  it('validate checks history.jsonl and names file:line and field of a bad line', async () => {
    const ok = await runCli(['validate', '--catalog', cat]);
    expect(ok.code, ok.stderr).toBe(0);
    const lines = historyText().trimEnd().split('\n').length;
    appendFileSync(join(cat, 'servers', 'drift', 'history.jsonl'), '{"v":1,"at":"2026-01-01T00:00:00.000Z"}\n');
    const bad = await runCli(['validate', '--catalog', cat]);
    expect(bad.code).toBe(2);
    expect(errorLine(bad)).toMatch(new RegExp(`servers/drift/history\\.jsonl:${lines + 1}: server: required field is missing`));
  });
});
