import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ServerJsonError,
  argumentWords,
  formatServerJsonIssue,
  loadServerJsonSource,
  parseServerJson,
  registrySlug,
  sourceFromServerJson,
  type ServerJson,
} from '../../../src/lib/registry/index.js';

const DIR = resolve(import.meta.dirname, '..', '..', 'fixtures', 'server-json');
const read = (f: string): string => readFileSync(join(DIR, f), 'utf8');
const firstIssue = (text: string, file = 'server.json'): string => {
  const r = parseServerJson(text, file);
  if (r.ok) throw new Error('expected a failure');
  return formatServerJsonIssue(r.issues[0]!);
};
const minimal = { name: 'io.github.example/x', description: 'X', version: '1.0.0' };

describe('parseServerJson', () => {
  it.each(['registry-with-package.json', 'registry-with-remote.json', 'npm-server-memory.json', 'pypi-tiny-fixture.json', 'oci-only.json'])('accepts the valid fixture %s', (f) => {
    const r = parseServerJson(read(f), f);
    expect(r.ok).toBe(true);
  });

  it.each([
    ['registry-invalid-package-version-latest.json', 'registry-invalid-package-version-latest.json: packages[0].version: must be a specific version, not "latest"'],
    ['registry-invalid-bad-name-pattern.json', 'registry-invalid-bad-name-pattern.json: name: must be reverse-DNS with exactly one slash (e.g. io.github.owner/server)'],
    ['invalid-registry-type.json', 'invalid-registry-type.json: packages[0].registryType: expected one of npm, pypi, nuget, oci, mcpb'],
    ['invalid-transport.json', 'invalid-transport.json: remotes[0].type: expected one of streamable-http, sse'],
  ])('refuses %s with one line naming the field', (f, line) => {
    expect(firstIssue(read(f), f)).toBe(line);
  });

  it.each([
    [{ ...minimal, name: undefined }, 'server.json: name: is required'],
    [{ ...minimal, description: 'x'.repeat(101) }, 'server.json: description: is longer than 100 characters'],
    [{ ...minimal, version: 3 }, 'server.json: version: expected string, got number'],
    [{ ...minimal, packages: [{ registryType: 'npm', identifier: 'a', version: '^1.2.0', transport: { type: 'stdio' } }] }, 'server.json: packages[0].version: must be a specific version, not a range'],
    [{ ...minimal, packages: [{ registryType: 'pypi', identifier: 'a', transport: { type: 'stdio' } }] }, 'server.json: packages[0].version: is required for pypi packages'],
    [{ ...minimal, packages: [{ registryType: 'npm', identifier: 'a', version: '1.0.0' }] }, 'server.json: packages[0].transport: is required'],
    [{ ...minimal, packages: [{ registryType: 'npm', identifier: 'a', version: '1.0.0', transport: { type: 'stdio' }, packageArguments: [{ type: 'positional' }] }] }, 'server.json: packages[0].packageArguments[0]: a positional argument needs a value or a valueHint'],
    [{ ...minimal, packages: [{ registryType: 'npm', identifier: 'a', version: '1.0.0', transport: { type: 'stdio' }, environmentVariables: [{ isSecret: true }] }] }, 'server.json: packages[0].environmentVariables[0].name: is required'],
    [{ ...minimal, packages: [{ registryType: 'npm', identifier: 'a', version: '1.0.0', transport: { type: 'stdio' }, packageArguments: [{ type: 'flag', name: '--x' }] }] }, 'server.json: packages[0].packageArguments[0].type: expected one of positional, named'],
  ])('refuses a bad field: %#', (data, line) => {
    expect(firstIssue(JSON.stringify(data))).toBe(line);
  });

  it('refuses text that is not a JSON object, in one line', () => {
    expect(firstIssue('{"name": ')).toMatch(/^server\.json: not valid JSON: /);
    expect(firstIssue('[]')).toBe('server.json: expected a JSON object');
  });
});

describe('sourceFromServerJson', () => {
  const parse = (f: string): ServerJson => {
    const r = parseServerJson(read(f), f);
    if (!r.ok) throw new Error(formatServerJsonIssue(r.issues[0]!));
    return r.server;
  };

  it('slugs the registry name into a folder id', () => {
    expect(registrySlug('io.github.modelcontextprotocol/server-memory')).toBe('io-github-modelcontextprotocol-server-memory');
    expect(registrySlug('com.Example.MCP/My.Server_2')).toBe('com-example-mcp-my-server_2');
  });

  it('skips the oci package, starts the npm one, and gives secrets a dummy, never their default', () => {
    const r = sourceFromServerJson(parse('npm-server-memory.json'), 'npm-server-memory.json');
    if (!r.ok) throw new Error(r.issues[0]!.message);
    const { source, registry, notes } = r.value;
    expect(source).toMatchObject({ id: 'io-github-modelcontextprotocol-server-memory', name: 'Knowledge Graph Memory', npm: '@modelcontextprotocol/server-memory@2026.8.31', args: [] });
    expect(source.env).toEqual({ MEMORY_FILE_PATH: '{scratch}/memory_file_path', MEMORY_API_TOKEN: 'dummy-memory_api_token' });
    expect(JSON.stringify(source)).not.toContain('must-never-be-used');
    expect(registry).toEqual({
      name: 'io.github.modelcontextprotocol/server-memory',
      version: '2026.8.31',
      started: 'npm',
      env: [
        { name: 'MEMORY_FILE_PATH', required: true, secret: false, description: 'Where the knowledge graph is stored' },
        { name: 'MEMORY_API_TOKEN', required: true, secret: true, description: 'Not used by the server; declared to test secrets' },
        { name: 'MEMORY_OPTIONAL_FLAG', required: false, secret: false, description: 'Optional and unset' },
      ],
    });
    expect(notes).toContain('using packages[1] (npm @modelcontextprotocol/server-memory@2026.8.31)');
    expect(notes.some((n) => n.startsWith('packages[1].runtimeArguments are for npx'))).toBe(true);
  });

  it('builds the command line from packageArguments, filling required values with dummies', () => {
    const r = sourceFromServerJson(parse('pypi-tiny-fixture.json'), 'pypi-tiny-fixture.json');
    if (!r.ok) throw new Error(r.issues[0]!.message);
    expect(r.value.source).toMatchObject({ pypi: 'tiny-mcp-fixture==0.1.0', args: ['--workspace', '{scratch}/workspace', 'serve'], env: { FIXTURE_TOKEN: 'dummy-fixture_token', FIXTURE_REGION: 'eu-west-1' } });
    const words = argumentWords([
      { type: 'positional', valueHint: 'config_path' },
      { type: 'named', name: '--port', value: '{p}', variables: { p: { default: '8080' } } },
      { type: 'named', name: '--verbose', format: 'boolean', default: 'true' },
      { type: 'named', name: '--quiet', format: 'boolean' },
      { type: 'named', name: '--mode', isRequired: true, choices: ['fast', 'slow'] },
    ]);
    expect(words).toEqual(['dummy-config_path', '--port', '8080', '--verbose', '--mode', 'fast']);
  });

  it('uses a remote URL with its variables filled in, and says which headers are not sent', () => {
    const r = sourceFromServerJson(parse('registry-with-remote.json'), 'registry-with-remote.json');
    if (!r.ok) throw new Error(r.issues[0]!.message);
    expect(r.value.source).toMatchObject({ url: 'https://api.example.com/mcp', name: 'Remote Weather', repository: 'https://github.com/modelcontextprotocol/servers', homepage: 'https://modelcontextprotocol.io/examples' });
    expect(r.value.registry.started).toBe('remote');
    expect(r.value.notes[0]).toMatch(/requires header Authorization, which is not sent/);
  });

  it('says why nothing can be started, naming the field', async () => {
    const r = sourceFromServerJson(parse('oci-only.json'), 'oci-only.json');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(formatServerJsonIssue(r.issues[0]!)).toMatch(/^oci-only\.json: packages\[0\]\.registryType: oci packages are container images, and no container runtime is used here/);
    const err = await loadServerJsonSource(join(DIR, 'oci-only.json'), { label: 'oci-only.json' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ServerJsonError);
    expect((err as Error).message).not.toContain('\n');
    const missing = await loadServerJsonSource(join(DIR, 'nope.json'), { label: 'nope.json' }).catch((e: unknown) => e);
    expect((missing as Error).message).toBe('nope.json: cannot read: ENOENT');
  });
});
