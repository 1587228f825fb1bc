import { describe, expect, it } from 'vitest';
import { defaultRules } from '../../../src/lib/classify/index.js';
import { buildSiteData } from '../../../src/lib/view/site-data.js';
import {
  browseCounts,
  browseRows,
  downloadsText,
  riskKey,
  serverDomain,
  sortRows,
  sourceEntries,
  sourceKind,
  words,
} from '../../../src/lib/view/server-browse.js';
import type { ToolDefinition } from '../../../src/lib/schema/index.js';
import { catalogServer } from './catalog-fixture.js';

const tool = (name: string, description = ''): ToolDefinition => ({ name, description });

describe('words', () => {
  it('splits camelCase, snake_case, kebab-case and scoped package names', () => {
    expect(words('@azure/mcp-server listKeyVaultSecrets get_pull_request HTMLParser')).toEqual(['azure', 'mcp', 'server', 'list', 'key', 'vault', 'secrets', 'get', 'pull', 'request', 'html', 'parser']);
  });
});

describe('serverDomain', () => {
  it('reads the name, package and description', () => {
    expect(serverDomain({ id: 'postgres', name: 'PostgreSQL', toolNames: ['query'] })).toBe('databases');
    expect(serverDomain({ id: 'x', name: 'Acme', package: '@acme/slack-mcp@1.0.0', toolNames: [] })).toBe('chat');
    expect(serverDomain({ id: 'x', name: 'Acme', description: 'Payments, invoices and refunds.', toolNames: [] })).toBe('finance');
    expect(serverDomain({ id: 'sentry', name: 'Sentry', description: 'Error tracking: issues, traces and alerts.', toolNames: ['list_issues'] })).toBe('observability');
  });

  it('falls back to the tools when the server says nothing about itself', () => {
    const names = ['navigate_page', 'click_element', 'take_screenshot', 'get_title'];
    expect(serverDomain({ id: 'acme', name: 'Acme', toolNames: names })).toBe('web');
    expect(serverDomain({ id: 'acme', name: 'Acme', toolNames: ['read_file', 'write_file', 'list_directory'] })).toBe('files');
  });

  it('places shells and devices, stores and CRMs, design tools, models and media, maps and travel', () => {
    expect(serverDomain({ id: 'x', name: 'Acme', description: 'Run shell commands over SSH.', toolNames: ['run'] })).toBe('shell');
    expect(serverDomain({ id: 'x', name: 'Acme', toolNames: ['adb_install', 'adb_screenshot', 'list_devices'] })).toBe('shell');
    expect(serverDomain({ id: 'x', name: 'Acme', package: '@acme/woocommerce-mcp@2.0.0', toolNames: ['products_list'] })).toBe('business');
    expect(serverDomain({ id: 'x', name: 'Acme', description: 'Generate diagrams and charts.', toolNames: [] })).toBe('design');
    expect(serverDomain({ id: 'x', name: 'Acme', description: 'Image and video generation with Gemini.', toolNames: ['generate'] })).toBe('media');
    expect(serverDomain({ id: 'acme', name: 'Acme', toolNames: ['get_weather', 'get_forecast', 'query'] })).toBe('places');
    expect(serverDomain({ id: 'x', name: 'Acme', description: 'Flights and hotels for your trip.', toolNames: [] })).toBe('places');
  });

  it('is "other" when nothing matches well enough, and a cloud name beats database words in its description', () => {
    expect(serverDomain({ id: 'sequential-thinking', name: 'Sequential thinking', toolNames: ['sequentialthinking'] })).toBe('other');
    expect(serverDomain({ id: 'acme', name: 'Acme', toolNames: ['get_status', 'ping', 'query'] })).toBe('other');
    expect(serverDomain({ id: 'everything', name: 'Everything (MCP reference test server)', description: "The MCP project's test server.", toolNames: ['echo', 'add'] })).toBe('other');
    expect(serverDomain({ id: 'azure', name: 'Azure MCP Server', description: 'Storage, Cosmos DB, Key Vault, AKS.', toolNames: ['cosmos_list', 'aks_cluster_list', 'storage_account_get', 'keyvault_secret_get'] })).toBe('cloud');
  });
});

describe('sources', () => {
  const doc = {
    servers: [
      { id: 'a', npm: 'a-mcp@1.0.0', downloads: { monthly: 1200, asOf: '2026-11-20' } },
      { id: 'b', pypi: 'b-mcp==0.3.1' },
      { id: 'c', serverJson: 'registry/c.server.json', downloads: { monthly: 'many', asOf: '2026-11-20' } },
      { id: 'd', file: 'seed/d.tools.json' },
      { npm: 'no-id@1.0.0' },
      'junk',
    ],
  };
  const entries = sourceEntries(doc);
  const stdio = { launch: { transport: 'stdio' as const, command: 'npx', args: [], env: [] } };

  it('reads entries loosely and keeps only well-formed downloads', () => {
    expect([...entries.keys()]).toEqual(['a', 'b', 'c', 'd']);
    expect(entries.get('a')!.downloads).toEqual({ monthly: 1200, asOf: '2026-11-20' });
    expect(entries.get('c')!.downloads).toBeUndefined();
    expect(sourceEntries(null).size).toBe(0);
  });

  it('derives the source kind from the entry, else from the launch', () => {
    expect(['a', 'b', 'c', 'd'].map((id) => sourceKind(entries.get(id), stdio))).toEqual(['npm', 'pypi', 'registry', 'file']);
    expect(sourceKind(undefined, { launch: { transport: 'file', file: 'x.json' } })).toBe('file');
    expect(sourceKind(undefined, { launch: { transport: 'sse', url: 'http://127.0.0.1:1/sse' } })).toBe('remote');
    expect(sourceKind(undefined, { launch: { transport: 'stdio', command: 'uvx', args: [], env: [] } })).toBe('pypi');
    expect(sourceKind(undefined, stdio)).toBe('npm');
  });

  it('says how many downloads and as of when, or nothing', () => {
    expect(downloadsText({ monthly: 12400, asOf: '2026-11-20' })).toBe('12,400 downloads a month (as of 2026-11-20)');
    expect(downloadsText(undefined)).toBeUndefined();
  });
});

describe('browse rows and sorting', () => {
  const data = buildSiteData(
    {
      dir: '/x',
      servers: [
        catalogServer('big', [tool('list_items'), tool('get_item'), tool('search_items'), tool('count_items')]),
        catalogServer('danger', [tool('delete_database', 'Permanently delete a database and all its data.'), tool('list_databases')]),
        catalogServer('popular', [tool('get_weather')]),
      ],
    },
    defaultRules(),
  );
  const rows = browseRows(data, sourceEntries({ servers: [{ id: 'popular', npm: 'p@1.0.0', downloads: { monthly: 50, asOf: '2026-11-01' } }, { id: 'big', npm: 'b@1.0.0', downloads: { monthly: 5, asOf: '2026-11-01' } }] }));

  it('sorts by risk level by level, by size, by downloads (none last) and by name', () => {
    const ids = (sort: Parameters<typeof sortRows>[1]) => sortRows(rows, sort).map((r) => r.server.id);
    expect(rows.find((r) => r.server.id === 'danger')!.riskKey[0]).toBeGreaterThan(0);
    expect(ids('risk')[0]).toBe('danger');
    expect(ids('size')).toEqual(['big', 'danger', 'popular']);
    expect(ids('popularity')).toEqual(['popular', 'big', 'danger']);
    expect(ids('name')).toEqual(['big', 'danger', 'popular']);
  });

  it('counts servers per domain and source', () => {
    const c = browseCounts(rows);
    expect(Object.values(c.domains).reduce((a, b) => a + b, 0)).toBe(3);
    expect(c.domains.databases).toBe(1);
    expect(c.sources.npm).toBe(3);
  });

  it('risk keys run from Critical down', () => {
    expect(riskKey([{ risk: 'Low', count: 5 }, { risk: 'Critical', count: 1 }])).toEqual([1, 0, 0, 5]);
  });
});
