import { describe, expect, it } from 'vitest';
import { launchForSource, serverFromSource } from '../../../src/lib/catalog/listing.js';
import { SourceSchema } from '../../../src/lib/schema/source.js';
import { parseSources } from '../../../src/lib/sources/load.js';
import {
  checkPypiFields,
  choosePythonEntry,
  normalizePypiName,
  parsePypiSpec,
  pipEnv,
  pipFailureReason,
  pipInstallArgs,
  repositoryFromUrls,
} from '../../../src/lib/sources/index.js';

const spec = { name: 'mcp-server-time', version: '0.6.2' };

describe('PyPI specs', () => {
  it.each(['mcp-server-time==0.6.2', 'Foo_Bar.baz==1.0.0rc1', 'x==2025.1.post1', 'y==1!2.0.dev3'])('accepts the exact pin %s', (s) => {
    expect(parsePypiSpec(s).ok).toBe(true);
  });
  it.each([
    ['mcp-server-time', 'is not name==version'],
    ['mcp-server-time>=0.6', 'is not name==version'],
    ['mcp-server-time==0.6.*', 'is not an exact version'],
    ['mcp-server-time==0.6.2+local', 'is not an exact version'],
    ['-bad==1.0', 'is not a valid PyPI project name'],
  ])('refuses %s', (s, msg) => {
    const r = parsePypiSpec(s);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain(msg);
  });
  it('normalizes names as PEP 503 does', () => expect(normalizePypiName('Foo__Bar.baz')).toBe('foo-bar-baz'));
  it('checks module and bin fields', () => {
    expect(checkPypiFields({ module: 'x' })).toEqual([{ field: 'module', message: 'only applies to pypi entries' }]);
    expect(checkPypiFields({ pypi: 'a==1.0', module: 'bad-module' })[0]?.message).toContain('is not a Python module path');
    expect(checkPypiFields({ pypi: 'a==1.0', module: 'a.b' })).toEqual([]);
    expect(checkPypiFields({ pipSourceBuilds: true })).toEqual([{ field: 'pipSourceBuilds', message: 'only applies to pypi entries' }]);
  });
  it('reports bad pypi fields of sources.yaml with file and field', () => {
    const r = parseSources('servers:\n  - { id: p, name: P, pypi: "mcp-server-time>=1" }\n  - { id: q, name: Q, npm: "a@1.0.0", pypi: "b==1.0" }\n', 'sources.yaml');
    expect(r.issues[0]).toMatchObject({ file: 'sources.yaml', path: 'servers[1]', message: 'exactly one of npm, pypi, serverJson, file or url is required' });
    const one = parseSources('servers:\n  - { id: p, name: P, pypi: "mcp-server-time>=1" }\n', 'sources.yaml');
    expect(one.issues).toEqual([{ file: 'sources.yaml', path: 'servers[0].pypi', message: '"mcp-server-time>=1" is not name==version (pin an exact version)' }]);
  });
});

describe('pip command and environment', () => {
  it('installs wheels only from the given index, ignoring pip config', () => {
    expect(pipInstallArgs(spec, { indexUrl: 'https://mirror.example/simple' })).toEqual([
      'install', '--isolated', '--no-input', '--disable-pip-version-check', '--no-warn-script-location', '--quiet', '--no-cache-dir',
      '--index-url', 'https://mirror.example/simple', '--only-binary', ':all:', '--', 'mcp-server-time==0.6.2',
    ]);
    expect(pipInstallArgs(spec, { allowSourceBuilds: true })).not.toContain('--only-binary');
    expect(pipInstallArgs(spec, { installFrom: '/x/pkg' }).slice(-4)).toEqual(['--no-index', '--no-build-isolation', '--', '/x/pkg']);
  });
  it('gives pip no credentials and no compiler', () => {
    const env = pipEnv('/s/home', '/usr/bin');
    expect(Object.keys(env).sort()).toEqual(['CC', 'CXX', 'HOME', 'LANG', 'PATH', 'PIP_CONFIG_FILE', 'PYTHONDONTWRITEBYTECODE', 'PYTHONNOUSERSITE', 'TMPDIR']);
    expect(env.CC).toBe('false');
  });
  it.each([
    ['ERROR: Could not find a version that satisfies the requirement mcp-server-time==0.6.2 (from versions: none)\nERROR: No matching distribution found for mcp-server-time==0.6.2', /^no wheel of mcp-server-time==0\.6\.2 or of a dependency/],
    ["building 'x._speedups' extension\nerror: command 'false' failed: No such file or directory\nERROR: Failed building wheel for x", /^needs a C\/C\+\+ compiler/],
    ["error: can't find Rust compiler\nmaturin failed", /^needs a Rust toolchain/],
    ["WARNING: Retrying ... NewConnectionError('Failed to establish a new connection: [Errno 101] Network is unreachable')", /^the package index is not reachable/],
    ['ERROR: Package x requires a different Python: 3.11.2 not in >=3.12', /^needs another Python version/],
  ])('says why pip failed: %#', (stderr, why) => {
    expect(pipFailureReason(stderr, spec, true)).toMatch(why);
    expect(pipFailureReason(stderr, spec, true)).not.toContain('\n');
  });
});

describe('entry points', () => {
  it('prefers module, then bin, then the only or same-named console script', () => {
    expect(choosePythonEntry('a', { a: 'a:main' }, { module: 'a.server' })).toEqual({ ok: true, entry: { kind: 'module', module: 'a.server' } });
    expect(choosePythonEntry('a', { x: 'a:main', y: 'a:y' }, { bin: 'y' })).toEqual({ ok: true, entry: { kind: 'script', name: 'y' } });
    expect(choosePythonEntry('a', { only: 'a:main' }, {})).toEqual({ ok: true, entry: { kind: 'script', name: 'only' } });
    expect(choosePythonEntry('Mcp_Server.Time', { 'mcp-server-time': 'a:main', other: 'b:c' }, {})).toEqual({ ok: true, entry: { kind: 'script', name: 'mcp-server-time' } });
    expect(choosePythonEntry('a', {}, {})).toMatchObject({ ok: false, field: 'module' });
    expect(choosePythonEntry('a', { x: '1', y: '2' }, {})).toMatchObject({ ok: false, field: 'bin', message: 'a has 2 console scripts (x, y): set bin, or module for python -m' });
  });
  it('finds an https repository among project URLs', () => {
    expect(repositoryFromUrls({ Homepage: 'https://example.org', Source: 'https://github.com/o/r.git' })).toBe('https://github.com/o/r');
    expect(repositoryFromUrls({ Docs: 'https://gitlab.com/o/r' })).toBe('https://gitlab.com/o/r');
    expect(repositoryFromUrls({ Source: 'javascript:alert(1)' })).toBeUndefined();
  });
  it('records a pypi source as a uvx launch, with env names only', () => {
    const s = SourceSchema.parse({ id: 'p', name: 'P', pypi: 'mcp-server-time==0.6.2', args: ['--tz', 'UTC'], env: { TOKEN: 'dummy' } });
    expect(launchForSource(s)).toEqual({ transport: 'stdio', command: 'uvx', args: ['mcp-server-time@0.6.2', '--tz', 'UTC'], env: ['TOKEN'] });
    expect(launchForSource({ ...s, bin: 'serve' })).toMatchObject({ args: ['--from', 'mcp-server-time==0.6.2', 'serve', '--tz', 'UTC'] });
    expect(serverFromSource(s).package).toBe('mcp-server-time==0.6.2');
  });
});
