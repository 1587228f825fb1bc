import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditConfig, auditServerJson, exportAudit, nameCollisions, parseAuditIndex, parseAuditServer, parseConfig, renderAuditTable, type AuditServer, type CatalogueIndex } from '../../../src/lib/audit/index.js';
import { auditServerOfSite, loadAuditIndex, loadCatalogueFor } from '../../../src/lib/audit/load.js';
import { defaultTrifectaRules } from '../../../src/lib/analysis/index.js';
import { evaluate } from '../../../src/lib/policy/evaluate.js';
import { EXPORT_FORMATS } from '../../../src/lib/policy/export/index.js';
import { getSiteData } from '../../../src/lib/view/site-data.js';

const DIR = 'tests/fixtures/configs';
const FILES = [
  'claude-desktop/claude_desktop_config.json',
  'claude-code/.mcp.json',
  'claude-code-user/.claude.json',
  'cursor/mcp.json',
  'vscode/.vscode/mcp.json',
  'windsurf/mcp_config.json',
  'codex/config.toml',
];
const STACKS = ['stacks/trifecta.mcp.json', 'stacks/safe.mcp.json'];
const read = (rel: string): { text: string; fileName: string } => ({ text: readFileSync(join(DIR, rel), 'utf8'), fileName: join(DIR, rel) });

/** What every realistic fixture must report, server by server (the shipped catalogue's entries). */
const EXPECTED: Record<string, { status: string; id?: string; version?: string }> = {
  filesystem: { status: 'catalogue', id: 'filesystem', version: 'exact' },
  github: { status: 'catalogue', id: 'github', version: 'unpinned' },
  slack: { status: 'catalogue', id: 'slack', version: 'other' },
  postgres: { status: 'catalogue', id: 'postgres', version: 'exact' },
  memory: { status: 'catalogue', id: 'memory', version: 'unpinned' },
  playwright: { status: 'catalogue', id: 'playwright', version: 'unpinned' },
  tavily: { status: 'catalogue', id: 'tavily', version: 'exact' },
  fetch: { status: 'unknown' },
  linear: { status: 'unknown' },
};

let catalogue: CatalogueIndex;

beforeAll(() => {
  // One catalogue holding every server any fixture matches, loaded the CLI's way.
  const servers = new Map<string, AuditServer>();
  let index = loadAuditIndex('catalog');
  for (const rel of [...FILES, ...STACKS]) {
    const c = loadCatalogueFor('catalog', parseConfig(read(rel).text, read(rel).fileName));
    index = c.index;
    for (const [k, v] of c.servers) servers.set(k, v);
  }
  catalogue = { index, servers };
}, 120_000);

describe('auditConfig on every format', () => {
  it.each(FILES)('%s gives the expected report', (rel) => {
    const r = auditConfig(read(rel), catalogue);
    expect(r.servers.map((s) => s.name).sort()).toEqual(Object.keys(EXPECTED).sort());
    for (const s of r.servers) {
      const want = EXPECTED[s.name];
      expect({ name: s.name, status: s.status, id: s.catalogue?.id, version: s.catalogue?.version }).toEqual({ name: s.name, status: want?.status, id: want?.id, version: want?.version });
      if (s.status === 'catalogue') {
        const data = catalogue.servers.get(s.catalogue?.id ?? '');
        expect(s.tools?.total).toBe(data?.tools.length);
        expect(s.tools?.critical).toEqual(data?.tools.filter((t) => t.risk === 'Critical').map((t) => t.name));
      } else {
        expect(s.check).toMatch(/^mcp-risk ingest --(command|url) /);
      }
    }
    const slack = r.servers.find((s) => s.name === 'slack');
    expect(slack?.catalogue).toMatchObject({ configVersion: '2025.1.17', catalogueVersion: '2025.4.25' });
    expect(r.servers.find((s) => s.name === 'fetch')?.package).toEqual({ ecosystem: 'pypi', name: 'mcp-server-fetch' });
    // Findings: Critical tools (memory's deletes), trifectas, two unknown servers.
    const kinds = r.findings.map((f) => f.kind);
    expect(kinds).toContain('critical-allowed');
    expect(kinds).toContain('cross-server-trifecta');
    expect(kinds.filter((k) => k === 'unknown-server')).toHaveLength(2);
    expect(r.exitCode).toBe(1);
    expect(Object.keys(r.policy).sort()).toEqual(['filesystem', 'github', 'memory', 'playwright', 'postgres', 'slack', 'tavily']);
  });

  it('all formats give the same combined policy for the same stack', () => {
    const texts = FILES.map((rel) => exportAudit(auditConfig(read(rel), catalogue), 'policy').text);
    for (const t of texts) expect(t).toBe(texts[0]);
  });
});

describe('secrets never appear in any output', () => {
  it.each([...FILES, ...STACKS])('%s', (rel) => {
    const r = auditConfig(read(rel), catalogue);
    const outputs = [JSON.stringify(r), renderAuditTable(r).join('\n'), ...EXPORT_FORMATS.map((f) => exportAudit(r, f.id).text + exportAudit(r, f.id).notes.join('\n'))];
    for (const o of outputs) expect(o).not.toMatch(/S3CRET/);
    // The fixtures do put secrets there.
    expect(read(rel).text).toMatch(/S3CRET/);
  });
});

describe('the lethal trifecta across servers', () => {
  it('is found on a filesystem reader + a web fetcher that sends', () => {
    const r = auditConfig(read('stacks/trifecta.mcp.json'), catalogue);
    expect(r.trifecta.singleServer).toEqual([]);
    expect(r.trifecta.pathCount).toBeGreaterThan(0);
    const path = r.trifecta.paths.find((p) => p.privateData.server === 'files' && p.externalSend.server === 'web');
    expect(path).toBeDefined();
    expect(path?.privateData.tools).toContain('read_text_file');
    expect(path?.untrustedContent.server).toBe('web');
    expect(path?.externalSend.tools.length).toBeGreaterThan(0);
    expect(r.findings.map((f) => f.kind)).toEqual(['cross-server-trifecta']);
    expect(r.exitCode).toBe(1);
  });

  it('is not found on a safe stack, which is clean', () => {
    const r = auditConfig(read('stacks/safe.mcp.json'), catalogue);
    expect(r.servers.every((s) => s.status === 'catalogue')).toBe(true);
    expect(r.trifecta.pathCount).toBe(0);
    expect(r.findings).toEqual([]);
    expect(r.exitCode).toBe(0);
  });

  it('disabled servers and tools are left out', () => {
    const text = '[mcp_servers.files]\ncommand = "npx"\nargs = ["-y", "@modelcontextprotocol/server-filesystem@2026.8.31"]\n[mcp_servers.web]\ncommand = "npx"\nargs = ["-y", "tavily-mcp@0.2.22"]\nenabled = false\n';
    const r = auditConfig({ text, fileName: 'config.toml' }, catalogue);
    expect(r.trifecta.pathCount).toBe(0);
    const mem = auditConfig({ text: '[mcp_servers.m]\ncommand = "npx"\nargs = ["@modelcontextprotocol/server-memory"]\ndisabled_tools = ["delete_entities", "delete_observations", "delete_relations"]\n', fileName: 'config.toml' }, catalogue);
    expect(mem.servers[0]?.tools?.critical).toEqual([]);
    expect(mem.servers[0]?.tools?.exposed).toBe((mem.servers[0]?.tools?.total ?? 0) - 3);
  });
});

describe('tool names two servers share', () => {
  it('nameCollisions lists each name exposed by more than one server, servers in the order given', () => {
    expect(
      nameCollisions([
        { server: 'b', names: ['search', 'read_file', 'search'] },
        { server: 'a', names: ['read_file', 'Search'] },
        { server: 'c', names: ['read_file', 'search'] },
      ]),
    ).toEqual([
      { name: 'read_file', servers: ['b', 'a', 'c'] },
      { name: 'search', servers: ['b', 'c'] },
    ]);
    expect(nameCollisions([{ server: 'a', names: ['x', 'x'] }])).toEqual([]);
  });

  it('a fork beside the server it copies is a finding naming both; disabling either removes it', () => {
    const config = (disabled: string) =>
      JSON.stringify({
        mcpServers: {
          upstream: { command: 'npx', args: ['@playwright/mcp@0.0.83'], ...(disabled === 'upstream' ? { disabled: true } : {}) },
          fork: { command: 'npx', args: ['-y', '@ejazullah/mcp-playwright@0.0.41'], ...(disabled === 'fork' ? { disabled: true } : {}) },
        },
      });
    const cat = loadCatalogueFor('catalog', parseConfig(config(''), 'mcp.json'));
    const audit = (disabled: string) => auditConfig({ text: config(disabled), fileName: 'mcp.json' }, cat);
    const both = audit('');
    const upstream = new Set(cat.servers.get('playwright')!.tools.map((t) => t.name));
    const shared = [...new Set(cat.servers.get('ejazullah-mcp-playwright')!.tools.map((t) => t.name).filter((n) => upstream.has(n)))].sort();
    expect(shared).toContain('browser_navigate');
    expect(both.collisions).toEqual(shared.map((name) => ({ name, servers: ['upstream', 'fork'] })));
    const finding = both.findings.find((f) => f.kind === 'name-collision');
    expect(finding?.servers).toEqual(['upstream', 'fork']);
    expect(finding?.message).toMatch(new RegExp(`^${shared.length} tool names are exposed by more than one server \\("${shared[0]}" by upstream and fork; `));
    expect(both.exitCode).toBe(1);
    for (const off of ['upstream', 'fork']) {
      const r = audit(off);
      expect(r.collisions).toEqual([]);
      expect(r.findings.map((f) => f.kind)).not.toContain('name-collision');
    }
  });
});

describe('the site and the CLI hold the same data', () => {
  it('the audit data built from site data equals the CLI loader, and each policy is the server page policy', () => {
    const site = getSiteData('catalog');
    const rules = defaultTrifectaRules();
    const r = auditConfig(read('claude-desktop/claude_desktop_config.json'), catalogue);
    for (const s of r.servers) {
      if (!s.catalogue) continue;
      const ss = site.serverById.get(s.catalogue.id);
      expect(ss).toBeDefined();
      const fromSite = parseAuditServer(JSON.parse(JSON.stringify(auditServerJson(auditServerOfSite(ss!, rules)))), 'x.json');
      expect(fromSite).toEqual(catalogue.servers.get(s.catalogue.id));
      expect(r.policy[s.key]).toEqual(ss!.policy);
      for (const t of ss!.tools) if (t.name) expect(evaluate(r.policy[s.key]!, t.name).outcome).toBe(evaluate(ss!.policy, t.name).outcome);
    }
    expect(parseAuditIndex(JSON.parse(JSON.stringify(catalogue.index)), 'index.json')).toEqual(catalogue.index);
  }, 120_000);
});
