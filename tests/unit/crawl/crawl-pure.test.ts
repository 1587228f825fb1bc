/** The crawl's pure parts: results file, causes, second tries, progress formatting, shards, sources.yaml edits, history merge. */
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { classifyFailure } from '../../../src/lib/crawl/causes.js';
import { mergeHistory } from '../../../src/lib/crawl/merge.js';
import { formatDuration, formatProgressBar, formatProgressLine, rateAndEta } from '../../../src/lib/crawl/progress.js';
import { doneKeys, finalByKey, formatRecord, parseResults, resultKey, type CrawlRecord } from '../../../src/lib/crawl/results.js';
import { dummyValue, envNamesFromReadme, secondTries } from '../../../src/lib/crawl/retries.js';
import { inShard, parseShard, shardOf } from '../../../src/lib/crawl/shard.js';
import { applySourceFix } from '../../../src/lib/crawl/sources-edit.js';

const rec = (key: string, outcome: 'listed' | 'failed', final: boolean, cause?: CrawlRecord['cause']): CrawlRecord => ({
  key, id: key.split('@')[0] as string, attempt: 'as-listed', try: 1, final, outcome, ...(cause ? { cause } : {}), seconds: { total: 1 }, at: '2026-12-01T00:00:00.000Z',
});

describe('results file', () => {
  it('keys npm sources by id and version, others by kind', () => {
    expect(resultKey({ id: 'gh', npm: '@scope/server-github@2025.4.8' })).toBe('gh@2025.4.8');
    expect(resultKey({ id: 'spx', file: 'seed/x.json' })).toBe('spx@file');
    expect(resultKey({ id: 'remote' })).toBe('remote@url');
  });

  it('round-trips records and ignores a half-written last line', () => {
    const text = formatRecord(rec('a@1', 'listed', true)) + formatRecord(rec('b@1', 'failed', false)) + '{"key":"c@1","outc';
    const { records, skipped } = parseResults(text);
    expect(records.map((r) => r.key)).toEqual(['a@1', 'b@1']);
    expect(skipped).toBe(1);
  });

  it('skips listed and failed keys, a later verdict replacing an earlier one; in-flight keys are redone', () => {
    const records = [rec('a@1', 'failed', true, 'timeout'), rec('a@1', 'listed', true), rec('b@1', 'failed', true, 'registry-missing'), rec('c@1', 'failed', false)];
    expect(finalByKey(records).get('a@1')?.outcome).toBe('listed');
    expect([...doneKeys(records)].sort()).toEqual(['a@1', 'b@1']);
    expect([...doneKeys(records, { retryFailed: true })]).toEqual(['a@1']);
    expect([...doneKeys(records, { retryCauses: ['registry-missing'] })]).toEqual(['a@1']);
  });
});

describe('classifyFailure', () => {
  it('tells a dependency this registry does not serve from other install failures', () => {
    expect(classifyFailure('x: npm: npm install a@1 failed: npm error code ETARGET | npm error notarget No matching version found for @aws-sdk/core@3.9', undefined, 'install')).toBe('registry-missing');
    expect(classifyFailure('x: npm: npm install a@1 failed: npm error 404 Not Found - GET https://registry/b - Not found', undefined, 'install')).toBe('registry-missing');
    expect(classifyFailure('x: npm: npm install a@1 failed: npm error code ERESOLVE', undefined, 'install')).toBe('install-failed');
  });
  it('names the usual start-up failures', () => {
    expect(classifyFailure('server exited with code 1 during initialize; stderr: "Error: Cannot find module \'/x/y.js\'"', 'exited', 'list')).toBe('missing-module');
    expect(classifyFailure('stderr: "Error: Could not locate the bindings file. Tried: better_sqlite3.node"', 'exited', 'list')).toBe('native-module');
    expect(classifyFailure('stderr: "Apify MCP server requires Node.js 22 or later"', 'exited', 'list')).toBe('node-version');
    expect(classifyFailure('stderr: "Error: FOO_API_KEY environment variable is required"', 'exited', 'list')).toBe('needs-credentials');
    expect(classifyFailure('stderr: "getaddrinfo ENOTFOUND api.example.com"', 'exited', 'list')).toBe('needs-network');
    expect(classifyFailure('timed out after 30000 ms waiting for initialize', 'timeout', 'list')).toBe('timeout');
    expect(classifyFailure('x: bin: package x declares no bin', undefined, 'prepare')).toBe('not-a-server');
    expect(classifyFailure('server exited with code 0 during initialize', 'exited', 'list')).toBe('exited');
    expect(classifyFailure('no tools', 'no-tools', 'list')).toBe('no-tools');
  });
});

describe('second tries', () => {
  const README = [
    '```json', '{ "mcpServers": { "x": { "command": "npx", "args": ["-y", "x"],', '  "env": { "X_API_KEY": "<your key>", "X_BASE_URL": "https://api.x.com", "PATH": "/bin", "lower": "no" } } } }', '```',
    'And for VS Code: `"env": {"X_API_KEY": "...", "X_WORKSPACE_DIR": "/home/me", "X_PORT": "8080"}`',
  ].join('\n');

  it('reads env names from the README\'s "env" blocks, once each, never the sandbox\'s own', () => {
    expect(envNamesFromReadme(README)).toEqual(['X_API_KEY', 'X_BASE_URL', 'X_WORKSPACE_DIR', 'X_PORT']);
    expect(envNamesFromReadme('no config here')).toEqual([]);
  });

  it('gives harmless dummy values by name', () => {
    expect(dummyValue('X_BASE_URL')).toBe('http://127.0.0.1:9');
    expect(dummyValue('DB_HOST')).toBe('127.0.0.1');
    expect(dummyValue('X_PORT')).toBe('9');
    expect(dummyValue('X_WORKSPACE_DIR')).toBe('{scratch}');
    expect(dummyValue('KUBECONFIG_FILE')).toBe('{scratch}/dummy');
    expect(dummyValue('ENABLE_TELEMETRY')).toBe('false');
    expect(dummyValue('X_API_KEY')).toBe('dummy');
  });

  it('plans README env, then --stdio (cumulative); main first for a package without a bin; nothing for unfixable causes', () => {
    const env = { X_API_KEY: 'dummy' };
    const tries = secondTries({ cause: 'needs-credentials', env: {}, args: [], readmeEnv: ['X_API_KEY'] });
    expect(tries).toEqual([{ kind: 'readme-env', env, args: [] }, { kind: 'stdio-arg', env, args: ['--stdio'] }]);
    expect(secondTries({ cause: 'timeout', env, args: ['--stdio'], readmeEnv: ['X_API_KEY'] })).toEqual([]);
    expect(secondTries({ cause: 'not-a-server', env: {}, args: [], readmeEnv: [], main: 'dist/index.js' }).map((t) => [t.kind, t.main])).toEqual([['main', 'dist/index.js'], ['stdio-arg', 'dist/index.js']]);
    expect(secondTries({ cause: 'not-a-server', env: {}, args: [], readmeEnv: ['A_KEY'] })).toEqual([]);
    expect(secondTries({ cause: 'registry-missing', env: {}, args: [], readmeEnv: ['A_KEY'] })).toEqual([]);
    expect(secondTries({ cause: 'node-version', env: {}, args: [], readmeEnv: ['A_KEY'] })).toEqual([]);
  });
});

describe('progress', () => {
  it('formats durations, rate and ETA', () => {
    expect(formatDuration(42_000)).toBe('42s');
    expect(formatDuration(187_000)).toBe('3m07s');
    expect(formatDuration(3_720_000)).toBe('1h02m');
    expect(rateAndEta({ total: 10, ok: 0, failed: 0, elapsedMs: 5000 })).toEqual({ perMinute: 0 });
    expect(rateAndEta({ total: 10, ok: 3, failed: 1, elapsedMs: 120_000 })).toEqual({ perMinute: 2, etaMs: 180_000 });
  });
  it('draws the bar with done / failed / left, elapsed, rate and ETA, cut to the width', () => {
    const s = { total: 10, ok: 3, failed: 1, elapsedMs: 120_000 };
    expect(formatProgressBar(s)).toBe('[########------------] 4/10 3 ok, 1 failed, 6 left; 2m00s elapsed, 2.0/min, ETA 3m00s');
    expect(formatProgressBar(s, 30)).toHaveLength(30);
    expect(formatProgressBar({ total: 5, ok: 0, failed: 0, elapsedMs: 0 })).toBe('[--------------------] 0/5 0 ok, 0 failed, 5 left; 0s elapsed, 0.0/min, ETA ?');
  });
  it('writes one plain line per finished server', () => {
    expect(formatProgressLine({ total: 10, ok: 3, failed: 2, elapsedMs: 60_000 }, { id: 'x', ok: false, detail: 'timeout: timed out' }))
      .toBe('[5/10] failed x: timeout: timed out | 3 ok, 2 failed, 5 left; 1m00s elapsed, 5.0/min, ETA 1m00s');
  });
});

describe('shards', () => {
  it('parses I/N and refuses the rest with a message', () => {
    expect(parseShard('2/8')).toEqual({ ok: true, shard: { index: 2, count: 8 } });
    for (const bad of ['0/3', '4/3', '1/0', 'a/b', '1-3']) expect(parseShard(bad).ok).toBe(false);
  });
  it('is a stable function of the id alone: adding sources moves no other', () => {
    const ids = Array.from({ length: 400 }, (_, i) => ({ id: `server-${i}` }));
    const before = new Map(ids.map((s) => [s.id, shardOf(s.id, 8)]));
    const more = [...ids, ...Array.from({ length: 50 }, (_, i) => ({ id: `new-${i}` }))];
    for (const s of more.slice(0, 400)) expect(shardOf(s.id, 8)).toBe(before.get(s.id));
    const parts = Array.from({ length: 8 }, (_, i) => inShard(more, { index: i + 1, count: 8 }));
    expect(parts.flat().map((s) => s.id).sort()).toEqual(more.map((s) => s.id).sort());
    for (const p of parts) expect(p.length).toBeGreaterThan(25); // roughly even (450 / 8 = 56)
  });
});

describe('applySourceFix', () => {
  const TEXT = '# comment kept\nservers:\n  - id: a\n    name: A\n    npm: "a@1.0.0"\n    args: ["x"]\n  # between\n  - id: b\n    name: B\n    npm: "b@1.0.0"\n    bin: b';
  it('adds env, args and main to one entry and leaves every other byte as it was', () => {
    const out = applySourceFix(TEXT, 'a', { env: { A_KEY: 'dummy' }, args: ['--stdio'] });
    expect(out.startsWith('# comment kept\nservers:\n  - id: a\n')).toBe(true);
    expect(out.endsWith('  # between\n  - id: b\n    name: B\n    npm: "b@1.0.0"\n    bin: b')).toBe(true);
    expect(parseDocument(out).toJS().servers[0]).toEqual({ id: 'a', name: 'A', npm: 'a@1.0.0', args: ['x', '--stdio'], env: { A_KEY: 'dummy' } });
    const last = applySourceFix(TEXT, 'b', { main: 'dist/index.js' });
    expect(parseDocument(last).toJS().servers[1]).toEqual({ id: 'b', name: 'B', npm: 'b@1.0.0', main: 'dist/index.js' });
    expect(last.startsWith(TEXT.slice(0, TEXT.indexOf('  - id: b')))).toBe(true);
    expect(applySourceFix(TEXT, 'zzz', { args: ['--stdio'] })).toBe(TEXT);
  });
});

describe('mergeHistory', () => {
  it('is the shard\'s history when it extends the catalogue\'s, else the catalogue\'s plus what is new, in order', () => {
    expect(mergeHistory(['1\n'], ['1\n', '2\n', '3\n'])).toEqual(['1\n', '2\n', '3\n']);
    expect(mergeHistory(['1\n', 'x\n'], ['1\n', '2\n'])).toEqual(['1\n', 'x\n', '2\n']);
    expect(mergeHistory([], ['1\n'])).toEqual(['1\n']);
  });
});
