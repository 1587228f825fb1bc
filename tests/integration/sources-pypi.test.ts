/**
 * PyPI sources end to end, offline: the tiny plain-Python MCP server in tests/fixtures/python is
 * built into a wheel on a local package index, installed by `prepareSource` into its own venv
 * (wheels only, pip's config ignored) and listed through the sandbox with the real SDK client.
 */
import { access, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listTools } from '../../src/lib/ingest/index.js';
import type { Source } from '../../src/lib/schema/source.js';
import { SANDBOX_VARS, SourceError, prepareSource } from '../../src/lib/sources/index.js';
import { addNeedsCompilerSdist, buildTinyMcpIndex, testPython } from '../fixtures/python/build-index.js';

interface Report { envKeys: string[]; home: string; cwd: string; dummy?: string; argv: string[]; interfaces: string[]; executable: string }

const { python, outerPip, reason } = await testPython();
if (!python) {
  if (process.env['CI'] === 'true') throw new Error(`PyPI source tests need python3 with venv: ${reason}`);
  console.warn(`\n*** SKIPPING the PyPI source tests: ${reason} ***\n`);
}

let work: string;
let indexUrl: string;
const source: Source = {
  id: 'tiny-py',
  name: 'Tiny Python fixture',
  description: '',
  pypi: 'tiny-mcp-fixture==0.1.0',
  args: ['--dir', '{scratch}/data'],
  env: { FIXTURE_TOKEN: 'dummy' },
};

beforeAll(async () => {
  if (!python) return;
  work = await mkdtemp(join(tmpdir(), 'pypi-it-'));
  ({ indexUrl } = await buildTinyMcpIndex(work, python, outerPip));
  await addNeedsCompilerSdist(work, python);
});
afterAll(() => (work ? rm(work, { recursive: true, force: true }) : undefined));

describe.skipIf(!python)('prepareSource with a PyPI package', () => {
  it('installs the wheel into a venv and lists it with only the scrubbed env, in scratch, without network', async () => {
    process.env['GITHUB_TOKEN'] = 'ghp_parent_secret';
    try {
      const prepared = await prepareSource(source, { scratchRoot: join(work, 'scratch'), pipIndexUrl: indexUrl });
      const root = join(work, 'scratch', 'tiny-py');
      expect(prepared.scratch).toBe(join(root, 'run'));
      if (outerPip) expect(await readdir(join(root, 'venv', 'bin'))).not.toContain('pip');
      expect(prepared.notes).toContain('installed tiny-mcp-fixture==0.1.0 (wheels only)');
      // Two console scripts; the one named like the package is chosen.
      expect(prepared.notes).toContain('console script tiny-mcp-fixture -> tiny_mcp_fixture.server:main');
      expect(prepared.package).toMatchObject({ name: 'tiny-mcp-fixture', version: '0.1.0', repository: 'https://github.com/example/tiny-mcp-fixture' });
      expect(JSON.stringify(prepared.target)).not.toContain('ghp_parent_secret');

      const listed = await listTools(prepared.target, { totalTimeoutMs: 20_000 });
      // Both pages of the plain JSON-RPC server, through the SDK client.
      expect(listed.tools.map((t) => (t as { name: string }).name)).toEqual(['report', 'delete_note']);
      expect(listed.serverInfo).toMatchObject({ name: 'tiny-mcp-fixture', version: '0.1.0' });
      const report = JSON.parse((listed.tools[0] as { description: string }).description) as Report;
      // LC_CTYPE is set by Python itself inside the process (PEP 538 locale coercion), not passed in.
      const allowed = new Set<string>([...SANDBOX_VARS, 'FIXTURE_TOKEN', 'PYTHONNOUSERSITE', 'PYTHONDONTWRITEBYTECODE', 'LC_CTYPE']);
      expect(Object.keys(prepared.target.env).sort()).toEqual([...SANDBOX_VARS, 'FIXTURE_TOKEN', 'PYTHONNOUSERSITE', 'PYTHONDONTWRITEBYTECODE'].sort());
      expect(report.envKeys.filter((k) => !allowed.has(k))).toEqual([]);
      expect(report.dummy).toBe('dummy');
      expect(report.home).toBe(join(prepared.scratch, 'home'));
      expect(report.cwd).toBe(prepared.scratch);
      expect(report.argv).toEqual(['--dir', join(prepared.scratch, 'data')]);
      expect(report.executable.startsWith(join(root, 'venv'))).toBe(true);
      if (prepared.isolation.kind === 'unshare') {
        expect(prepared.notes.at(-1)).toMatch(/^network: new namespace, loopback only/);
        expect(report.interfaces.filter((i) => i !== 'lo')).toEqual([]);
      } else {
        expect(prepared.notes.at(-1)).toMatch(/^network: NOT isolated/);
      }
      const redacted = JSON.stringify(prepared.redact(listed.tools));
      expect(redacted).not.toContain(work);
      expect(redacted).toContain('{install}/bin/python');

      await prepared.cleanup();
      await expect(access(prepared.scratch)).rejects.toThrow();
    } finally {
      delete process.env['GITHUB_TOKEN'];
    }
  });

  it('reuses the venv of the same version, and runs python -m module when asked', async () => {
    const again = await prepareSource({ ...source, module: 'tiny_mcp_fixture', args: [] }, { scratchRoot: join(work, 'scratch'), pipIndexUrl: 'file:///nonexistent-index' });
    expect(again.notes).toContain('reused venv of tiny-mcp-fixture==0.1.0 (wheels only)');
    expect(again.notes).toContain('module tiny_mcp_fixture (python -m)');
    const listed = await listTools(again.target, { totalTimeoutMs: 20_000 });
    expect(listed.tools).toHaveLength(2);
    await again.cleanup();
  });

  it('installs from a local folder with no index, with the venv own pip when given an interpreter', async () => {
    // `python` given: no outer pip is assumed, so the venv is made with pip (the slower path).
    const prepared = await prepareSource({ ...source, id: 'tiny-py-local', bin: 'tiny-mcp-other' }, { scratchRoot: join(work, 'scratch'), installFrom: join(work, 'tiny-mcp'), python: python as string });
    expect(await readdir(join(work, 'scratch', 'tiny-py-local', 'venv', 'bin'))).toContain('pip');
    expect(prepared.notes).toContain('installed tiny-mcp-fixture==0.1.0 (from a local path, no index)');
    expect(prepared.package.bin).toBe('tiny-mcp-other');
    expect((await listTools(prepared.target, { totalTimeoutMs: 20_000 })).tools).toHaveLength(2);
    await prepared.cleanup();
  }, 240_000); // ensurepip alone took 25 to 55 s on the loaded 2-core machine

  it('a server that needs the network at start fails its listing with one line saying why', async (ctx) => {
    const prepared = await prepareSource({ ...source, env: { FIXTURE_CONNECT_FIRST: '192.0.2.1:443' } }, { scratchRoot: join(work, 'scratch'), pipIndexUrl: indexUrl });
    try {
      if (prepared.isolation.kind !== 'unshare') ctx.skip();
      const err = await listTools(prepared.target, { totalTimeoutMs: 20_000 }).catch((e: unknown) => e);
      expect((err as Error).message).toMatch(/^server exited with code 1 during initialize.*cannot reach 192\.0\.2\.1:443: \[Errno 101\] Network is unreachable$/);
    } finally {
      await prepared.cleanup();
    }
  });

  it.each([
    ['a version the index lacks', { id: 'missing-version', pypi: 'tiny-mcp-fixture==9.9.9' }, /^missing-version: pypi: pip install tiny-mcp-fixture==9\.9\.9 failed: no wheel of tiny-mcp-fixture==9\.9\.9 or of a dependency for this platform and Python on the index/],
    ['a console script the package lacks', { id: 'bad-bin', bin: 'nope' }, /^bad-bin: bin: "nope" is not a console script of tiny-mcp-fixture \(it has tiny-mcp-fixture, tiny-mcp-other\)$/],
    ['an unpinned version', { id: 'unpinned', pypi: 'tiny-mcp-fixture>=0.1' }, /^unpinned: pypi: "tiny-mcp-fixture>=0.1" is not name==version \(pin an exact version\)$/],
    ['module and bin together', { id: 'both', module: 'tiny_mcp_fixture', bin: 'tiny-mcp-other' }, /^both: module: give either module/],
  ])('refuses %s with a one-line SourceError', async (_l, patch, message) => {
    const err = await prepareSource({ ...source, ...patch } as Source, { scratchRoot: join(work, 'scratch'), pipIndexUrl: indexUrl }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SourceError);
    expect((err as Error).message).toMatch(message);
    expect((err as Error).message).not.toContain('\n');
  });

  it('reports a source-only package: no wheel, and with source builds, no compiler', async () => {
    const sdist: Source = { ...source, id: 'needs-cc', pypi: 'needs-compiler-fixture==0.1.0' };
    const wheelsOnly = await prepareSource(sdist, { scratchRoot: join(work, 'scratch'), pipIndexUrl: indexUrl }).catch((e: unknown) => e);
    expect((wheelsOnly as Error).message).toMatch(/^needs-cc: pypi: pip install needs-compiler-fixture==0\.1\.0 failed: no wheel of needs-compiler-fixture==0\.1\.0 or of a dependency .*installs take wheels only/);
    // The backend runs $CC: the sandbox's `false`, even where a compiler is installed.
    const built = await prepareSource({ ...sdist, pipSourceBuilds: true }, { scratchRoot: join(work, 'scratch'), pipIndexUrl: indexUrl }).catch((e: unknown) => e);
    expect(built).toBeInstanceOf(SourceError);
    expect((built as Error).message).toMatch(/^needs-cc: pypi: pip install needs-compiler-fixture==0\.1\.0 failed: needs a C\/C\+\+ compiler to build from source \(the sandbox offers none\)/);
    expect((built as Error).message).not.toContain('\n');
  });

  it('leaves no half-made venv marked as installed after a failed install', async () => {
    const venv = join(work, 'scratch', 'missing-version', 'venv');
    expect(await readdir(venv).catch(() => [])).not.toContain('.mcp-risk-installed');
  });
});
