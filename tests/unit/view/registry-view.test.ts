import { describe, expect, it } from 'vitest';
import type { Server } from '../../../src/lib/schema/index.js';
import { ServerSchema } from '../../../src/lib/schema/server.js';
import { registryView } from '../../../src/lib/view/registry-view.js';

const base: Server = { id: 's', name: 'S', description: '', ingestedAt: '2026-01-01T00:00:00Z', toolsHash: 'sha256:x', toolCount: 0, launch: { transport: 'stdio', command: 'npx', args: [], env: [] } };

describe('registryView', () => {
  it('is absent for servers that did not come from a server.json', () => {
    expect(registryView(base)).toBeUndefined();
  });

  it('shows the registry name, version and declared variables, marking secrets', () => {
    const v = registryView({
      ...base,
      registry: {
        name: 'io.github.o/s',
        version: '1.2.0',
        started: 'pypi',
        env: [
          { name: 'API_KEY', required: true, secret: true, description: 'Your key' },
          { name: 'REGION', required: false, secret: false },
        ],
      },
    });
    expect(v).toEqual({
      name: 'io.github.o/s',
      version: '1.2.0',
      started: 'Its PyPI package was installed and started over stdio for this listing.',
      secrets: 1,
      env: [
        { name: 'API_KEY', required: true, secret: true, flags: 'required, secret', description: 'Your key' },
        { name: 'REGION', required: false, secret: false, flags: 'optional', description: '' },
      ],
    });
  });

  it('is an optional, strict part of server.yaml', () => {
    const ok = ServerSchema.safeParse({ ...base, registry: { name: 'io.github.o/s', version: '1', env: [{ name: 'A', required: true, secret: false }] } });
    expect(ok.success).toBe(true);
    const bad = ServerSchema.safeParse({ ...base, registry: { name: 'io.github.o/s', version: '1', env: [{ name: 'A', required: true, secret: false, value: 'leak' }] } });
    expect(bad.success).toBe(false);
  });
});
