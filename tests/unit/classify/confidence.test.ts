/**
 * Confidence on every verdict: high, medium, low with a reason; a low-confidence read falls to the
 * safer side (not read-only, may be destructive), carries a review flag and is never shown as Low.
 */
import { describe, expect, test } from 'vitest';
import { classify } from '../../../src/lib/classify/index.js';
import { confidenceView } from '../../../src/lib/view/tool-page.js';
import { fixtureTool } from './helpers.js';

const def = (name: string, description: string, properties: Record<string, unknown> = {}) => ({
  name,
  description,
  inputSchema: { type: 'object', properties },
});

describe('confidence levels', () => {
  test.each<[ReturnType<typeof def>, 'high' | 'medium' | 'low', RegExp]>([
    [def('delete_index', 'Deletes an index and all of its documents.'), 'high', /name's verb/],
    [def('list_buckets', 'List the storage buckets of a project.'), 'high', /agree/],
    [def('kb_entry', 'Retrieves one knowledge-base entry by id.'), 'medium', /only .*retrieves.*description/],
    [def('get_delete_status', 'Get the status of a deletion job.', {}), 'high', /name's verb/],
    [def('get_cache', 'Get the cache entry; this permanently deletes entries older than a day.'), 'low', /destroys state/],
    [def('frobnicate', 'Frobnicates the widget.'), 'low', /no rule recognised/],
    [def('sync_repo', 'Fetch the latest commits from the remote into the working tree.'), 'medium', /decided over/],
    // A parameter decides over a weaker name verb: the reason names that verb, never "the name has no verb".
    [def('application_update', 'Updates an application.', { command: { type: 'string', description: 'Command to run' } }), 'medium', /^"command" in a parameter \(schema-command\) decided over "update" in the name \(verb-write/],
  ])('%o is %s', (tool, level, reason) => {
    const c = classify(tool);
    expect(c.confidence.level).toBe(level);
    expect(c.confidence.reason).toMatch(reason);
  });

  test('a low-confidence read is not read-only, may be destructive, is flagged and is not Low', () => {
    const c = classify(def('get_cache', 'Get the cache entry; this permanently deletes entries older than a day.'));
    expect(c.category).toBe('Read');
    expect(c.annotations.readOnlyHint).toBe(false);
    expect(c.annotations.destructiveHint).toBe(true);
    expect(c.flags.map((f) => f.id)).toContain('low-confidence');
    expect(c.risk).not.toBe('Low');
  });

  test('a confident read stays read-only, unflagged and Low', () => {
    const c = classify(def('list_buckets', 'List the storage buckets of a project.'));
    expect(c.annotations.readOnlyHint).toBe(true);
    expect(c.flags.map((f) => f.id)).not.toContain('low-confidence');
    expect(c.risk).toBe('Low');
  });

  test('the model tool is still Destructive / Critical, with high confidence', () => {
    const c = classify(fixtureTool('binance-sample.tools.json', 'BinanceOptionsDeleteListenKey'));
    expect([c.category, c.risk, c.confidence.level]).toEqual(['Destructive', 'Critical', 'high']);
  });

  test('the tool page sentence says what a low confidence does', () => {
    expect(confidenceView({ level: 'low', reason: 'no rule recognised what the tool does' }).text).toBe(
      'No rule recognised what the tool does. The classifier treats it as possibly destructive and not read-only until a human reviews it.',
    );
    expect(confidenceView({ level: 'high', reason: "the name's verb decides" }).text).toBe("The name's verb decides.");
  });
});

test('a risk raised only by low confidence says so in the rationale', () => {
  // "disconnect" from a session, contradicted by "close" (a destroying verb): Other, low confidence, Medium
  const c = classify(def('disconnect', 'Close a MongoDB connection and revoke its connectionId.', { connectionId: { type: 'string' } }));
  expect(c.confidence.level).toBe('low');
  expect(c.risk).toBe('Medium');
  expect(c.rationale).toContain('its risk rises to Medium because the evidence is weak or contradictory (');
  expect(c.rationale).not.toMatch(/because \.$/);
});
