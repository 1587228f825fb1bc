/**
 * `mcp-risk ingest --server-json` and `pypi:` / `serverJson:` entries of sources.yaml, end to end:
 * the npm-backed fixture starts the published server-memory (a pinned devDependency, so npm finds
 * it in its cache), the pypi-backed one the plain-Python fixture server from a local index; both
 * through the sandbox, with the registry identity written to server.yaml. Bad files exit 2 with one line.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadServer } from '../../src/lib/catalog/index.js';
import { buildTinyMcpIndex, testPython } from '../fixtures/python/build-index.js';
import { ROOT, errorLine, runCli, tempFolder } from './cli-helpers.js';

const FIX = join(ROOT, 'tests', 'fixtures', 'server-json');
const tmp = tempFolder('mcp-risk-sj-');
afterAll(() => tmp.cleanup());

const { python, outerPip, reason } = await testPython();
if (!python) {
  if (process.env['CI'] === 'true') throw new Error(`PyPI ingestion tests need python3 with venv: ${reason}`);
  console.warn(`\n*** SKIPPING the PyPI parts of the server.json tests: ${reason} ***\n`);
}
let indexUrl = '';
beforeAll(async () => {
  if (python) ({ indexUrl } = await buildTinyMcpIndex(tmp.dir, python, outerPip));
});

describe('mcp-risk ingest --server-json', () => {
  it('starts the npm package a server.json names, keeping the registry name as identity', async () => {
    const cat = join(tmp.dir, 'npm-cat');
    const r = await runCli(['ingest', '--server-json', join(FIX, 'npm-server-memory.json'), '--catalog', cat, '--scratch', join(tmp.dir, 'scratch')], { timeoutMs: 240_000 });
    expect(r.stderr).toContain('using packages[1] (npm @modelcontextprotocol/server-memory@2026.8.31)');
    expect(r.code).toBe(0);
    const s = loadServer(cat, 'io-github-modelcontextprotocol-server-memory');
    expect(s.tools.map((t) => t.definition.name)).toContain('create_entities');
    expect(s.server.registry).toMatchObject({ name: 'io.github.modelcontextprotocol/server-memory', version: '2026.8.31', started: 'npm' });
    expect(s.server.registry?.env.map((e) => [e.name, e.required, e.secret])).toEqual([
      ['MEMORY_FILE_PATH', true, false],
      ['MEMORY_API_TOKEN', true, true],
      ['MEMORY_OPTIONAL_FLAG', false, false],
    ]);
    expect(s.server).toMatchObject({ name: 'Knowledge Graph Memory', package: '@modelcontextprotocol/server-memory@2026.8.31' });
    expect(s.server.launch).toMatchObject({ transport: 'stdio', command: 'npx', env: ['MEMORY_API_TOKEN', 'MEMORY_FILE_PATH'] });
    const yaml = readFileSync(join(cat, 'servers', s.id, 'server.yaml'), 'utf8');
    expect(yaml).not.toContain('must-never-be-used');
    expect(yaml).not.toContain('dummy');
  });

  it.skipIf(!python)('starts the pypi package a server.json names, with dummies for its required inputs', async () => {
    const cat = join(tmp.dir, 'pypi-cat');
    const r = await runCli(['ingest', '--server-json', join(FIX, 'pypi-tiny-fixture.json'), '--pip-index-url', indexUrl, '--catalog', cat, '--scratch', join(tmp.dir, 'scratch')], { timeoutMs: 180_000 });
    expect(r.stderr).toContain('installed tiny-mcp-fixture==0.1.0 (wheels only)');
    expect(r.code).toBe(0);
    const s = loadServer(cat, 'io-github-example-tiny-mcp-fixture');
    expect(s.tools.map((t) => t.definition.name)).toEqual(['report', 'delete_note']);
    const report = JSON.parse(s.tools[0]!.definition.description ?? '{}') as { argv: string[]; dummy: string; cwd: string };
    expect(report.argv).toEqual(['--workspace', '{scratch}/workspace', 'serve']);
    expect(report.cwd).toBe('{scratch}');
    expect(report.dummy).toBe('dummy-fixture_token');
    expect(s.server.registry).toMatchObject({ name: 'io.github.example/tiny-mcp-fixture', version: '0.1.0', started: 'pypi' });
    expect(s.server.registry?.env).toContainEqual({ name: 'FIXTURE_TOKEN', required: true, secret: true, description: 'API token' });
    expect(s.server.launch).toMatchObject({ transport: 'stdio', command: 'uvx', args: ['tiny-mcp-fixture@0.1.0', '--workspace', '{scratch}/workspace', 'serve'] });
    expect(s.server.package).toBe('tiny-mcp-fixture==0.1.0');
  });

  it.skipIf(!python)('ingests pypi: and serverJson: entries of sources.yaml with --all', async () => {
    const cat = join(tmp.dir, 'all-cat');
    mkdirSync(cat, { recursive: true });
    writeFileSync(join(cat, 'tiny.server.json'), readFileSync(join(FIX, 'pypi-tiny-fixture.json')));
    writeFileSync(
      join(cat, 'sources.yaml'),
      [
        'servers:',
        '  - { id: tiny-py, name: Tiny Python, pypi: "tiny-mcp-fixture==0.1.0", module: tiny_mcp_fixture, env: { FIXTURE_TOKEN: dummy } }',
        '  - { id: tiny-registry, name: Tiny from the registry, serverJson: tiny.server.json }',
        '',
      ].join('\n'),
    );
    const r = await runCli(['ingest', '--all', '--pip-index-url', indexUrl, '--catalog', cat, '--scratch', join(tmp.dir, 'scratch-all')], { timeoutMs: 180_000 });
    expect(r.stderr).toContain('servers 2 ok, 0 failed');
    expect(r.code).toBe(0);
    expect(loadServer(cat, 'tiny-py').server.launch).toMatchObject({ command: 'uvx', args: ['--from', 'tiny-mcp-fixture==0.1.0', 'python', '-m', 'tiny_mcp_fixture'] });
    const reg = parse(readFileSync(join(cat, 'servers', 'tiny-registry', 'server.yaml'), 'utf8')) as { registry?: { name: string } };
    expect(reg.registry?.name).toBe('io.github.example/tiny-mcp-fixture');
  });

  it('validate checks the server.json files sources.yaml points at, in one line', async () => {
    const cat = join(tmp.dir, 'validate-cat');
    mkdirSync(join(cat, 'registry'), { recursive: true });
    writeFileSync(join(cat, 'registry', 'bad.json'), readFileSync(join(FIX, 'invalid-registry-type.json')));
    writeFileSync(join(cat, 'sources.yaml'), 'servers:\n  - { id: bad, name: Bad, serverJson: registry/bad.json }\n');
    const r = await runCli(['validate', '--catalog', cat]);
    expect(r.code).toBe(2);
    expect(errorLine(r)).toBe('mcp-risk: registry/bad.json: packages[0].registryType: expected one of npm, pypi, nuget, oci, mcpb');
    writeFileSync(join(cat, 'registry', 'bad.json'), readFileSync(join(FIX, 'npm-server-memory.json')));
    const ok = await runCli(['validate', '--catalog', cat]);
    expect(ok.stdout).toContain('catalogue ok');
    expect(ok.code).toBe(0);
  });

  it.each([
    ['invalid-registry-type.json', 'packages[0].registryType: expected one of npm, pypi, nuget, oci, mcpb'],
    ['registry-invalid-package-version-latest.json', 'packages[0].version: must be a specific version, not "latest"'],
    ['oci-only.json', 'packages[0].registryType: oci packages are container images'],
    ['missing.json', 'cannot read: ENOENT'],
  ])('exits 2 with one line naming the file and field for %s', async (f, field) => {
    const rel = join('tests', 'fixtures', 'server-json', f);
    const r = await runCli(['ingest', '--server-json', rel, '--catalog', join(tmp.dir, 'bad-cat')]);
    expect(r.code).toBe(2);
    expect(errorLine(r).startsWith(`mcp-risk: ${rel}: ${field}`)).toBe(true);
    expect(r.stderr.split('\n').filter((l) => l.startsWith('mcp-risk:'))).toHaveLength(1);
  });
});
