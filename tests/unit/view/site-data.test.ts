import { describe, expect, it } from 'vitest';
import { buildSiteData, mostDangerous, relatedTools, type SiteData } from '../../../src/lib/view/site-data.js';
import { toolJson, toolPageView } from '../../../src/lib/view/tool-page.js';
import { classify, defaultRules, effectiveVerdict } from '../../../src/lib/classify/index.js';
import { generateToolPolicy } from '../../../src/lib/policy/generate.js';
import { evaluate } from '../../../src/lib/policy/evaluate.js';
import type { Review, ToolDefinition } from '../../../src/lib/schema/index.js';
import { catalogServer } from './catalog-fixture.js';
import { dangerScore } from '../../../src/lib/view/danger.js';

const server = catalogServer;

const A: ToolDefinition[] = [
  { name: 'delete_file', description: 'Delete a file permanently.', inputSchema: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] } },
  { name: 'read_file', description: 'Read a file.', annotations: { readOnlyHint: false } },
  { name: 'remove_dir', description: 'Remove a directory and everything in it.' },
  { name: 'list_files', description: 'List files in a folder.' },
  { name: 'drop_table', description: 'Drop a database table.' },
];
const B: ToolDefinition[] = [{ name: 'delete_issue', description: 'Delete an issue.' }, { name: 'get_issue', description: 'Get an issue.' }];

function data(): SiteData {
  return buildSiteData(
    {
      dir: '/x',
      servers: [
        server('a', A, { read_file: { risk: 'High', reason: 'Reads secrets in practice.' } }),
        server('b', B),
      ],
    },
    defaultRules(),
  );
}

describe('buildSiteData', () => {
  it('flags "shadows a common tool" only on names another catalogue server also lists', () => {
    const flagged = (d: SiteData, serverId: string, name: string): boolean =>
      d.tools.find((t) => t.serverId === serverId && t.name === name)!.flags.some((f) => f.id === 'shadows-common-tool');
    // Server a's read_file is the only one in this catalogue: not flagged.
    expect(flagged(data(), 'a', 'read_file')).toBe(false);
    const withCopy = buildSiteData({ dir: '/x', servers: [server('a', A), server('c', [{ name: 'readFile', description: 'Read a file.' }])] }, defaultRules());
    expect(flagged(withCopy, 'a', 'read_file')).toBe(true);
    expect(flagged(withCopy, 'c', 'readFile')).toBe(true);
    expect(flagged(withCopy, 'a', 'delete_file')).toBe(false);
  });

  it('classifies every tool once with the given rules, applies reviews and generates the policy from the effective verdict', () => {
    const d = data();
    expect(d.tools).toHaveLength(A.length + B.length);
    for (const t of d.tools) {
      expect(t.classification).toEqual(classify(t.definition, defaultRules()));
      const v = effectiveVerdict(t.classification, t.review);
      expect(t.verdict).toMatchObject({ category: v.category, risk: v.risk, overridden: v.overridden });
      expect(t.policy).toEqual(generateToolPolicy(t.name, { category: v.category, risk: v.risk }));
    }
    const reviewed = d.tools.find((t) => t.name === 'read_file')!;
    expect(reviewed.verdict.risk).toBe('High');
    expect(reviewed.verdict.overridden).toBe(true);
  });

  it('keeps per-risk and per-category lists consistent with the tools, most dangerous first', () => {
    const d = data();
    const all = Object.values(d.byRisk).flat();
    expect(all).toHaveLength(d.tools.length);
    expect(Object.values(d.byCategory).flat()).toHaveLength(d.tools.length);
    for (const [risk, list] of Object.entries(d.byRisk)) expect(list.every((t) => t.verdict.risk === risk)).toBe(true);
    expect(d.distribution.total).toBe(d.tools.length);
  });

  it('picks the most dangerous tools by danger score, at most two per server while others remain', () => {
    const d = data();
    const top = mostDangerous(d, 3);
    expect(top).toHaveLength(3);
    expect(top.filter((t) => t.serverId === 'a').length).toBeLessThanOrEqual(2);
    expect(top.some((t) => t.serverId === 'b')).toBe(true);
    const score = (t: (typeof top)[number]): number => dangerScore({ risk: t.verdict.risk, category: t.verdict.category, flags: t.flags });
    for (let i = 1; i < top.length; i++) expect(score(top[i - 1]!)).toBeGreaterThanOrEqual(score(top[i]!));
    expect(score(top[0]!)).toBe(Math.max(...d.tools.map(score)));
  });

  it('whole-server policies name every tool and default to deny', () => {
    for (const s of data().servers) {
      expect(s.policy.default).toBe('deny');
      for (const t of s.tools) expect(evaluate(s.policy, t.name).source).not.toBe('default');
    }
  });
});

describe('relatedTools', () => {
  it('lists the same server and category first, never the tool itself, within the limit', () => {
    const d = data();
    const t = d.tools.find((x) => x.name === 'delete_file')!;
    const related = relatedTools(d, t, 3);
    expect(related).not.toContain(t);
    expect(related.length).toBeLessThanOrEqual(3);
    const sameServerSameCat = d.servers[0]!.tools.filter((x) => x !== t && x.verdict.category === t.verdict.category);
    expect(related.slice(0, sameServerSameCat.length).every((x) => x.serverId === 'a' && x.verdict.category === t.verdict.category)).toBe(true);
    expect(related.every((x) => x.verdict.category === t.verdict.category)).toBe(true);
  });
});

describe('toolPageView and toolJson', () => {
  it('says on every tool page of a server saved from source that it was not listed live', () => {
    const saved = server('saved', [{ name: 'a_tool', description: 'Get a thing.' }, { name: 'b_tool', description: 'Get another.' }]);
    saved.server.launch = { transport: 'file', file: 'seed/saved.tools.json' };
    saved.server.provenance = 'Extracted from the source of the saved project.';
    const d = buildSiteData({ dir: '/x', servers: [saved, server('b', B)] }, defaultRules());
    for (const t of d.tools) {
      const v = toolPageView(d, t);
      if (t.serverId === 'saved') {
        expect(v.fromSource?.text).toMatch(/not listed by a running server/);
        expect(v.fromSource?.provenance).toBe('Extracted from the source of the saved project.');
        expect(v.fromSource?.href).toBe('/servers/saved/#provenance');
      } else expect(v.fromSource).toBeUndefined();
    }
  });

  it('shows the classifier verdict beside a review, and the JSON carries both', () => {
    const d = data();
    const t = d.tools.find((x) => x.name === 'read_file')!;
    const v = toolPageView(d, t);
    expect(v.override).toMatchObject({ classifierRisk: t.classification.risk, reason: 'Reads secrets in practice.' });
    const json = toolJson(t, 'https://example.org');
    expect(json).toMatchObject({ risk: 'High', overridden: true, classifier: { risk: t.classification.risk } });
    expect(json.url).toBe('https://example.org/servers/a/tools/read_file/');
  });

  it('warns when a declared hint contradicts the prediction, and its FAQ agrees with evaluate', () => {
    const d = data();
    const t = d.tools.find((x) => x.name === 'read_file')!;
    const v = toolPageView(d, t);
    const ro = v.annotations.find((a) => a.hint === 'readOnlyHint')!;
    expect(ro.declared).toBe(false);
    expect(v.conflicts.includes(ro)).toBe(ro.conflict);
    const enforce = v.faq.find((f) => f.id === 'enforce')!;
    expect(enforce.decision).toEqual(evaluate(t.policy, t.name));
    expect(v.params.rows).toEqual([]);
    const del = toolPageView(d, d.tools.find((x) => x.name === 'delete_file')!);
    expect(del.params.rows.map((r) => [r.name, r.required])).toEqual([['path', true]]);
    expect(del.formats[0]?.format).toBe('policy');
  });
});

describe('a review that confirms the verdict', () => {
  it('is shown as a confirmation, not an override', () => {
    const d = buildSiteData(
      { dir: '/x', servers: [server('c', [{ name: 'list_files', description: 'List files.' }], { list_files: { reason: 'Checked: read only.' } })] },
      defaultRules(),
    );
    const t = d.tools[0]!;
    expect(t.verdict.overridden).toBe(false);
    const v = toolPageView(d, t);
    expect(v.override).toBeUndefined();
    expect(v.confirmed?.reason).toBe('Checked: read only.');
  });
});
