import { describe, expect, it } from 'vitest';
import { SANDBOX_VARS, checkSourceEnv, sandboxDirs, sandboxPath, scrubbedEnv, substituteScratch } from '../../../src/lib/sources/env.js';

const dirs = sandboxDirs('/s/run');
const parent = {
  PATH: '/usr/local/bin:/usr/bin',
  HOME: '/root',
  GITHUB_TOKEN: 'ghp_real',
  AWS_SECRET_ACCESS_KEY: 'real',
  SSH_AUTH_SOCK: '/tmp/agent',
  USER: 'root',
};

describe('scrubbedEnv', () => {
  it('passes nothing of the parent but PATH', () => {
    const env = scrubbedEnv({}, dirs, { parentEnv: parent, nodePath: '/opt/node/bin/node' });
    expect(Object.keys(env).sort()).toEqual([...SANDBOX_VARS].sort());
    expect(env['GITHUB_TOKEN']).toBeUndefined();
    expect(env['USER']).toBeUndefined();
    expect(env['PATH']).toBe('/opt/node/bin:/usr/local/bin:/usr/bin');
  });

  it('gives a variable the source names its dummy value, never the parent value', () => {
    const env = scrubbedEnv({ GITHUB_TOKEN: 'dummy' }, dirs, { parentEnv: parent });
    expect(env['GITHUB_TOKEN']).toBe('dummy');
    expect(env['AWS_SECRET_ACCESS_KEY']).toBeUndefined();
  });

  it('points HOME, TMPDIR and XDG_* into the scratch folder', () => {
    const env = scrubbedEnv({}, dirs, { parentEnv: parent });
    for (const k of SANDBOX_VARS.filter((v) => v !== 'PATH')) expect(env[k], k).toMatch(/^\/s\/run\//);
    expect(env['HOME']).toBe('/s/run/home');
    expect(env['TMPDIR']).toBe('/s/run/tmp');
  });

  it('replaces {scratch} in the source values', () => {
    const env = scrubbedEnv({ MEMORY_FILE_PATH: '{scratch}/m.jsonl', K: '{scratch}:{scratch}' }, dirs, { parentEnv: parent });
    expect(env['MEMORY_FILE_PATH']).toBe('/s/run/m.jsonl');
    expect(env['K']).toBe('/s/run:/s/run');
  });
});

describe('sandboxPath', () => {
  it('puts the package bins and node first and drops duplicates and empty entries', () => {
    expect(sandboxPath('/p/.bin', '/usr/bin::/opt/n/bin:/usr/bin', '/opt/n/bin/node')).toBe('/p/.bin:/opt/n/bin:/usr/bin');
  });
  it('copes with no parent PATH', () => {
    expect(sandboxPath(undefined, undefined, '/n/bin/node')).toBe('/n/bin');
  });
});

describe('checkSourceEnv', () => {
  it.each([
    ['HOME', 'is set by the sandbox'],
    ['PATH', 'is set by the sandbox'],
    ['XDG_CONFIG_HOME', 'is set by the sandbox'],
    ['BAD-NAME', 'not a valid variable name'],
    ['1X', 'not a valid variable name'],
    ['A=B', 'not a valid variable name'],
  ])('refuses %s', (key, message) => {
    const issues = checkSourceEnv({ [key]: 'x' });
    expect(issues).toHaveLength(1);
    expect(issues[0]?.field).toBe(`env.${key}`);
    expect(issues[0]?.message).toContain(message);
  });
  it('accepts ordinary names', () => {
    expect(checkSourceEnv({ GITHUB_PERSONAL_ACCESS_TOKEN: 'dummy', _X1: '' })).toEqual([]);
  });
});

describe('substituteScratch', () => {
  it('leaves text without the placeholder alone', () => {
    expect(substituteScratch('postgresql://127.0.0.1/db', '/s')).toBe('postgresql://127.0.0.1/db');
    expect(substituteScratch('{Scratch}', '/s')).toBe('{Scratch}');
  });
});
