import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ServerJsonError, expandServerJsonSources } from '../../../src/lib/registry/index.js';
import { SourceSchema } from '../../../src/lib/schema/source.js';

const FIX = resolve(import.meta.dirname, '..', '..', 'fixtures', 'server-json');
const cat = mkdtempSync(join(tmpdir(), 'expand-'));
afterAll(() => rmSync(cat, { recursive: true, force: true }));
copyFileSync(join(FIX, 'pypi-tiny-fixture.json'), join(cat, 'tiny.json'));
copyFileSync(join(FIX, 'oci-only.json'), join(cat, 'oci.json'));

describe('expandServerJsonSources', () => {
  it('replaces serverJson entries by what they name, the entry own fields winning', async () => {
    const npm = SourceSchema.parse({ id: 'plain', name: 'Plain', npm: 'a@1.0.0' });
    const entry = SourceSchema.parse({ id: 'tiny', name: 'Tiny', serverJson: 'tiny.json', env: { FIXTURE_REGION: 'us-east-1' }, args: ['--x'] });
    const r = await expandServerJsonSources([npm, entry], cat);
    expect(r.sources[0]).toBe(npm);
    expect(r.sources[1]).toMatchObject({ id: 'tiny', name: 'Tiny', pypi: 'tiny-mcp-fixture==0.1.0', args: ['--x'], env: { FIXTURE_TOKEN: 'dummy-fixture_token', FIXTURE_REGION: 'us-east-1' } });
    expect(r.sources[1]).not.toHaveProperty('serverJson');
    expect(SourceSchema.safeParse(r.sources[1]).success).toBe(true);
    expect(r.registry.get('tiny')).toMatchObject({ name: 'io.github.example/tiny-mcp-fixture', started: 'pypi' });
    expect(r.registry.has('plain')).toBe(false);
  });

  it('throws one line naming the entry file and field', async () => {
    const bad = SourceSchema.parse({ id: 'oci', name: 'Oci', serverJson: 'oci.json' });
    const err = await expandServerJsonSources([bad], cat).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ServerJsonError);
    expect((err as Error).message).toMatch(/^oci\.json: packages\[0\]\.registryType: oci packages are container images/);
  });
});
