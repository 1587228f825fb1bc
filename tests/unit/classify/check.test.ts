import { describe, expect, test } from 'vitest';
import { checkTool, classify, defaultRules } from '../../../src/lib/classify/index.js';
import { fixtureTool, fixtureTools, makeTool } from './helpers.js';

describe('checkTool', () => {
  test('readOnlyHint: true on a deleting tool is an error that says what to set', () => {
    const findings = checkTool(makeTool('delete_file', 'Delete a file.', { annotations: { readOnlyHint: true } }));
    expect(findings).toContainEqual({
      severity: 'error',
      tool: 'delete_file',
      field: 'annotations.readOnlyHint',
      message: 'declares readOnlyHint: true, but it deletes or ends something ("delete" in the name); set readOnlyHint: false and destructiveHint: true',
    });
  });

  test('missing hints are warnings that say what to declare', () => {
    const findings = checkTool(makeTool('delete_file', 'Delete a file.'));
    expect(findings.every((f) => f.severity === 'warning')).toBe(true);
    expect(findings.find((f) => f.field === 'annotations.readOnlyHint')?.message).toBe(
      'not declared; declare readOnlyHint: false (it deletes or ends something ("delete" in the name))',
    );
    expect(findings.find((f) => f.field === 'annotations.destructiveHint')?.message).toMatch(/^not declared; declare destructiveHint: true/);
  });

  test('a tool no rule understands is not called an auxiliary call: the spec default is asked for, and why', () => {
    const unknown = checkTool(makeTool('frobnicate_widget', 'Frobnicate a widget.'));
    expect(classify(makeTool('frobnicate_widget', 'Frobnicate a widget.'), defaultRules()).category).toBe('Other');
    expect(unknown.find((f) => f.field === 'annotations.readOnlyHint')?.message).toBe(
      "not declared; declare readOnlyHint: false (no verb the rules know says what it does, so the spec's default applies)",
    );
    // A real auxiliary call keeps its reason.
    expect(checkTool(makeTool('ping', 'Ping the server.')).find((f) => f.field === 'annotations.openWorldHint')?.message).toMatch(/it is an auxiliary call \("ping" in the name\)/);
  });

  test('a read-only tool is not asked about destructive or idempotent hints', () => {
    const fields = checkTool(makeTool('get_file', 'Get a file.')).map((f) => f.field);
    expect(fields).toContain('annotations.readOnlyHint');
    expect(fields).toContain('annotations.openWorldHint');
    expect(fields).not.toContain('annotations.destructiveHint');
    expect(fields).not.toContain('annotations.idempotentHint');
  });

  test('a fully and correctly annotated tool has no findings', () => {
    const annotations = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false };
    expect(checkTool(fixtureTool('memory-server.tools.json', 'read_graph'))).toEqual([]);
    expect(checkTool(makeTool('read_graph', 'Read the entire knowledge graph', { annotations }))).toEqual([]);
  });

  test('understating readOnlyHint on a read is a warning', () => {
    const f = checkTool(makeTool('get_file', 'Get a file.', { annotations: { readOnlyHint: false } }));
    expect(f).toContainEqual(expect.objectContaining({ severity: 'warning', field: 'annotations.readOnlyHint' }));
  });

  test.each<[string, 'error' | 'warning', string]>([
    ['add_numbers', 'error', 'description'],
    ['list_files', 'error', 'description'],
    ['get_status', 'error', 'description'],
    ['weird_schema_string', 'error', 'inputSchema'],
    ['do_stuff', 'warning', 'description'],
    ['search_docs', 'warning', 'description'],
    ['login_service', 'warning', 'inputSchema.properties.password'],
    ['get\u200Bsecret', 'warning', 'name'],
  ])('%s: %s on %s', (name, severity, field) => {
    expect(checkTool(fixtureTool('hostile.tools.json', name))).toContainEqual(expect.objectContaining({ severity, field }));
  });

  test('malformed annotations are an error', () => {
    expect(checkTool(makeTool('get_x', 'Get x.', { annotations: 'read-only' }))).toContainEqual(
      expect.objectContaining({ severity: 'error', field: 'annotations' }),
    );
  });

  test('accepts a precomputed classification or the rules to use', () => {
    const t = makeTool('delete_file', 'Delete a file.', { annotations: { readOnlyHint: true } });
    expect(checkTool(t, classify(t))).toEqual(checkTool(t));
    expect(checkTool(t, defaultRules())).toEqual(checkTool(t));
  });

  test('every finding names the tool and a field, and says something', () => {
    for (const t of fixtureTools('hostile.tools.json')) {
      for (const f of checkTool(t)) {
        expect(f.tool).toBe(t.name);
        expect(f.field.length).toBeGreaterThan(0);
        expect(f.message.length).toBeGreaterThan(10);
      }
    }
  });
});
