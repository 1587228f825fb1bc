/**
 * Risk that matches real danger (issue 15.3), on the catalogue's own definitions: reversible
 * removals of a label, favourite or assignment are not Critical; overwrites and merges to shared
 * state are at least High; git_push and push_files agree; no rationale claims "cannot be undone"
 * for an action that can be. The mechanisms are general (modifiers.yaml); these are the tools that
 * showed the problem, plus controls that must not move.
 */
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadServer } from '../../../src/lib/catalog/index.js';
import { classify, loadRules } from '../../../src/lib/classify/index.js';
import { riskRank, type Risk } from '../../../src/lib/schema/index.js';
import { makeTool } from './helpers.js';

const CATALOG = join(import.meta.dirname, '..', '..', '..', 'catalog');
const rules = loadRules(CATALOG);

function real(server: string, name: string) {
  const tool = loadServer(CATALOG, server).tools.find((t) => t.definition.name === name);
  if (!tool) throw new Error(`${server}/${name} is not in the catalogue`);
  return classify(tool.definition, rules);
}

/** Each (name, description) tool stays Critical. */
function expectCritical(tools: [string, string][]): void {
  for (const [name, description] of tools) expect([name, classify(makeTool(name, description), rules).risk]).toEqual([name, 'Critical']);
}

describe('reversible removals are not Critical', () => {
  test.each([
    ['linear', 'linear_removeIssueLabel'],
    ['linear', 'linear_removeFromFavorites'],
    ['shortcut', 'stories-unassign-current-user'],
  ])('%s %s', (server, name) => {
    const c = real(server, name);
    expect(c.category).toBe('Destructive');
    expect(c.risk).toBe('High');
    expect(c.rationale).not.toMatch(/cannot be undone/);
    expect(c.rationale).toMatch(/rather than Critical because it removes a label, tag, favourite, star, pin or assignment, which can be put back/);
  });

  test('the same removal done in bulk, permanently, or as a delete stays Critical', () => {
    expectCritical([
      ['remove_all_labels', 'Remove every label from an issue.'],
      ['remove_label', 'Permanently remove a label from the repository and every issue.'],
      ['delete_label', 'Delete a label from the repository.'],
      ['delete_file', 'Delete a file.'],
      ['remove_user', 'Remove a user from the organisation.'],
    ]);
  });
});

describe('clearing transient state or a cache is not Critical', () => {
  test.each([
    ['firefox-devtools-mcp', 'clear_console_messages', 'Medium'],
    ['react-native-ai-debugger', 'clear_logs', 'Medium'],
    ['ejazullah-mcp-playwright', 'browser_clear_input', 'Medium'],
    ['ejazullah-mcp-playwright', 'browser_blur_element', 'Medium'],
    ['ccxt', 'clear-cache', 'High'],
    ['digitalocean', 'spaces-cdn-flush-cache', 'High'],
  ])('%s %s is %s', (server, name, risk) => {
    const c = real(server, name);
    expect(c.category).toBe('Destructive');
    expect(c.risk).toBe(risk);
    expect(c.rationale).toMatch(/rather than Critical because it (only clears transient state|clears a cache)/);
  });

  test('stored data, logs kept on disk, bulk and permanent clears stay Critical', () => {
    expectCritical([
      ['clear_logs', 'Clear the audit logs stored on disk.'],
      ['clear_database', 'Clear the database.'],
      ['clear_all_data', 'Clear all data of the application.'],
      ['purge_cache', 'Permanently purges the cache and its backing database.'],
      ['clear_input_files', 'Clear the input files of a job.'],
    ]);
  });
});

describe('overwrites and merges to shared state are at least High', () => {
  test.each([
    ['github', 'merge_pull_request'],
    ['github', 'push_files'],
    ['filesystem', 'write_file'],
    ['kubernetes-mcp-server', 'resources_create_or_update'],
  ])('%s %s', (server, name) => {
    const c = real(server, name);
    expect(c.category).toBe('Write');
    expect(riskRank(c.risk)).toBeGreaterThanOrEqual(riskRank('High' as Risk));
    expect(c.rationale).toMatch(/its risk rises to High because it overwrites or merges into state others rely on/);
  });

  test('gitlab push_files, whose per-file action enum includes delete, is Destructive and so above High', () => {
    const c = real('gitlab', 'push_files');
    expect(c.category).toBe('Destructive');
    expect(c.evidence.some((e) => e.match.includes('delete'))).toBe(true);
    expect(riskRank(c.risk)).toBeGreaterThanOrEqual(riskRank('High' as Risk));
  });

  test('git_push and push_files get the same level', () => {
    expect(real('git-mcp-server', 'git_push').risk).toBe(real('github', 'push_files').risk);
  });

  test('ordinary writes stay Medium, and "without overwriting" does not count', () => {
    for (const [name, description] of [
      ['create_issue', 'Create a new issue in a repository.'],
      ['update_issue', 'Update the title of an issue.'],
      ['add_comment', 'Add a comment to an issue.'],
      ['create_file', 'Create a new file; fails if it exists, without overwriting.'],
      ['send_push_notification', 'Send a push notification to a device.'],
    ]) expect([name, classify(makeTool(name!, description!), rules).risk]).toEqual([name, 'Medium']);
  });
});

describe('rationale wording', () => {
  test('destructive verbs do not claim the action cannot be undone (shutting down a VM, closing a listen key)', () => {
    for (const [name, description] of [
      ['shutdown_vm', 'Shut down a virtual machine.'],
      ['BinanceOptionsDeleteListenKey', 'Close out a user data stream.'],
      ['power_off_droplet', 'Power off a droplet.'],
    ]) expect([name, classify(makeTool(name!, description!), rules).rationale]).not.toEqual([name, expect.stringMatching(/cannot be undone/)]);
    // The model tool keeps its verdict.
    expect(real('sperax-crypto-mcp', 'BinanceOptionsDeleteListenKey')).toMatchObject({ category: 'Destructive', risk: 'Critical' });
  });
});

describe('free-form queries limited to reading stay High', () => {
  test.each([
    ['bilims-mcp-sqlserver', 'execute_query'],
    ['mcp-server-sqlite', 'query'],
  ])('%s %s', (server, name) => {
    const c = real(server, name);
    expect(c.category).toBe('Execute');
    expect(c.risk).toBe('High');
    expect(c.annotations.readOnlyHint).toBe(true);
    expect(c.rationale).toMatch(/its risk stays High because its description limits it to read-only queries/);
  });

  test('a query tool that can also write, or does not say it only reads, still rises to Critical', () => {
    const sql = { type: 'object', properties: { sql: { type: 'string', description: 'The SQL statement to run' } }, required: ['sql'] };
    for (const [name, description] of [
      ['run_sql', 'Run SQL. Read-only queries by default; pass write=true to run statements that modify data.'],
      ['execute_sql', 'Execute any SQL statement against the database.'],
      ['run_query', 'Run a read-only query, or an INSERT or UPDATE when allowed.'],
    ]) {
      const c = classify({ name: name!, description: description!, inputSchema: sql }, rules);
      expect([name, c.risk]).toEqual([name, 'Critical']);
    }
  });
});
