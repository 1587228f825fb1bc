import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { binPathInside, binsOf, chooseBin, commandForBin, isNodeScript } from '../../../src/lib/sources/bin.js';

describe('binsOf', () => {
  it('names a string bin after the unscoped package', () => {
    expect(binsOf({ name: '@scope/tool', bin: 'cli.js' })).toEqual({ tool: 'cli.js' });
  });
  it('keeps string entries of a bin map only', () => {
    expect(binsOf({ name: 'x', bin: { a: 'a.js', b: 3, c: '' } })).toEqual({ a: 'a.js' });
  });
  it.each([[undefined], [null], [['a.js']], [42]])('has no bins for %j', (bin) => {
    expect(binsOf({ name: 'x', bin })).toEqual({});
  });
});

describe('chooseBin', () => {
  const many = { mcp: 'a.js', other: 'b.js', 'server-x': 'c.js' };
  it.each([
    ['the wanted one', 'pkg', many, 'other', 'other'],
    ['the only one', 'pkg', { only: 'o.js' }, undefined, 'only'],
    ['the one named like the package', 'server-x', many, undefined, 'server-x'],
    ['the one named like the unscoped package', '@acme/server-x', many, undefined, 'server-x'],
  ])('picks %s', (_l, name, bins, wanted, expected) => {
    const c = chooseBin(name, bins, wanted);
    expect(c.ok && c.name).toBe(expected);
  });
  it.each([
    ['a missing wanted bin', 'pkg', many, 'nope', 'has no bin "nope" (bins: mcp, other, server-x)'],
    ['several bins and no match', 'pkg', many, undefined, 'several bins'],
    ['no bins', 'pkg', {}, undefined, 'declares no bin'],
  ])('refuses %s', (_l, name, bins, wanted, message) => {
    const c = chooseBin(name, bins, wanted);
    expect(c.ok).toBe(false);
    if (!c.ok) expect(c.message).toContain(message);
  });
});

describe('binPathInside', () => {
  it('resolves a path inside the package', () => {
    expect(binPathInside('/p/node_modules/x', './dist/cli.js')).toBe('/p/node_modules/x/dist/cli.js');
  });
  it.each(['../../etc/passwd', '/bin/sh', '.', 'dist/../../y.js'])('refuses %s', (p) => {
    expect(binPathInside('/p/node_modules/x', p)).toBeUndefined();
  });
});

describe('isNodeScript / commandForBin', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bin-test-'));
    await writeFile(join(dir, 'cli'), '#!/usr/bin/env node\nconsole.log(1)\n');
    await writeFile(join(dir, 'tool.sh'), '#!/bin/sh\necho 1\n');
    await writeFile(join(dir, 'main.mjs'), 'export {}\n');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it.each([
    ['a.js', '', true],
    ['a.cjs', '', true],
    ['a', '#!/usr/bin/env node\n', true],
    ['a', '#!/usr/bin/env -S node --no-warnings\n', true],
    ['a', '#!/bin/sh\nnode x.js\n', false],
    ['a', '\x7fELF', false],
  ])('%s with %j is a node script: %s', (path, head, expected) => {
    expect(isNodeScript(path, head)).toBe(expected);
  });

  it('runs node scripts under the given node and other files directly', async () => {
    expect(await commandForBin(join(dir, 'cli'), '/n/node')).toEqual({ command: '/n/node', args: [join(dir, 'cli')] });
    expect(await commandForBin(join(dir, 'main.mjs'), '/n/node')).toEqual({ command: '/n/node', args: [join(dir, 'main.mjs')] });
    expect(await commandForBin(join(dir, 'tool.sh'), '/n/node')).toEqual({ command: join(dir, 'tool.sh'), args: [] });
  });
});
