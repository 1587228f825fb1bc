/**
 * prepareSource end to end, offline: a tiny local npm package whose bin is a real SDK MCP server
 * reporting, in its one tool's description, the environment keys, HOME, cwd and network interfaces
 * it sees. It is packed, installed (scripts off) and listed with the real ingestion library.
 */
import { execFile } from 'node:child_process';
import { access, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listTools } from '../../src/lib/ingest/index.js';
import type { Source } from '../../src/lib/schema/source.js';
import { SANDBOX_VARS, SourceError, prepareSource } from '../../src/lib/sources/index.js';

const SDK = pathToFileURL(resolve('node_modules/@modelcontextprotocol/sdk/dist/esm/server/mcp.js')).href;
const STDIO = pathToFileURL(resolve('node_modules/@modelcontextprotocol/sdk/dist/esm/server/stdio.js')).href;

const SERVER = `#!/usr/bin/env node
import os from 'node:os';
import { McpServer } from ${JSON.stringify(SDK)};
import { StdioServerTransport } from ${JSON.stringify(STDIO)};
const report = {
  envKeys: Object.keys(process.env).sort(),
  home: process.env.HOME,
  cwd: process.cwd(),
  dummy: process.env.FIXTURE_TOKEN,
  argv: process.argv.slice(2),
  interfaces: Object.keys(os.networkInterfaces()),
};
const server = new McpServer({ name: 'env-report', version: '1.0.0' });
server.registerTool('report', { description: JSON.stringify(report) }, async () => ({ content: [] }));
await server.connect(new StdioServerTransport());
`;

interface Report { envKeys: string[]; home: string; cwd: string; dummy?: string; argv: string[]; interfaces: string[] }

let work: string;
let tarball: string;
const source: Source = {
  id: 'env-report',
  name: 'Env report fixture',
  description: '',
  npm: 'mcp-risk-env-report@1.0.0',
  bin: 'env-report',
  args: ['--dir', '{scratch}/data'],
  env: { FIXTURE_TOKEN: 'dummy', CONFIG_PATH: '{scratch}/conf.yaml' },
  files: { 'conf.yaml': 'root: {scratch}\n' },
};

function sh(cmd: string, args: string[], cwd: string): Promise<string> {
  return new Promise((res, rej) => execFile(cmd, args, { cwd, timeout: 20_000 }, (e, out, err) => (e ? rej(new Error(err || e.message)) : res(out))));
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'sources-it-'));
  const pkg = join(work, 'pkg-src');
  await mkdir(pkg);
  await writeFile(
    join(pkg, 'package.json'),
    JSON.stringify({ name: 'mcp-risk-env-report', version: '1.0.0', type: 'module', bin: { 'env-report': 'server.mjs', other: 'server.mjs' }, scripts: { preinstall: 'touch PREINSTALL_RAN', postinstall: 'touch POSTINSTALL_RAN' } }),
  );
  await writeFile(join(pkg, 'server.mjs'), SERVER, { mode: 0o755 });
  await sh('npm', ['pack', '--pack-destination', work, '--cache', join(work, 'npm-cache')], pkg);
  tarball = join(work, 'mcp-risk-env-report-1.0.0.tgz');
});
afterAll(() => rm(work, { recursive: true, force: true }));

describe('prepareSource with a local package', () => {
  it('installs without scripts, runs with only the scrubbed env, in scratch, without network', async () => {
    process.env['GITHUB_TOKEN'] = 'ghp_parent_secret';
    try {
      const prepared = await prepareSource(source, { scratchRoot: join(work, 'scratch'), installFrom: tarball, npmCache: join(work, 'npm-cache') });
      const root = join(work, 'scratch', 'env-report');
      expect(prepared.scratch).toBe(join(root, 'run'));
      expect(prepared.notes[0]).toBe('installed mcp-risk-env-report@1.0.0 (install scripts disabled)');
      const pkgFiles = await readdir(join(root, 'pkg', 'node_modules', 'mcp-risk-env-report'));
      expect(pkgFiles).not.toContain('PREINSTALL_RAN');
      expect(pkgFiles).not.toContain('POSTINSTALL_RAN');
      expect(JSON.stringify(prepared.target)).not.toContain('ghp_parent_secret');

      const listed = await listTools(prepared.target, { totalTimeoutMs: 20_000 });
      const tool = listed.tools[0] as { description: string };
      const report = JSON.parse(tool.description) as Report;

      const allowed = new Set<string>([...SANDBOX_VARS, 'FIXTURE_TOKEN', 'CONFIG_PATH']);
      expect(report.envKeys.filter((k) => !allowed.has(k))).toEqual([]);
      expect(report.envKeys).not.toContain('GITHUB_TOKEN');
      expect(report.dummy).toBe('dummy');
      expect(report.home).toBe(join(prepared.scratch, 'home'));
      expect(report.cwd).toBe(prepared.scratch);
      expect(report.argv).toEqual(['--dir', join(prepared.scratch, 'data')]);
      if (prepared.isolation.kind === 'unshare') {
        expect(prepared.notes.at(-1)).toMatch(/^network: new namespace, loopback only/);
        expect(report.interfaces.filter((i) => i !== 'lo')).toEqual([]);
      } else {
        expect(prepared.notes.at(-1)).toMatch(/^network: NOT isolated/);
      }
      // The description names the scratch folder; redact() takes this machine's paths out.
      expect(JSON.stringify(prepared.redact(listed.tools))).not.toContain(work);

      await prepared.cleanup();
      await expect(access(prepared.scratch)).rejects.toThrow();
    } finally {
      delete process.env['GITHUB_TOKEN'];
    }
  });

  it('reuses a finished install of the same version', async () => {
    const t0 = Date.now();
    const again = await prepareSource(source, { scratchRoot: join(work, 'scratch'), installFrom: join(work, 'missing.tgz') });
    expect(again.notes[0]).toBe('reused install of mcp-risk-env-report@1.0.0 (install scripts disabled)');
    expect(Date.now() - t0).toBeLessThan(5_000);
    await again.cleanup();
  });

  it.each([
    ['a bin the package lacks', { bin: 'nope' }, 'env-report: bin: package mcp-risk-env-report has no bin "nope" (bins: env-report, other)'],
    ['no bin when several exist', { bin: undefined }, 'env-report: bin: package mcp-risk-env-report has several bins (env-report, other); set "bin" in the source'],
    ['a sandbox variable', { env: { HOME: '/root' } }, 'env-report: env.HOME: is set by the sandbox and cannot be overridden'],
    ['a file entry', { file: 'x.json', npm: undefined }, 'env-report: npm: prepareSource needs an npm entry (file and url sources need no install)'],
    ['an unpinned version', { npm: 'mcp-risk-env-report@^1.0.0' }, 'env-report: npm: "^1.0.0" is not an exact version (ranges and tags are not allowed)'],
  ])('refuses %s with a one-line SourceError', async (_l, patch, message) => {
    const bad = { ...source, ...patch } as Source;
    const err = await prepareSource(bad, { scratchRoot: join(work, 'scratch'), installFrom: tarball }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SourceError);
    expect((err as Error).message).toBe(message);
  });

  it('names the source when npm install fails', async () => {
    const err = await prepareSource({ ...source, id: 'broken' }, { scratchRoot: join(work, 'scratch'), installFrom: join(work, 'missing.tgz'), npmCache: join(work, 'npm-cache') }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SourceError);
    expect((err as Error).message).toMatch(/^broken: npm: npm install .*missing\.tgz failed: /);
    expect((err as Error).message).not.toContain('\n');
  });
});
