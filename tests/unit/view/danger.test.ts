import { describe, expect, it } from 'vitest';
import { DANGER_RISK, dangerScore, pickMostDangerous, type DangerCandidate } from '../../../src/lib/view/danger.js';
import { CATEGORIES, RISK_LEVELS } from '../../../src/lib/schema/index.js';

const tool = (serverId: string, name: string, risk: DangerCandidate['risk'], category: DangerCandidate['category'], flags: string[] = []): DangerCandidate => ({
  serverId,
  name,
  risk,
  category,
  flags: flags.map((id) => ({ id })),
});

describe('dangerScore', () => {
  it('ranks by risk first: a higher level scores more in the same category, and no High tool, whatever its flags, passes a Critical Destructive one', () => {
    const levels = [...RISK_LEVELS];
    for (let i = 1; i < levels.length; i++) {
      for (const c of CATEGORIES) expect(dangerScore(tool('s', 'x', levels[i]!, c))).toBeGreaterThan(dangerScore(tool('s', 'x', levels[i - 1]!, c)));
    }
    const highBest = Math.max(...CATEGORIES.map((c) => dangerScore(tool('s', 'x', 'High', c, ['a', 'b', 'c', 'd', 'e']))));
    expect(dangerScore(tool('s', 'x', 'Critical', 'Destructive'))).toBeGreaterThan(highBest);
    expect(DANGER_RISK.Critical).toBeGreaterThan(DANGER_RISK.High);
  });

  it('ranks irreversible, money and code actions above writes and reads, and warning flags within a level', () => {
    expect(dangerScore(tool('s', 'x', 'Critical', 'Destructive'))).toBeGreaterThan(dangerScore(tool('s', 'x', 'Critical', 'Write')));
    expect(dangerScore(tool('s', 'x', 'Critical', 'Write'))).toBeGreaterThan(dangerScore(tool('s', 'x', 'Critical', 'Read')));
    expect(dangerScore(tool('s', 'x', 'High', 'Write', ['hidden-instructions']))).toBeGreaterThan(dangerScore(tool('s', 'x', 'High', 'Write')));
    // A flag counts once, and at most three count.
    expect(dangerScore(tool('s', 'x', 'High', 'Write', ['a', 'a']))).toBe(dangerScore(tool('s', 'x', 'High', 'Write', ['a'])));
    expect(dangerScore(tool('s', 'x', 'High', 'Write', ['a', 'b', 'c', 'd']))).toBe(dangerScore(tool('s', 'x', 'High', 'Write', ['a', 'b', 'c'])));
  });
});

describe('confidence in the danger score', () => {
  it('a verdict the classifier is less sure of ranks below an equally flagged sure one, and stays above every High tool', () => {
    const sure = dangerScore(tool('s', 'x', 'Critical', 'Destructive', ['code-param']));
    const medium = dangerScore({ ...tool('s', 'x', 'Critical', 'Destructive', ['code-param']), confidence: 'medium' });
    const low = dangerScore({ ...tool('s', 'x', 'Critical', 'Destructive', ['code-param']), confidence: 'low' });
    expect(sure).toBeGreaterThan(medium);
    expect(medium).toBeGreaterThan(low);
    expect(dangerScore({ ...tool('s', 'x', 'Critical', 'Destructive'), confidence: 'high' })).toBe(dangerScore(tool('s', 'x', 'Critical', 'Destructive')));
    const highBest = Math.max(...CATEGORIES.map((c) => dangerScore(tool('s', 'x', 'High', c, ['a', 'b', 'c']))));
    expect(dangerScore({ ...tool('s', 'x', 'Critical', 'Destructive'), confidence: 'medium' })).toBeGreaterThan(highBest);
  });

  it('a sure Critical tool with one flag leads a medium-confidence one with three', () => {
    const guess = { ...tool('a', 'interact', 'Critical', 'Destructive', ['code-param', 'long-description-peer', 'shadows-common-tool']), confidence: 'medium' as const };
    const sure = tool('b', 'run_command', 'Critical', 'Execute', ['code-param', 'shadows-common-tool']);
    expect(pickMostDangerous([guess, sure], 2).map((t) => t.name)).toEqual(['run_command', 'interact']);
  });
});

describe('pickMostDangerous', () => {
  // One server with eight Critical "close listen key" tools, the way the model server looks.
  const keys = Array.from({ length: 8 }, (_, i) => tool('crypto', `Binance${i}DeleteListenKey`, 'Critical', 'Destructive'));
  const others = [
    tool('crypto', 'WithdrawToAddress', 'Critical', 'Financial'),
    tool('shell', 'run_command', 'Critical', 'Execute'),
    tool('files', 'delete_file', 'Critical', 'Destructive'),
    tool('files', 'write_file', 'High', 'Write'),
    tool('db', 'drop_table', 'Critical', 'Destructive'),
    tool('git', 'push_files', 'High', 'Write', ['annotation-conflict']),
    tool('web', 'fetch', 'Medium', 'Read'),
  ];
  const all = [...keys, ...others];

  it('spreads the list across servers and categories instead of one server\'s near-duplicates', () => {
    const top = pickMostDangerous(all, 6);
    expect(top).toHaveLength(6);
    const perServer = new Map<string, number>();
    for (const t of top) perServer.set(t.serverId, (perServer.get(t.serverId) ?? 0) + 1);
    expect(Math.max(...perServer.values())).toBeLessThanOrEqual(2);
    expect(perServer.size).toBeGreaterThanOrEqual(4);
    expect(new Set(top.map((t) => t.category)).size).toBeGreaterThanOrEqual(3);
    expect(top.filter((t) => t.name.endsWith('DeleteListenKey')).length).toBeLessThanOrEqual(2);
    // Every tool left out is either less dangerous than the last pick, or its server or category was full.
    const last = dangerScore(top[top.length - 1]!);
    for (const t of all) if (!top.includes(t) && dangerScore(t) > last) expect(perServer.get(t.serverId) === 2 || top.filter((p) => p.category === t.category).length >= 3).toBe(true);
  });

  it('shows one tool per name across servers (case and separators aside) while others are left', () => {
    const evals = ['a', 'b', 'c', 'd'].map((s) => tool(s, s === 'd' ? 'browserEvaluate' : 'browser_evaluate', 'Critical', 'Execute', ['code-param']));
    const top = pickMostDangerous([...evals, tool('e', 'execute_sql', 'Critical', 'Execute'), tool('f', 'delete_repo', 'Critical', 'Destructive')], 3);
    expect(top.map((t) => t.name)).toEqual(['browserEvaluate', 'delete_repo', 'execute_sql']);
    // With nothing else left, the same names fill the list.
    expect(pickMostDangerous(evals, 3)).toHaveLength(3);
  });

  it('is shown most dangerous first, is deterministic, and fills the list when the caps leave it short', () => {
    const top = pickMostDangerous(all, 6);
    for (let i = 1; i < top.length; i++) expect(dangerScore(top[i - 1]!)).toBeGreaterThanOrEqual(dangerScore(top[i]!));
    expect(pickMostDangerous([...all].reverse(), 6)).toEqual(top);
    const small = pickMostDangerous(keys, 5);
    expect(small).toHaveLength(5);
    expect(pickMostDangerous(all, 0)).toEqual([]);
    expect(pickMostDangerous(all, 100)).toHaveLength(all.length);
  });
});
