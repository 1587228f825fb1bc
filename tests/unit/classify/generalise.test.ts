/**
 * Mechanisms that generalise past one server's vocabulary (issue 13): the sentence that describes
 * the tool (openers and directives skipped), operation parameters' enum values, and force /
 * override / bypass modifiers. Definitions are shaped like real servers' tools.
 */
import { describe, expect, test } from 'vitest';
import { classify } from '../../../src/lib/classify/index.js';
import type { Category } from '../../../src/lib/schema/index.js';

type Def = { name: string; description: string; inputSchema: Record<string, unknown> };
const def = (name: string, description: string, properties: Record<string, unknown> = {}): Def => ({
  name,
  description,
  inputSchema: { type: 'object', properties },
});
const enumProp = (values: string[]) => ({ type: 'string', enum: values });
/** The tool's category, and its predicted readOnlyHint where one is given. */
function expectVerdict(tool: Def, category: Category, readOnly?: boolean): void {
  const c = classify(tool);
  expect(c.category).toBe(category);
  if (readOnly !== undefined) expect(c.annotations.readOnlyHint).toBe(readOnly);
}

describe('the describing sentence: openers and directives are skipped', () => {
  test.each<[Def, Category, string]>([
    [def('catalog_overview', 'START HERE: List every dataset in the catalog with its owner.'), 'Read', 'list'],
    [def('pod_router', 'ADR-164 Phase 3 — Compute the routing decision for a pod.'), 'Read', 'compute'],
    [def('gallery_import', 'HIGH RISK: Import custom templates from JSON into the gallery.'), 'Write', 'import'],
    [def('brain_guidance', 'Use when choosing how to execute a task. Queries the capability index and returns advice.'), 'Read', 'queries'],
    [def('activity_logs', 'Always use this tool if the user asks for activity logs.\nLists activity log events for a resource.'), 'Read', 'lists'],
    [def('doc_lookup', '## Documentation\nSearch the product documentation by keyword.'), 'Read', 'search'],
  ])('%o is %s (verb "%s")', (tool, category, verb) => {
    const c = classify(tool);
    expect(c.category).toBe(category);
    expect(c.evidence.some((e) => e.field === 'description' && e.match === verb)).toBe(true);
  });

  test.each<[Def, Category]>([
    [def('update_test_result', '[test management] 更新测试结果', { resultId: { type: 'string' } }), 'Write'],
    [def('create_pipeline_run', '[Pipeline Management] Run a pipeline with the given parameters.', { pipelineId: { type: 'string' } }), 'Execute'],
    [def('webview_dom_snapshot', '[Tauri Apps Only] Get a snapshot of the DOM of a webview.', { windowId: { type: 'string' } }), 'Read'],
  ])('a bracketed label opening the description is skipped: %o is %s', (tool, category) => {
    expect(classify(tool).category).toBe(category);
  });

  test('a plain first sentence is still the one read', () => {
    const c = classify(def('node_ops', 'Deletes a node. When to use: after a node was drained.'));
    expect(c.category).toBe('Destructive');
  });
});

describe('operation parameters: the enum values say what the tool can do', () => {
  test.each<[Def, Category, boolean]>([
    [def('git_branch', 'Manage branches: list, create, delete or rename.', { mode: enumProp(['list', 'create', 'delete', 'rename']) }), 'Destructive', true],
    [def('api_request', 'Send a request to the REST API.', { method: enumProp(['GET', 'POST', 'PUT', 'DELETE']), path: { type: 'string' } }), 'Destructive', true],
    [def('records_api', 'Send a request to the records API.', { method: enumProp(['GET', 'POST']) }), 'Write', false],
    [def('push_files', 'Push several files in one commit.', { files: { type: 'array', items: { type: 'object', properties: { action: enumProp(['create', 'update', 'delete']) } } } }), 'Destructive', true],
    [def('browser_tabs', 'List, create, close, or select a browser tab.', { action: enumProp(['list', 'new', 'close', 'select']) }), 'Write', true],
  ])('%o is %s', (tool, category, destructive) => {
    const c = classify(tool);
    expect(c.category).toBe(category);
    expect(c.annotations.destructiveHint).toBe(destructive);
    expect(c.annotations.readOnlyHint).toBe(false);
  });

  test('an enum that only reads, or a parameter that chooses no operation, changes nothing', () => {
    expect(classify(def('get_metrics', 'Get metrics.', { mode: enumProp(['list', 'get', 'describe']) })).category).toBe('Read');
    expect(classify(def('get_report', 'Get a report.', { format: enumProp(['delete', 'json']) })).category).toBe('Read');
    expect(classify(def('get_report', 'Get a report.', { mode: enumProp(['delete']) })).category).toBe('Read');
  });
});

describe('force / override / bypass modifiers raise a change to Destructive', () => {
  test.each<[Def, string]>([
    [def('force_unlock', 'Unlock a state file held by another process.'), 'force unlock'],
    [def('lock_override', 'Take over a lock held by another user.'), 'lock override'],
    [def('branch_update', 'Force push the local branch to the remote.'), 'force push'],
    [def('merge_request_merge', 'Bypass merge checks and merge the request.', {}), 'bypass merge'],
  ])('%o is Destructive', (tool, match) => {
    const c = classify(tool);
    expect(c.category).toBe('Destructive');
    expect(c.annotations.destructiveHint).toBe(true);
    expect(c.evidence.map((e) => e.match)).toContain(match);
  });

  test('a force word next to a read verb, or none at all, does not', () => {
    expect(classify(def('force_refresh_view', 'Get the latest view.')).category).not.toBe('Destructive');
    expect(classify(def('unlock_file', 'Unlock a file.')).category).toBe('Write');
  });
});

describe('money: signing with a private key, captures, refunds, purchases and finalised invoices move funds; reading them does not', () => {
  test.each<[Def, string]>([
    [def('write_contract', 'Write data to a smart contract by calling a state-changing function.', { contractAddress: { type: 'string' }, privateKey: { type: 'string' } }), 'Financial'],
    [def('set_agent_uri', 'Update the metadata URI for an existing agent.', { agentId: { type: 'string' }, privateKey: { type: 'string' } }), 'Financial'],
    [def('get_balance', 'Get the native token balance of an address.', { address: { type: 'string' }, privateKey: { type: 'string' } }), 'Read'],
    [def('update_profile', 'Update the profile of a user.', { apiKey: { type: 'string' } }), 'Write'],
    [def('capture_payment_intent', 'Captures the funds of an authorized PaymentIntent.', { id: { type: 'string' } }), 'Financial'],
    [def('finalize_invoice', 'Finalize a draft invoice so it can be paid.', { invoice: { type: 'string' } }), 'Financial'],
    [def('create_refund', 'Refund a charge, in full or in part.', { charge: { type: 'string' } }), 'Financial'],
    [def('purchase_phone_number', 'Purchase a phone number.', { phoneNumber: { type: 'string' } }), 'Financial'],
    [def('list_invoices', 'List the invoices of a customer.'), 'Read'],
    [def('get_charge', 'Retrieve a charge by id.'), 'Read'],
    [def('capture_screenshot', 'Capture a screenshot of the page.'), 'Read'],
  ])('%o is %s', (tool, category) => {
    expect(classify(tool).category).toBe(category);
  });
});

describe('an object noun that names something else in the description is not money', () => {
  test.each<[Def, Category]>([
    // a database transaction, savepoint or SQL statement
    [def('transaction', 'Execute multiple SQL statements within a transaction', { statements: { type: 'array', items: { type: 'string' } } }), 'Execute'],
    [def('db_transaction_release', 'Release a savepoint, removing it without rolling back.', { name: { type: 'string' } }), 'Write'],
    [def('db_transaction_execute', 'Execute multiple statements atomically. All statements succeed or all are rolled back.', { statements: { type: 'array' } }), 'Execute'],
    // an order that is a sequence
    [def('restart_project', 'Restarts all services in a Compose project, starting containers in the correct dependency order.', { project: { type: 'string' } }), 'Write'],
    [def('reorder_children', 'Set the full child order for a folder. This is not a partial reorder.', { ids: { type: 'array' } }), 'Write'],
    // the same nouns where they are money, and an order book
    [def('transfer_funds', 'Send funds from the wallet in one transaction.', { to: { type: 'string' }, amount: { type: 'number' } }), 'Financial'],
    [def('cancel_order', 'Cancel an open order.', { orderId: { type: 'string' } }), 'Financial'],
    // compound nouns: a deployment order is a job, a trading pair is market data
    [def('get_vm_deploy_order', '[VM Deploy Order Management] Get VM deploy order details', { orderId: { type: 'string' } }), 'Read'],
    [def('resume_vm_deploy_order', '[VM Deploy Order Management] Resume VM deploy order', { orderId: { type: 'string' } }), 'Write'],
    // a model's completion is computed; a task's "completion analytics" are not
    [def('create_completion', 'Create text completions using a hosted model.', { prompt: { type: 'string' } }), 'Read'],
    [def('task_create', 'Create a new task with dependency tracking and completion analytics.', { title: { type: 'string' } }), 'Write'],
    // a credential token is not money: exchanging an OAuth code, an access_token beside a quantity
    [def('oauth_exchange_code', 'Exchange the authorization code for access tokens.', { code: { type: 'string' } }), 'Write'],
    [def('get_trading_pairs', 'Get the trading pairs listed on an exchange.', { exchange: { type: 'string' } }), 'Read'],
    [def('create_calendar_resource', 'Create a calendar resource (room, equipment).', { quantity: { type: 'number' }, access_token: { type: 'string' } }), 'Write'],
    [def('exchange_tokens', 'Exchange USDT for BTC at the market rate.', { amount: { type: 'number' } }), 'Financial'],
    [def('send_payment', 'Send a payment.', { amount: { type: 'number' }, recipient: { type: 'string' }, access_token: { type: 'string' } }), 'Financial'],
    [def('place_order', 'Place a new limit order in the order book.', { symbol: { type: 'string' }, price: { type: 'number' } }), 'Financial'],
  ])('%o is %s', (tool, category) => {
    expect(classify(tool).category).toBe(category);
  });
});

describe("connect / disconnect: the agent's own session is inert, linking or unlinking two things is a change", () => {
  test.each<[Def, Category, boolean]>([
    // the session sense: read-only, changes no stored data
    [def('connect', 'Connect to a MongoDB instance and get back a connectionId.', { connectionString: { type: 'string' } }), 'Other', true],
    [def('disconnect', 'Disconnect from the current Redis instance.'), 'Other', true],
    // the session sense contradicted by a destroying verb: low confidence, so not shown as read-only
    [def('disconnect', 'Close a MongoDB connection and revoke its connectionId.', { connectionId: { type: 'string' } }), 'Other', false],
    [def('ssh_disconnect', 'Disconnect from an SSH server.', { host: { type: 'string' } }), 'Other', true],
    [def('disconnect_metro', 'Disconnect from Metro servers and stop auto-reconnection.'), 'Other', true],
    [def('api_connect', 'Test connection and get current user info.'), 'Other', true],
    // linking or unlinking two things: a change, not read-only
    [def('disconnect_service', 'Disconnect a connected service. Removes stored credentials.', { service: { type: 'string' } }), 'Write', false],
    [def('crm_disconnect_custom_provider', 'Disconnect a custom payment provider from a location.', { locationId: { type: 'string' } }), 'Write', false],
    [def('connect_relation', 'Connects related entries to a relation field.', { ids: { type: 'array' } }), 'Write', false],
    [def('application_disconnect_git_provider', 'Disconnects Git provider configuration from an application.', { applicationId: { type: 'string' } }), 'Write', false],
  ])('%o is %s (read-only %s)', (tool, category, readOnly) => {
    expectVerdict(tool, category, readOnly);
  });
});

describe('a private key that is an SSH or TLS key signs no chain transaction', () => {
  test.each<[Def, Category]>([
    [def('ssh_run', 'Run one command on a host. Connects, runs the command, and closes the connection.', { host: { type: 'string' }, command: { type: 'string' }, privateKey: { type: 'string', description: 'Path to private key file for SSH' } }), 'Execute'],
    [def('custom_certificate_create', 'Create a new custom certificate', { name: { type: 'string' }, PrivateKey: { type: 'string', description: 'The PEM-formatted private key' } }), 'Write'],
    // a wallet's key still moves money
    [def('send_native', 'Send native tokens to an address.', { to: { type: 'string' }, privateKey: { type: 'string', description: 'Wallet private key' } }), 'Financial'],
    [def('set_agent_uri', 'Update the metadata URI for an existing agent.', { agentId: { type: 'string' }, privateKey: { type: 'string' } }), 'Financial'],
  ])('%o is %s', (tool, category) => {
    expect(classify(tool).category).toBe(category);
  });
});

describe("a name's reading verb does not hide a tool that runs the code it is given", () => {
  test.each<[Def, Category]>([
    [def('nodejs_inspect', 'Executes JavaScript code in the debugged process', { js_code: { type: 'string', description: 'JavaScript code to execute' } }), 'Execute'],
    [def('export_query_results', 'Execute a query and export results in a specific format', { query: { type: 'string', description: 'SQL query' }, format: enumProp(['csv', 'json']) }), 'Execute'],
    // limited to reading, or no code to run: the reading verb decides
    [def('query', 'Run a read-only SQL query', { sql: { type: 'string' } }), 'Read'],
    [def('inspect_process', 'Executes a health probe and returns the process state.', { pid: { type: 'number' } }), 'Read'],
  ])('%o is %s', (tool, category) => {
    expectVerdict(tool, category, category === 'Read');
  });
});

describe('verbs that no rule knew: touch gestures, ungrouping, enrolment, completing, resending, unsetting and ingesting change things; assertions, dumps and scores read', () => {
  test.each<[Def, Category, boolean]>([
    [def('ui_tap', 'Tap at the given coordinates on the simulator screen.', { x: { type: 'number' }, y: { type: 'number' } }), 'Write', false],
    [def('mobile_swipe_on_screen', 'Swipe on the screen in a direction.', { direction: enumProp(['up', 'down']) }), 'Write', false],
    [def('ungroup_elements', 'Ungroup a group of elements on the canvas.', { groupId: { type: 'string' } }), 'Write', false],
    [def('flow_enroll', 'Enroll a contact in a workflow.', { contactId: { type: 'string' } }), 'Write', false],
    [def('jira_complete_sprint', 'Complete an active sprint. Optionally move incomplete issues to another sprint.', { sprintId: { type: 'number' } }), 'Write', false],
    [def('mail_resend_confirmation', 'Resend the confirmation email to the destination address.', { forwarderId: { type: 'string' } }), 'Write', false],
    [def('unset_default_profile', 'Unset the contact profile as default.', { profileId: { type: 'string' } }), 'Write', false],
    [def('assert_visible', 'Assert that an element is visible on the screen.', { selector: { type: 'string' } }), 'Read', true],
    [def('dump_syntax_tree', 'Dump the syntax tree of a code snippet.', { code: { type: 'string' } }), 'Read', true],
    [def('score_span_instrumentation', 'Score how well a span is instrumented, from 0 to 100.', { spanId: { type: 'string' } }), 'Read', true],
    [def('training_ingest', 'Ingest a document into the training corpus.', { url: { type: 'string' } }), 'Write', false],
  ])('%o is %s (read-only %s)', (tool, category, readOnly) => {
    expectVerdict(tool, category, readOnly);
  });
});

test('completing a sprint is not destructive', () => {
  expect(classify(def('complete_sprint', 'Complete an active sprint.', { sprintId: { type: 'number' } })).annotations.destructiveHint).toBe(false);
});
