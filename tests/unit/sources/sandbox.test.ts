import { execFile } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { type NetIsolation, detectNetIsolation, netIsolation, wrapCommand } from '../../../src/lib/sources/sandbox.js';

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { env, timeout: 10_000 }, (err, stdout, stderr) => (err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(stdout)));
  });
}

describe('detectNetIsolation', () => {
  it('gives up off Linux without probing', async () => {
    let probes = 0;
    const r = await detectNetIsolation({ platform: 'darwin', run: async () => (probes++, true) });
    expect(r).toEqual({ kind: 'none', reason: 'no network namespaces on darwin' });
    expect(probes).toBe(0);
  });

  it('as root tries plain --net first', async () => {
    const calls: string[][] = [];
    const r = await detectNetIsolation({ platform: 'linux', uid: 0, run: async (_c, a) => (calls.push(a), true) });
    expect(r.kind).toBe('unshare');
    if (r.kind === 'unshare') expect(r.flags).toEqual(['--net']);
    expect(calls).toEqual([['--net', '--', 'true']]);
  });

  it('as root falls back to a user namespace when plain --net is refused', async () => {
    const r = await detectNetIsolation({ platform: 'linux', uid: 0, run: async (_c, a) => a.includes('--map-root-user') });
    expect(r.kind === 'unshare' && r.flags).toEqual(['--net', '--map-root-user']);
  });

  it('as a user only tries a user namespace', async () => {
    const calls: string[][] = [];
    const r = await detectNetIsolation({ platform: 'linux', uid: 1000, run: async (_c, a) => (calls.push(a), false) });
    expect(calls).toEqual([['--net', '--map-root-user', '--', 'true']]);
    expect(r).toEqual({ kind: 'none', reason: 'unshare --net is not permitted here' });
  });

  it('says so when unshare is nowhere to be found', async () => {
    const r = await detectNetIsolation({ platform: 'linux', dirs: ['/nonexistent'], run: async () => true });
    expect(r).toEqual({ kind: 'none', reason: 'unshare(1) not found' });
  });
});

describe('wrapCommand', () => {
  const none: NetIsolation = { kind: 'none', reason: 'test' };
  it('clears the environment with env -i and passes exactly the given variables, sorted', () => {
    const w = wrapCommand('/n/node', ['s.js', '--x'], { B: '2', A: '1=1' }, none, '/usr/bin/env');
    expect(w).toEqual({ command: '/usr/bin/env', args: ['-i', 'A=1=1', 'B=2', '/n/node', 's.js', '--x'] });
  });

  it('runs inside unshare with lo brought up, ip passed as an argument not spliced into the script', () => {
    const net: NetIsolation = { kind: 'unshare', unshare: '/usr/bin/unshare', flags: ['--net'], ip: '/sbin/ip' };
    const w = wrapCommand('/n/node', ['s.js'], { A: '1' }, net, '/usr/bin/env');
    expect(w.command).toBe('/usr/bin/unshare');
    expect(w.args.slice(0, 4)).toEqual(['--net', '--', '/bin/sh', '-c']);
    expect(w.args[4]).not.toContain('/sbin/ip');
    expect(w.args.slice(5)).toEqual(['sh', '/sbin/ip', '/usr/bin/env', '-i', 'A=1', '/n/node', 's.js']);
  });

  it('gives the wrapped process exactly the given environment, whatever the parent has', async () => {
    const w = wrapCommand(process.execPath, ['-e', 'process.stdout.write(JSON.stringify(process.env))'], { ONLY: 'me' }, none);
    const out = await run(w.command, w.args, { ...process.env, GITHUB_TOKEN: 'ghp_parent' });
    expect(JSON.parse(out)).toEqual({ ONLY: 'me' });
  });

  it.runIf(process.platform === 'linux')('on this machine, cuts the network down to loopback when unshare works', async () => {
    const net = await netIsolation();
    const script = 'process.stdout.write(JSON.stringify({env: process.env, ifs: Object.keys(require("os").networkInterfaces())}))';
    const w = wrapCommand(process.execPath, ['-e', script], { ONLY: 'me' }, net);
    const out = JSON.parse(await run(w.command, w.args, { ...process.env, GITHUB_TOKEN: 'ghp_parent' })) as { env: Record<string, string>; ifs: string[] };
    expect(out.env).toEqual({ ONLY: 'me' });
    if (net.kind === 'unshare') {
      expect(out.ifs.every((i) => i === 'lo')).toBe(true);
      if (net.ip) expect(out.ifs).toEqual(['lo']);
    }
  });
});
