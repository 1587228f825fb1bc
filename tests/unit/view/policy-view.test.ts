import { describe, expect, it, test } from 'vitest';
import { exportServerName, policyFiles, policyFormats, policyJsonText } from '../../../src/lib/view/policy-view.js';
import { generateServerPolicy, generateToolPolicy } from '../../../src/lib/policy/generate.js';
import { EXPORT_FORMATS, exportPolicy } from '../../../src/lib/policy/export/index.js';
import { CATEGORIES, RISK_LEVELS } from '../../../src/lib/schema/index.js';

const policy = generateToolPolicy('BinanceOptionsDeleteListenKey', { risk: 'Critical', category: 'Destructive' });

describe('policyFormats', () => {
  it('offers every export format with policy.json first, its text being the canonical policy.json', () => {
    const f = policyFormats(policy, { serverId: 'sperax-crypto-mcp' });
    expect(f.map((x) => x.format).sort()).toEqual(EXPORT_FORMATS.map((x) => x.id).sort());
    expect(f[0]?.format).toBe('policy');
    expect(JSON.parse(f[0]!.text)).toEqual(policy);
    expect(f[0]!.text).toBe(policyJsonText(policy));
    expect(f.every((x) => x.text.length > 0 && x.filename.length > 0 && x.mediaType.length > 0)).toBe(true);
  });

  it('exports a policy once per server: the same texts again, per server, and what a caller changes stays its own', () => {
    const server = generateServerPolicy([
      { name: 'delete_file', verdict: { category: 'Destructive', risk: 'Critical' } },
      { name: 'read_file', verdict: { category: 'Read', risk: 'Low' } },
    ]);
    const first = policyFormats(server, { serverId: 'cache-a' });
    const withNotes = first.findIndex((f) => (f.notes ?? []).length > 0);
    expect(withNotes).toBeGreaterThan(0);
    first[0]!.text = 'changed by a caller';
    first[withNotes]!.notes!.push('added by a caller');
    const again = policyFormats(server, { serverId: 'cache-a' });
    expect(again[0]!.text).toBe(policyJsonText(server));
    expect(again[withNotes]!.notes).not.toContain('added by a caller');
    const other = policyFormats(server, { serverId: 'cache-b' });
    expect(other.map((f) => f.text).join('\n')).toContain('cache-b');
    expect(other.map((f) => f.text).join('\n')).not.toContain('cache-a');
  });

  it('names a tool snippet\'s downloads after the tool, apart from the whole-server policy\'s', () => {
    const snippet = policyFormats(policy, { serverId: 'sperax-crypto-mcp', toolSlug: 'BinanceOptionsDeleteListenKey' });
    const whole = policyFormats(generateServerPolicy([{ name: 'BinanceOptionsDeleteListenKey', verdict: { risk: 'Critical', category: 'Destructive' } }, { name: 'x', verdict: { risk: 'Low', category: 'Read' } }]), { serverId: 'sperax-crypto-mcp' });
    expect(snippet.find((f) => f.format === 'policy')?.filename).toBe('sperax-crypto-mcp.BinanceOptionsDeleteListenKey.policy.json');
    expect(whole.find((f) => f.format === 'policy')?.filename).toBe('sperax-crypto-mcp.policy.json');
    for (const f of snippet) {
      expect(f.filename.startsWith('sperax-crypto-mcp.BinanceOptionsDeleteListenKey.')).toBe(true);
      expect(whole.map((w) => w.filename)).not.toContain(f.filename);
    }
    // The slug, not the raw name, is what goes into the file name (and the text keeps the raw name).
    const odd = policyFormats(generateToolPolicy('../etc/passwd', { risk: 'Critical', category: 'Destructive' }), { serverId: 's', toolSlug: 'etc-passwd-1a2b3c' });
    for (const f of odd) expect(f.filename).toMatch(/^s\.etc-passwd-1a2b3c\.[a-z.-]+$/);
    // A slug no catalogue writes (a hand-placed file) still gives a safe, distinct file name.
    const odd2 = policyFormats(policy, { serverId: 's', toolSlug: '../x' });
    for (const f of odd2) expect(f.filename).toMatch(/^s\.x-[0-9a-f]{6}\.[a-z.-]+$/);
  });

  it('links the non-policy.json formats as files', () => {
    const files = policyFiles(policyFormats(policy, { serverId: 's' }), 's');
    expect(files).toHaveLength(EXPORT_FORMATS.length - 1);
    expect(files.every((x) => x.href.startsWith('/policy/s/') && x.href.endsWith(encodeURIComponent(x.filename)))).toBe(true);
  });
});

describe('exportServerName', () => {
  it('keeps valid ids and maps others to distinct valid names', () => {
    expect(exportServerName('sperax-crypto-mcp')).toBe('sperax-crypto-mcp');
    const a = exportServerName('a.b');
    const b = exportServerName('a:b');
    expect(a).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
    expect(b).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
    expect(a).not.toBe(b);
    expect(exportServerName('x'.repeat(80))).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
  });
});

describe('policyFormats of one-tool policies (exported once per shape, the name put back)', () => {
  const names = [
    'a', 'x1', '1', '0x10', '1e5', '-', '_', '--rm', 'true', 'no', 'null', 'yes', 'on', 'default', 'hide', 'deny', 'allow', 'rules',
    'version', 'tools', 'mcp', 'create_issue', 'createIssue', 'create-issue', 'GithubCreateIssue', 'BinanceOptionsDeleteListenKey',
    'zQ9toolNAMEmark7Xz', 'zQ9toolNAMEmark7Xz_x', 'x'.repeat(64),
    // not plain: exported directly
    'x'.repeat(65), 'with space', 'dot.ted', 'quote"d', "it's", 'ünï', '*', 'a\nb', '',
  ];
  const verdicts = CATEGORIES.flatMap((category) => RISK_LEVELS.map((risk) => ({ category, risk })));
  test.each(['github', 'my.server'])('same texts, files and notes as exporting each format directly (server %s)', (serverId) => {
    const server = exportServerName(serverId);
    for (const name of names) {
      for (const verdict of verdicts) {
        const policy = name ? generateToolPolicy(name, verdict) : { version: '1' as const, default: 'deny' as const, hide: [], rules: [] };
        const expected = EXPORT_FORMATS.map((f) => exportPolicy(f.id, policy, { server }));
        const got = policyFormats(policy, { serverId });
        expect(got.map((v) => v.format).sort()).toEqual(EXPORT_FORMATS.map((f) => f.id).sort());
        for (const v of got) {
          const r = expected[EXPORT_FORMATS.findIndex((f) => f.id === v.format)]!;
          expect({ text: v.text, filename: v.filename, mediaType: v.mediaType, notes: v.notes ?? [] }).toEqual({ text: r.text, filename: r.filename, mediaType: r.mediaType, notes: r.notes });
        }
      }
    }
  });
});
