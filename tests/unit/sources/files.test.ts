import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_SOURCE_FILE_BYTES, checkFilePath, checkSourceFiles, writeSourceFiles } from '../../../src/lib/sources/files.js';
import { redactPaths } from '../../../src/lib/sources/redact.js';

describe('checkFilePath', () => {
  it.each(['kubeconfig', 'a/b/c.yaml', '.config/x'])('accepts %s', (p) => {
    expect(checkFilePath(p)).toBeUndefined();
  });
  it.each(['', '/etc/passwd', '../x', 'a/../../x', 'a//b', './a', 'C:/x', 'a\\b', 'a\u0000b', 'x'.repeat(201)])('refuses %j', (p) => {
    expect(checkFilePath(p)).toBeTypeOf('string');
  });
  it('names the field of a bad entry and refuses oversized content', () => {
    const issues = checkSourceFiles({ '../k': '', big: 'x'.repeat(MAX_SOURCE_FILE_BYTES + 1), ok: 'y' });
    expect(issues.map((i) => i.field)).toEqual(['files.../k', 'files.big']);
  });
});

describe('writeSourceFiles', () => {
  it('writes under the scratch folder, private, with {scratch} replaced', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'files-test-'));
    try {
      const written = await writeSourceFiles({ 'kube/config': 'cache: {scratch}/c\n', b: 'plain' }, dir);
      expect(written).toEqual([join(dir, 'b'), join(dir, 'kube', 'config')]);
      expect(await readFile(join(dir, 'kube', 'config'), 'utf8')).toBe(`cache: ${dir}/c\n`);
      expect((await stat(join(dir, 'b'))).mode & 0o077).toBe(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('redactPaths', () => {
  it('replaces machine paths deep in strings and keys, leaving other values alone', () => {
    const tools = [{ name: 'dl', description: 'saved under /s/run/img and /s/run', n: 3, inputSchema: { properties: { '/s/run': { default: '/s/pkg/x' } } } }];
    const out = redactPaths(tools, [
      ['/s/run', '{scratch}'],
      ['/s/pkg', '{install}'],
    ]);
    expect(out).toEqual([{ name: 'dl', description: 'saved under {scratch}/img and {scratch}', n: 3, inputSchema: { properties: { '{scratch}': { default: '{install}/x' } } } }]);
    expect(tools[0]?.description).toContain('/s/run');
  });
  it('ignores empty replacements', () => {
    expect(redactPaths('abc', [['', 'x']])).toBe('abc');
  });
});
