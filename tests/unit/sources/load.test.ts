import { describe, expect, it } from 'vitest';
import { formatSourceIssue, loadSources, parseSources } from '../../../src/lib/sources/load.js';

const F = 'sources.yaml';

describe('parseSources', () => {
  it('reads a good file', () => {
    const r = parseSources('servers:\n  - { id: fs, name: FS, npm: "@a/fs@1.0.0", args: ["{scratch}"], files: { kubeconfig: "x" } }\n', F);
    expect(r.issues).toEqual([]);
    expect(r.sources[0]).toMatchObject({ id: 'fs', npm: '@a/fs@1.0.0', args: ['{scratch}'], env: {}, files: { kubeconfig: 'x' } });
  });

  it.each([
    ['servers: [', '', 'not valid YAML'],
    ['servers:\n  - { id: a, name: A }\n', 'servers[0]', 'exactly one of npm, pypi, serverJson, file or url'],
    ['servers:\n  - { id: a, name: A, npm: x@1.0.0, bogus: 1 }\n', 'servers[0]', 'Unrecognized key'],
    ['servers:\n  - { id: a, name: A, npm: x@1.0.0, npmBefore: yesterday }\n', 'servers[0].npmBefore', 'YYYY-MM-DD'],
    ['servers:\n  - { id: a, name: A, npm: x@1.0.0, env: { T: 1 } }\n', 'servers[0].env.T', 'Expected string'],
  ])('schema problems come back as issues: %j', (text, path, message) => {
    const r = parseSources(text, F);
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]).toMatchObject({ file: F, path });
    expect(r.issues[0]?.message).toContain(message);
  });

  it('checks what the schema cannot: ids, pins, env names, file paths', () => {
    const text = [
      'servers:',
      '  - { id: a, name: A, npm: x@^1.0.0 }',
      '  - { id: a, name: B, npm: y@1.0.0, env: { HOME: "/root" } }',
      '  - { id: "../up", name: C, npm: z@1.0.0, files: { "../../x": "" } }',
    ].join('\n');
    const lines = parseSources(text, F).issues.map(formatSourceIssue);
    expect(lines).toEqual([
      'sources.yaml:servers[0].npm  "^1.0.0" is not an exact version (ranges and tags are not allowed)',
      'sources.yaml:servers[1].id  "a" is already used by servers[0]',
      'sources.yaml:servers[1].env.HOME  is set by the sandbox and cannot be overridden',
      'sources.yaml:servers[2].id  "../up" must be lowercase letters, digits, ".", "_" or "-"',
      'sources.yaml:servers[2].files.../../x  must not contain empty, "." or ".." segments',
    ]);
  });

  it('reports an unreadable file as one issue', async () => {
    const r = await loadSources('/nonexistent/sources.yaml');
    expect(r.issues.map(formatSourceIssue)).toEqual(['/nonexistent/sources.yaml:  cannot read: ENOENT']);
  });
});

describe('catalog/sources.yaml', () => {
  it('is valid, starts with the Sperax seed, and pins at least 25 npm servers', async () => {
    const { sources, issues } = await loadSources('catalog/sources.yaml');
    expect(issues.map(formatSourceIssue)).toEqual([]);
    expect(sources[0]).toMatchObject({ id: 'sperax-crypto-mcp', file: 'seed/binance-mcp.all-registrations.tools.json' });
    expect(sources.filter((s) => s.npm).length).toBeGreaterThanOrEqual(25);
    for (const s of sources) {
      for (const v of Object.values(s.env)) expect(v, `${s.id} env`).not.toMatch(/^(ghp_|github_pat_|sk-|xoxb-(?!dummy))[A-Za-z0-9]{10,}/);
    }
  });
});
