import { describe, expect, it } from 'vitest';
import { exportServerName, policyFiles, policyFormats, policyJsonText } from '../../../src/lib/view/policy-view.js';
import { generateToolPolicy } from '../../../src/lib/policy/generate.js';
import { EXPORT_FORMATS } from '../../../src/lib/policy/export/index.js';

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
