import { describe, expect, it } from 'vitest';
import { parseNpmSpec, unscopedName } from '../../../src/lib/sources/npm-spec.js';
import { npmInstallArgs, packageRoot } from '../../../src/lib/sources/install.js';
import { httpsRepository } from '../../../src/lib/sources/prepare.js';

describe('parseNpmSpec', () => {
  it.each([
    ['@modelcontextprotocol/server-memory@2026.8.31', '@modelcontextprotocol/server-memory', '2026.8.31'],
    ['firecrawl-mcp@3.26.0', 'firecrawl-mcp', '3.26.0'],
    ['x@1.0.0-beta.1', 'x', '1.0.0-beta.1'],
  ])('parses %s', (spec, name, version) => {
    expect(parseNpmSpec(spec)).toEqual({ ok: true, spec: { name, version } });
  });
  it.each([
    ['firecrawl-mcp', 'not name@version'],
    ['@scope/pkg', 'not name@version'],
    ['x@^1.2.0', 'not an exact version'],
    ['x@latest', 'not an exact version'],
    ['x@1.2', 'not an exact version'],
    ['X-Upper@1.0.0', 'not a valid npm package name'],
    ['../evil@1.0.0', 'not a valid npm package name'],
    ['@s/../../x@1.0.0', 'not a valid npm package name'],
  ])('refuses %s', (spec, message) => {
    const r = parseNpmSpec(spec);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain(message);
  });
});

describe('npm helpers', () => {
  it('unscopes names', () => {
    expect(unscopedName('@a/b')).toBe('b');
    expect(unscopedName('b')).toBe('b');
  });
  it('installs with scripts off, no dev deps, into the prefix, spec after --', () => {
    const args = npmInstallArgs('x@1.0.0', '/s/pkg', '/c', '2026-11-01');
    expect(args).toContain('--ignore-scripts');
    expect(args).toContain('--omit=dev');
    expect(args.slice(args.indexOf('--prefix'), args.indexOf('--prefix') + 2)).toEqual(['--prefix', '/s/pkg']);
    expect(args.slice(args.indexOf('--cache'), args.indexOf('--cache') + 2)).toEqual(['--cache', '/c']);
    expect(args).toContain('--before=2026-11-01');
    expect(args.slice(-2)).toEqual(['--', 'x@1.0.0']);
    expect(npmInstallArgs('x@1.0.0', '/s/pkg').some((a) => a.startsWith('--cache') || a.startsWith('--before'))).toBe(false);
  });
  it('finds scoped packages under node_modules', () => {
    expect(packageRoot('/s/pkg', '@a/b')).toBe('/s/pkg/node_modules/@a/b');
  });
});

describe('httpsRepository', () => {
  it.each([
    ['git+https://github.com/a/b.git', 'https://github.com/a/b'],
    [{ type: 'git', url: 'git+ssh://git@github.com/a/b.git' }, 'https://github.com/a/b'],
    ['git@github.com:a/b.git', 'https://github.com/a/b'],
    ['git://github.com/a/b.git', 'https://github.com/a/b'],
    ['a/b', 'https://github.com/a/b'],
    ['https://gitlab.com/a/b', 'https://gitlab.com/a/b'],
    ['javascript:alert(1)', undefined],
    ['http://example.com/a', undefined],
    [{ url: 3 }, undefined],
    [undefined, undefined],
  ])('%j -> %s', (repo, expected) => {
    expect(httpsRepository(repo)).toBe(expected);
  });
});
