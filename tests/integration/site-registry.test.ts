/**
 * The server page of a server ingested from an MCP Registry server.json shows the registry name,
 * version and the declared environment variables with secret ones marked, escaping their
 * (untrusted) descriptions. Builds a one-server catalogue with the real site build.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeServerSnapshot } from '../../src/lib/catalog/index.js';
import { buildSite, repoScratch } from '../../scripts/bench/site-build.js';

let catalog: string;
let out: string;
const HOSTILE = '<img src=x onerror="alert(1)"> key';

beforeAll(async () => {
  catalog = mkdtempSync(join(tmpdir(), 'mcp-registry-cat-'));
  writeServerSnapshot(catalog, {
    server: {
      id: 'io-github-example-weather',
      name: 'Weather',
      launch: { transport: 'stdio', command: 'uvx', args: ['weather-mcp@1.0.0'], env: ['WEATHER_API_KEY'] },
      package: 'weather-mcp==1.0.0',
      registry: {
        name: 'io.github.example/weather',
        version: '1.0.0',
        started: 'pypi',
        env: [
          { name: 'WEATHER_API_KEY', required: true, secret: true, description: HOSTILE },
          { name: 'WEATHER_UNITS', required: false, secret: false, description: 'metric or imperial' },
        ],
      },
    },
    tools: [{ position: 0, definition: { name: 'get_forecast', description: 'Get the forecast for a city.', inputSchema: { type: 'object' } } }],
  });
  out = repoScratch('site-registry', 'test-results');
  const r = await buildSite({ catalog, out, timeoutMs: 240_000 });
  if (r.code !== 0) throw new Error(`site build failed (${r.signal ?? `exit ${r.code}`}):\n${r.log.slice(-3000)}`);
}, 300_000);

afterAll(() => {
  if (out) for (const p of [out, `${out}.build-cache`]) rmSync(p, { recursive: true, force: true });
  if (catalog) rmSync(catalog, { recursive: true, force: true });
});

describe('server page of a registry server', () => {
  it('shows the registry name, version and declared variables, secret ones marked', () => {
    const html = readFileSync(join(out, 'servers', 'io-github-example-weather', 'index.html'), 'utf8');
    expect(html).toMatch(/<code data-registry-name[^>]*>io\.github\.example\/weather<\/code>, version <code[^>]*>1\.0\.0<\/code>/);
    expect(html).toContain('Its PyPI package was installed and started over stdio for this listing.');
    expect(html).toMatch(/<tr data-env="WEATHER_API_KEY" data-secret="true"[^>]*>.*?<strong[^>]*>required, secret<\/strong>/s);
    expect(html).toMatch(/<tr data-env="WEATHER_UNITS" data-secret="false"[^>]*>.*?optional/s);
    expect(html).toContain('1 secret, marked; the catalogue never stores any value');
    // The declared description is untrusted text: escaped, never markup.
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt; key');
  });
});
