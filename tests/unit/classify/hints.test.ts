import { describe, expect, test } from 'vitest';
import { classify } from '../../../src/lib/classify/index.js';
import type { PredictedAnnotations } from '../../../src/lib/schema/index.js';
import { fixtureTools, makeTool, props, withoutAnnotations } from './helpers.js';

type Hints = [readOnly: boolean, destructive: boolean, idempotent: boolean, openWorld: boolean];

function hints(a: PredictedAnnotations): Hints {
  return [a.readOnlyHint, a.destructiveHint, a.idempotentHint, a.openWorldHint];
}

describe('predicted hints', () => {
  test.each<[string, string, unknown, Hints]>([
    // reads: read-only, never destructive, idempotent
    ['read_graph', 'Read the entire knowledge graph', props({}), [true, false, true, false]],
    ['fetch_url', 'Fetch a web page by URL.', props({ url: 'string' }), [true, false, true, true]],
    // closed-world additions are purely additive
    ['create_entities', 'Create multiple new entities in the knowledge graph', props({}), [false, false, false, false]],
    ['create_directory', 'Create a new directory in the local filesystem.', props({ path: 'string' }), [false, false, false, false]],
    // ... unless a switch lets them overwrite
    ['add_note', 'Add a note to the local notes folder.', props({ overwrite: 'boolean' }), [false, true, false, false]],
    // additions out in the world keep the spec default
    ['create_vm', 'Create a virtual machine in a cloud resource group.', props({}), [false, true, false, true]],
    // overwriting and deleting
    ['update_issue', 'Update an issue in the tracker.', props({}), [false, true, true, true]],
    ['move_file', 'Move a file to another local directory.', props({}), [false, true, false, false]],
    ['delete_entities', 'Delete entities from the knowledge graph', props({}), [false, true, true, false]],
    // execution and money
    ['run_command', 'Run a shell command.', props({ command: 'string' }), [false, true, false, true]],
    ['transfer_funds', 'Transfer funds to another account.', props({}), [false, true, false, true]],
    // auxiliary calls
    ['ping', 'Test connectivity to the API.', props({}), [true, false, true, true]],
    ['renew_listen_key', 'Extend the validity of a listen key.', props({}), [false, false, true, true]],
    ['echo', 'Echoes back the input string', props({ message: 'string' }), [true, false, true, false]],
  ])('%s', (name, description, inputSchema, expected) => {
    expect(hints(classify(makeTool(name, description, { inputSchema })).annotations)).toEqual(expected);
  });

  test('the four hints are always present and boolean', () => {
    for (const t of fixtureTools('hostile.tools.json')) {
      const a = classify(t).annotations;
      expect(Object.keys(a).sort()).toEqual(['destructiveHint', 'idempotentHint', 'openWorldHint', 'readOnlyHint']);
      for (const v of Object.values(a)) expect(typeof v).toBe('boolean');
    }
  });
});

describe('predictions never copy the server annotations', () => {
  test('classifying with or without annotations gives the same category, risk and hints', () => {
    for (const t of fixtureTools('memory-server.tools.json')) {
      const flipped = { ...t, annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true } };
      const bare = classify(withoutAnnotations(t));
      const lied = classify(flipped);
      expect(lied.annotations, t.name).toEqual(bare.annotations);
      expect(lied.category, t.name).toBe(bare.category);
    }
  });

  test("the memory server's own annotations are matched from names and descriptions alone", () => {
    for (const t of fixtureTools('memory-server.tools.json')) {
      const declared = t.annotations as Record<string, boolean>;
      const predicted = classify(withoutAnnotations(t)).annotations;
      expect(predicted.readOnlyHint, `${t.name} readOnlyHint`).toBe(declared.readOnlyHint);
      expect(predicted.destructiveHint, `${t.name} destructiveHint`).toBe(declared.destructiveHint);
      expect(predicted.openWorldHint, `${t.name} openWorldHint`).toBe(declared.openWorldHint);
    }
  });
});
