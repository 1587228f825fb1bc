/**
 * The bundled CLI (scripts/build-cli.ts -> dist-cli/mcp-risk.mjs) runs on its own from any folder,
 * with the shipped rules embedded.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildCli } from '../../scripts/build-cli.js';
import { classify, defaultRules, peerFlags } from '../../src/lib/classify/index.js';
import { ROOT, runCli, tempFolder } from './cli-helpers.js';

const tmp = tempFolder();
let bundle: string;
afterAll(() => tmp.cleanup());
beforeAll(async () => {
  bundle = await buildCli(join(ROOT, 'dist-cli', 'mcp-risk.mjs'));
});

describe('dist-cli/mcp-risk.mjs', () => {
  it('is an executable node script', () => {
    expect(readFileSync(bundle, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    expect(statSync(bundle).mode & 0o111).not.toBe(0);
  });

  it('classifies a file --json from a temp folder with the embedded rules', async () => {
    const tools = [
      { name: 'BinanceOptionsDeleteListenKey', description: 'Close/delete an options listen key. This will terminate the user data stream connection.' },
      { name: 'get_weather', description: 'Get the weather forecast for a city.' },
    ];
    writeFileSync(join(tmp.dir, 'tools.json'), JSON.stringify({ tools }));
    const r = await runCli(['classify', 'tools.json', '--json'], { cwd: tmp.dir, entry: [bundle] });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { name: string }[];
    const peers = peerFlags(tools, defaultRules());
    expect(out).toEqual(
      tools.map((t, i) => {
        const c = classify(t, defaultRules());
        return { name: t.name, ...c, flags: [...c.flags, ...(peers.get(i) ?? [])] };
      }),
    );
    expect(out[0]).toMatchObject({ category: 'Destructive', risk: 'Critical' });
  });

  it('reports usage errors in one line', async () => {
    const r = await runCli(['nope'], { cwd: tmp.dir, entry: [bundle] });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^mcp-risk: unknown command "nope"/);
  });
});
