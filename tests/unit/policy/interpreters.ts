/**
 * Readers for the export formats, used by the export tests: each takes an exported text and a
 * tool name and says what the target system would do with a call of that tool, following the
 * target's documented rules. They read the real parse result (JSON.parse, yaml, smol-toml,
 * cedar-wasm, a shell run), never the exporter's internals.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkParsePolicySet, isAuthorized } from '@cedar-policy/cedar-wasm/nodejs';
import { parse as parseToml } from 'smol-toml';
import { parse as parseYaml } from 'yaml';

/** Name as a UTF-8 system (Go, Rust) receives it: unpaired surrogates become U+FFFD. */
export function received(name: string): string {
  return name.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

/** Claude Code: deny, then ask, then allow; `mode` when no rule matches. */
export function claudeDecision(text: string, server: string, tool: string): 'deny' | 'ask' | 'allow' | 'mode' {
  const doc = JSON.parse(text) as { permissions: Record<'deny' | 'ask' | 'allow', string[]> };
  const norm = (s: string): string => s.replace(/[^A-Za-z0-9_-]/g, '_');
  const matches = (rule: string): boolean => rule === `mcp__${norm(server)}` || rule === `mcp__${norm(server)}__*` || rule === `mcp__${norm(server)}__${norm(tool)}`;
  for (const list of ['deny', 'ask', 'allow'] as const) if (doc.permissions[list].some(matches)) return list;
  return 'mode';
}

/** PolicyLayer hosted: hide (with `*`), tools[name] (with limits), default. */
export function policyLayerDecision(text: string, tool: string): { kind: 'hidden' | 'allowed' | 'blocked' } | { kind: 'limited'; window: string; max: number } {
  const doc = JSON.parse(text) as { version: string; default: string; hide: string[]; tools: Record<string, { limits?: { counter: string; window: string; max: number }[] }> };
  if (doc.version !== '1') throw new Error('version must be "1"');
  if (doc.hide.includes(tool) || doc.hide.includes('*')) return { kind: 'hidden' };
  const entry = Object.hasOwn(doc.tools, tool) ? doc.tools[tool] : undefined;
  if (entry) {
    const limit = entry.limits?.[0];
    return limit ? { kind: 'limited', window: limit.window, max: limit.max } : { kind: 'allowed' };
  }
  return { kind: doc.default === 'allow' ? 'allowed' : 'blocked' };
}

interface InterceptDoc {
  version: string;
  default: string;
  hide: string[];
  tools: Record<string, { rules: { name: string; action?: string; rate_limit?: string; on_deny?: string }[] }>;
}

/** Intercept: hide (with `*`), default deny for unlisted tools, tool rules plus wildcard rules. */
export function interceptDecision(text: string, tool: string): { kind: 'hidden' | 'deny' | 'allow' } | { kind: 'limited'; rate: string } {
  const doc = parseYaml(text) as InterceptDoc;
  if (doc.version !== '1' || typeof doc.tools !== 'object') throw new Error('not an Intercept policy');
  if (doc.hide.includes(tool) || doc.hide.includes('*')) return { kind: 'hidden' };
  const listed = Object.hasOwn(doc.tools, tool);
  if (doc.default === 'deny' && !listed) return { kind: 'deny' };
  const rules = [...(listed ? (doc.tools[tool]?.rules ?? []) : []), ...(tool !== '*' ? (doc.tools['*']?.rules ?? []) : [])];
  for (const r of rules) if (!r.name) throw new Error('every Intercept rule needs a name');
  if (rules.some((r) => r.action === 'deny')) return { kind: 'deny' };
  const limited = rules.find((r) => r.rate_limit !== undefined);
  if (limited?.rate_limit) {
    if (!/^[1-9][0-9]*\/(minute|hour|day)$/.test(limited.rate_limit)) throw new Error(`bad rate_limit ${limited.rate_limit}`);
    return { kind: 'limited', rate: limited.rate_limit };
  }
  return { kind: 'allow' };
}

/** ToolHive Cedar: the policy set parses, and `isAuthorized` decides call_tool on the tool. */
export function cedarDecision(text: string, tool: string): 'allow' | 'deny' {
  const doc = JSON.parse(text) as { version: string; type: string; cedar: { policies: string[]; entities_json: string } };
  if (doc.type !== 'cedarv1') throw new Error('not a cedarv1 config');
  const staticPolicies = doc.cedar.policies.join('\n');
  const parsed = checkParsePolicySet({ staticPolicies });
  if (parsed.type !== 'success') throw new Error(`cedar parse: ${JSON.stringify(parsed.errors)}`);
  const answer = isAuthorized({
    principal: { type: 'Client', id: 'user123' },
    action: { type: 'Action', id: 'call_tool' },
    resource: { type: 'Tool', id: received(tool) },
    context: {},
    policies: { staticPolicies },
    entities: JSON.parse(doc.cedar.entities_json) as [],
  });
  if (answer.type !== 'success') throw new Error(`cedar authorize: ${JSON.stringify(answer.errors)}`);
  return answer.response.decision;
}

/**
 * Docker: run the script with `sh` and a fake `docker` that records its arguments, then replay the
 * recorded `docker mcp profile tools` calls to get the enabled state of the server's tools.
 * `enabled(tool, before)` is the state after the script for a tool whose state before it was
 * `before` (the user's own choice, which a script that never names the tool leaves as it was).
 */
export function runDockerScript(text: string, server: string): { enabled: (tool: string, before?: boolean) => boolean; argv: string[][]; files: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'docker-export-'));
  try {
    const log = join(dir, 'calls.log');
    writeFileSync(join(dir, 'docker'), `#!/bin/sh\nprintf '%s\\037' "$@" >> '${log}'\nprintf '\\036' >> '${log}'\n`);
    chmodSync(join(dir, 'docker'), 0o755);
    writeFileSync(join(dir, 'export.sh'), text);
    const run = spawnSync('sh', ['export.sh'], { cwd: dir, env: { PATH: `${dir}:/usr/bin:/bin`, PROFILE: 'my-profile' }, encoding: 'utf8', timeout: 10_000 });
    if (run.status !== 0) throw new Error(`script failed: ${run.stderr}`);
    const argv = readFileSync(log, 'utf8').split('\x1e').filter(Boolean).map((rec) => rec.split('\x1f').slice(0, -1));
    let all: boolean | undefined;
    const override = new Map<string, boolean>();
    for (const args of argv) {
      if (args.slice(0, 4).join(' ') !== 'mcp profile tools my-profile') throw new Error(`unexpected call ${args.join(' ')}`);
      for (let i = 4; i < args.length; i += 2) {
        const flag = args[i];
        const value = args[i + 1] ?? '';
        if (flag === '--enable-all' || flag === '--disable-all') {
          if (value !== server) throw new Error(`wrong server ${value}`);
          all = flag === '--enable-all';
          override.clear();
        } else if (flag === '--enable' || flag === '--disable') {
          const dot = value.indexOf('.');
          if (value.slice(0, dot) !== server) throw new Error(`wrong server in ${value}`);
          override.set(value.slice(dot + 1), flag === '--enable');
        } else throw new Error(`unknown flag ${String(flag)}`);
      }
    }
    const files = spawnSync('ls', ['-A', dir], { encoding: 'utf8' }).stdout.trim().split('\n');
    return { enabled: (tool, before = false) => override.get(received(tool)) ?? all ?? before, argv, files };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Codex: the table parses as TOML; enabled_tools then disabled_tools filter; the approval mode is
 * the tool's `approval_mode`, else the server's `default_tools_approval_mode`, else `auto` (Codex
 * decides from the tool's annotations). `prompt` is whether Codex asks before every call.
 */
export function codexDecision(text: string, server: string, tool: string): { visible: boolean; prompt: boolean; mode: 'auto' | 'prompt' | 'approve' } {
  const doc = parseToml(text) as {
    mcp_servers: Record<string, { enabled_tools?: string[]; disabled_tools?: string[]; default_tools_approval_mode?: string; tools?: Record<string, { approval_mode?: string }> }>;
  };
  const table = doc.mcp_servers[server];
  if (!table) throw new Error(`no [mcp_servers.${server}] table`);
  const name = received(tool);
  const visible = (table.enabled_tools === undefined || table.enabled_tools.includes(name)) && !(table.disabled_tools ?? []).includes(name);
  const mode = table.tools?.[name]?.approval_mode ?? table.default_tools_approval_mode ?? 'auto';
  if (mode !== 'auto' && mode !== 'prompt' && mode !== 'approve') throw new Error(`bad approval_mode ${mode}`);
  return { visible, prompt: mode === 'prompt', mode };
}

/**
 * Cursor `permissions.json`: `mcpAllowlist` entries `server:tool` or `server:*` run without
 * approval; every other MCP tool call asks first (Cursor's default). The file has no deny.
 */
export function cursorDecision(text: string, server: string, tool: string): 'allow' | 'ask' {
  const doc = JSON.parse(text) as { mcpAllowlist?: unknown };
  if (doc.mcpAllowlist === undefined) return 'ask';
  if (!Array.isArray(doc.mcpAllowlist)) throw new Error('mcpAllowlist must be an array');
  const entries = doc.mcpAllowlist.filter((e): e is string => typeof e === 'string');
  // The file is UTF-8 on disk, so the name it can match is the one a UTF-8 reader gets.
  return entries.includes(`${server}:${received(tool)}`) || entries.includes(`${server}:*`) ? 'allow' : 'ask';
}
