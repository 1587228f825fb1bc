/**
 * The hint rules (catalog/rules/hints.yaml): each rule flips the predicted hint it is about, on
 * made-up tools that differ from a control only in the signal the rule reads, and its evidence
 * names it. Categories and risk never move because of a hint rule.
 */
import { describe, expect, test } from 'vitest';
import { classify } from '../../../src/lib/classify/index.js';
import type { ToolDefinition } from '../../../src/lib/schema/index.js';
import { makeTool } from './helpers.js';

type Props = Record<string, { type: string; description?: string }>;

function tool(name: string, description: string, properties: Props = {}, required: string[] = []): ToolDefinition {
  return makeTool(name, description, { inputSchema: { type: 'object', properties, required } });
}

function hintRules(t: ToolDefinition): string[] {
  return classify(t).evidence.filter((e) => e.rule.startsWith('hint-')).map((e) => e.rule);
}

const S = { type: 'string' };

describe('destructive_hints: verb group defaults', () => {
  test.each<[string, string, boolean]>([
    ['add_comment', 'Add a comment to a ticket.', false],
    ['send_message', 'Send a message to a channel.', false],
    ['enable_backups', 'Enable backups on a server.', false],
    ['unarchive_project', 'Restore an archived project.', false],
    ['update_ticket', 'Update a ticket.', true],
    ['create_widget', 'Create a widget.', true],
    // assigning links a person, tag or address to a thing: an addition (six families label it so)
    ['linear_assignIssue', 'Assign an issue to a user', false],
    ['reserved-ip-assign', 'Assign a reserved IP to a droplet', false],
    ['reach_assignAContactToATagV1', 'Assign a tag to a single contact. Unlike the bulk endpoint this is applied immediately.', false],
    ['stories-assign-current-user', 'Assign current user as story owner.', false],
    // taking an assignment away, or replacing it, is not
    ['reserved-ip-unassign', 'Unassign a reserved IP from a droplet', true],
    ['nfs-reassign', 'Reassign a NFS file share from one VPC to another', true],
    // opening an app or a URL launches it: not read-only, and adds nothing that could be overwritten
    ['open_url', 'Opens a URL in the iOS Simulator, useful for testing deep links and universal links', false],
    // starting turns something on, like enable or resume (nine families label starts non-destructive)
    ['VPS_startVirtualMachineV1', 'Start a specified virtual machine. If the virtual machine is already running, the request is ignored.', false],
    ['jira_start_sprint', "Start a sprint that is in 'future' state.", false],
    ['db-cluster-start-online-migration', 'Start an online migration for a database cluster by its id.', false],
    // stopping, and a tool that can also stop or restart, are not
    ['VPS_stopVirtualMachineV1', 'Stop a specified virtual machine.', true],
    ['control', 'Start/stop/restart app, database, or service', true],
  ])('%s', (name, description, destructive) => {
    const c = classify(tool(name, description));
    expect(c.category).toBe('Write');
    expect(c.annotations.destructiveHint).toBe(destructive);
  });
});

describe('destructive_hints: creates', () => {
  test('a create that says it makes a new thing is additive; the same without "new" keeps the default', () => {
    expect(classify(tool('create_widget', 'Create a new widget.')).annotations.destructiveHint).toBe(false);
    expect(hintRules(tool('create_widget', 'Create a new widget.'))).toEqual(['hint-new-thing']);
    expect(classify(tool('create_widget', 'Create a widget.')).annotations.destructiveHint).toBe(true);
  });

  test('a create under a parent given by id is additive', () => {
    const t = tool('create_widget', 'Create a widget.', { boardId: S, title: S }, ['boardId', 'title']);
    expect(classify(t).annotations.destructiveHint).toBe(false);
    expect(hintRules(t)).toEqual(['hint-parent-by-id']);
    const optional = tool('create_widget', 'Create a widget.', { boardId: S, title: S }, ['title']);
    expect(classify(optional).annotations.destructiveHint).toBe(true);
  });

  test('a create addressed by names the caller picks is destructive, even when it says "new"', () => {
    const props = { group: { type: 'string', description: 'The name of the resource group.' }, 'disk-name': S };
    const t = tool('disk_create', 'Creates a new disk in a resource group.', props, ['group', 'disk-name']);
    expect(classify(t).annotations.destructiveHint).toBe(true);
    expect(hintRules(t)).toEqual(['hint-named-address']);
    // one name alone is a label, not an address
    const one = tool('disk_create', 'Creates a new disk.', { 'disk-name': S }, ['disk-name']);
    expect(classify(one).annotations.destructiveHint).toBe(false);
  });

  test('names inside array items are not the call\'s address', () => {
    const t = makeTool('create_links', 'Create new links between nodes.', {
      inputSchema: {
        type: 'object',
        required: ['links'],
        properties: {
          links: {
            type: 'array',
            items: { type: 'object', required: ['from', 'to'], properties: { from: { type: 'string', description: 'The name of the start node' }, to: { type: 'string', description: 'The name of the end node' } } },
          },
        },
      },
    });
    expect(classify(t).annotations.destructiveHint).toBe(false);
  });

  test("a create given the new thing's own id is destructive; a copy given its source's id is not", () => {
    const own = tool('report_create', 'Creates a new report.', { 'report-id': S }, ['report-id']);
    expect(classify(own).annotations.destructiveHint).toBe(true);
    expect(hintRules(own)).toEqual(['hint-own-identifier']);
    const label = tool('create_team_label', 'Create a label for a team.', { teamId: S, name: S }, ['teamId', 'name']);
    expect(hintRules(label)).toEqual(['hint-parent-by-id']);
    const copy = tool('duplicate_report', 'Duplicate a report.', { reportId: S }, ['reportId']);
    expect(classify(copy).annotations.destructiveHint).toBe(false);
  });

  test('a create that must write to an output path the caller gives is destructive', () => {
    const t = tool('create_export', 'Create a new export file.', { outputDir: S }, ['outputDir']);
    expect(classify(t).annotations.destructiveHint).toBe(true);
    expect(hintRules(t)).toEqual(['hint-writes-path']);
  });
});

describe('destructive_hints: what the description says', () => {
  test.each<[string, string, string, boolean]>([
    ['upload_blob', 'Uploads a file to a blob, only if the blob does not exist.', 'hint-only-if-absent', false],
    ['put_object', 'Store an object; fails if it already exists.', 'hint-only-if-absent', false],
    ['create_index', 'Create an index. If an index with the same name already exists, it is returned unchanged.', 'hint-only-if-absent', false],
    ['save_key', 'Create or update a key in the store.', 'hint-overwrites', true],
    ['create_secret', 'Create/set a secret in the vault.', 'hint-overwrites', true],
    ['create_key', 'Create a new key. Creates a new key version if it already exists.', 'hint-overwrites', true],
    ['import_records', 'Import records, overwriting existing ones with the same key.', 'hint-overwrites', true],
    ['restore_server', 'Restore a server from a backup.', 'hint-from-backup', true],
    ['update_ticket', 'Update a ticket. Only provide fields to update.', 'hint-partial-update', false],
    ['update_cycle', 'Update a cycle. Provide id plus at least one other field to change.', 'hint-partial-update', false],
  ])('%s: %s', (name, description, rule, destructive) => {
    const t = tool(name, description);
    expect(classify(t).annotations.destructiveHint).toBe(destructive);
    expect(hintRules(t)[0]).toBe(rule);
  });

  test('an upload on a live browser page is destructive (what it does is up to the page)', () => {
    expect(classify(tool('browser_file_upload', 'Upload one or multiple files.')).annotations.destructiveHint).toBe(true);
    expect(classify(tool('file_upload', 'Upload one or multiple files.')).annotations.destructiveHint).toBe(true);
    expect(hintRules(tool('browser_file_upload', 'Upload one or multiple files.'))).toEqual(['hint-page-interaction']);
  });

  test('a force switch beats a rule that says additive', () => {
    const t = tool('create_widget', 'Create a new widget.', { force: { type: 'boolean' } });
    expect(classify(t).annotations.destructiveHint).toBe(true);
  });

  test('hint rules never move the category or the risk', () => {
    const a = classify(tool('create_widget', 'Create a new widget.'));
    const b = classify(tool('create_widget', 'Create a widget.'));
    expect([a.category, a.risk]).toEqual([b.category, b.risk]);
  });
});

describe('read_only_hints', () => {
  test('a query tool that says it only reads is read-only but stays Execute', () => {
    const t = tool('database_query', 'Executes a safe, read-only SQL SELECT query against a database.', { query: { type: 'string', description: 'SQL query' } }, ['query']);
    const c = classify(t);
    expect(c.category).toBe('Execute');
    expect(c.annotations).toMatchObject({ readOnlyHint: true, destructiveHint: false });
    expect(hintRules(t)).toEqual(['hint-read-only-query']);
    const raw = classify(tool('execute_sql', 'Executes raw SQL in the database.', { query: { type: 'string', description: 'SQL query' } }, ['query']));
    expect(raw.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: true });
  });

  test('"executes a query ... to search or retrieve" and "run search queries" read', () => {
    expect(classify(tool('cluster_query', 'Executes a query against a cluster to search for terms or retrieve records.')).annotations.readOnlyHint).toBe(true);
    expect(classify(tool('search_batch', 'Run multiple search queries at once.')).annotations.readOnlyHint).toBe(true);
  });

  test('a reading tool that must save to an output directory is not read-only', () => {
    const t = tool('get_usage_report', 'Get the usage report as CSV.', { outputDir: S }, ['outputDir']);
    expect(classify(t).annotations).toMatchObject({ readOnlyHint: false, destructiveHint: true });
    expect(classify(tool('get_usage_report', 'Get the usage report as CSV.', { outputDir: S })).annotations.readOnlyHint).toBe(true);
  });
});
