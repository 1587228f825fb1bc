/**
 * MCP client config files: Claude Desktop `claude_desktop_config.json`, Claude Code `.mcp.json`
 * and `~/.claude.json` (user scope `mcpServers`, project scope `projects.<path>.mcpServers`),
 * Cursor `mcp.json`, VS Code `.vscode/mcp.json` (`servers`, `inputs`), Windsurf `mcp_config.json`
 * (`serverUrl` for remote servers) and Codex `config.toml` (`[mcp_servers.<name>]`).
 *
 * Pure: text in, typed servers out. The client is detected from the file name, else from the
 * shape. Env values and header values are never kept (only their names) unless `keepSecrets` is
 * asked for (the CLI's `--live --use-env`), and then they sit in `secrets`, which no report reads.
 * Every problem is one `AuditInputError` naming the file and the field, never a value.
 */
import { parse as parseToml, TomlError } from 'smol-toml';
import { AuditInputError } from './errors.js';
import { parseJsonc } from './jsonc.js';

/** Largest config text read (characters). */
export const MAX_CONFIG_CHARS = 1_000_000;
/** Most servers read from one config. */
export const MAX_CONFIG_SERVERS = 500;

/** The config formats understood, with how reports name them. */
export const CLIENTS = {
  'claude-desktop': 'Claude Desktop (claude_desktop_config.json)',
  'claude-code-project': 'Claude Code project config (.mcp.json)',
  'claude-code-user': 'Claude Code user config (~/.claude.json)',
  cursor: 'Cursor (mcp.json)',
  vscode: 'VS Code (.vscode/mcp.json)',
  windsurf: 'Windsurf (mcp_config.json)',
  codex: 'Codex (config.toml)',
  generic: 'an "mcpServers" config (Claude Desktop / Cursor shape)',
} as const;
/** One config format. */
export type ClientId = keyof typeof CLIENTS;

/** Whether `s` names a config format. */
export function isClientId(s: string): s is ClientId {
  return Object.hasOwn(CLIENTS, s);
}

/** One server entry of a config. `args` and `url` are raw: show them only through `redact.ts`. */
export interface ConfigServer {
  /** The key the client knows it by (tool names like `mcp__<name>__<tool>` use it). */
  name: string;
  /** `user` or `project:<path>` in `~/.claude.json`; absent elsewhere. */
  scope?: string;
  /** Where the entry is in the file, e.g. `mcpServers.github`. */
  field: string;
  transport: 'stdio' | 'http' | 'sse';
  command?: string;
  args: string[];
  /** Names of the variables set for the server (values are not kept). */
  env: string[];
  /** Names of the HTTP headers sent (values are not kept). */
  headers: string[];
  url?: string;
  /** The config turns the server off (`disabled: true`, Codex `enabled = false`). */
  disabled: boolean;
  /** Codex `enabled_tools`: only these tools are exposed. */
  enabledTools?: string[];
  /** Codex `disabled_tools`, Windsurf `disabledTools`: these tools are not exposed. */
  disabledTools?: string[];
}

/** Env and header values of one server, kept only when asked (never part of a report). */
export interface ServerSecrets {
  env: Record<string, string>;
  headers: Record<string, string>;
}

/** A parsed config. */
export interface ParsedConfig {
  file: string;
  client: ClientId;
  label: string;
  /** How the client was chosen. */
  detectedBy: 'file name' | 'shape' | 'given';
  servers: ConfigServer[];
  /** VS Code `inputs` ids (prompted values such as `${input:token}`). */
  inputs: string[];
  /** Only with `keepSecrets`: values by the server's position in `servers`. */
  secrets?: ServerSecrets[];
}

/** Options of `parseConfig`. */
export interface ParseOptions {
  /** Use this format instead of detecting one. */
  client?: ClientId;
  /** Keep env and header values in `secrets` (for listing with the user's own values). */
  keepSecrets?: boolean;
}

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The last path segment, lowercased (both separators). */
export function baseName(fileName: string): string {
  const parts = fileName.split(/[\\/]/);
  return (parts[parts.length - 1] ?? '').toLowerCase();
}

function key(field: string, k: string): string {
  return /^[A-Za-z0-9_-]+$/.test(k) ? `${field}.${k}` : `${field}[${JSON.stringify(k.length > 60 ? `${k.slice(0, 59)}…` : k)}]`;
}

class Reader {
  constructor(readonly file: string) {}

  fail(field: string, problem: string): never {
    throw new AuditInputError(this.file, field, problem);
  }

  object(v: unknown, field: string): Obj {
    if (!isObj(v)) this.fail(field, 'expected an object');
    return v;
  }

  optString(o: Obj, k: string, field: string): string | undefined {
    const v = o[k];
    if (v === undefined) return undefined;
    if (typeof v !== 'string' || v.length === 0) this.fail(`${field}.${k}`, 'expected a non-empty string');
    return v;
  }

  optBool(o: Obj, k: string, field: string): boolean | undefined {
    const v = o[k];
    if (v === undefined) return undefined;
    if (typeof v !== 'boolean') this.fail(`${field}.${k}`, 'expected true or false');
    return v;
  }

  optStrings(o: Obj, k: string, field: string): string[] | undefined {
    const v = o[k];
    if (v === undefined) return undefined;
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) this.fail(`${field}.${k}`, 'expected an array of strings');
    return v as string[];
  }

  optStringMap(o: Obj, k: string, field: string): Record<string, string> | undefined {
    const v = o[k];
    if (v === undefined) return undefined;
    if (!isObj(v)) this.fail(`${field}.${k}`, 'expected an object of strings');
    for (const [name, value] of Object.entries(v)) {
      if (typeof value !== 'string') this.fail(key(`${field}.${k}`, name), 'expected a string');
    }
    return v as Record<string, string>;
  }

  url(o: Obj, k: string, field: string): string | undefined {
    const v = this.optString(o, k, field);
    if (v === undefined) return undefined;
    let ok = false;
    try {
      ok = /^https?:$/.test(new URL(v).protocol);
    } catch {
      ok = false;
    }
    if (!ok) this.fail(`${field}.${k}`, 'expected an http(s) URL');
    return v;
  }
}

interface Entry {
  server: ConfigServer;
  secrets: ServerSecrets;
}

/** One JSON-format server entry (`mcpServers.<name>` or VS Code `servers.<name>`). */
function jsonServer(r: Reader, client: ClientId, name: string, raw: unknown, field: string, scope?: string): Entry {
  const o = r.object(raw, field);
  const type = r.optString(o, 'type', field);
  const command = r.optString(o, 'command', field);
  const args = r.optStrings(o, 'args', field) ?? [];
  const env = r.optStringMap(o, 'env', field) ?? {};
  const headers = r.optStringMap(o, 'headers', field) ?? {};
  const url = r.url(o, 'url', field) ?? (client === 'windsurf' || client === 'generic' ? r.url(o, 'serverUrl', field) : undefined);
  const disabled = r.optBool(o, 'disabled', field) ?? false;
  const disabledTools = r.optStrings(o, 'disabledTools', field);
  if (client === 'vscode') r.optString(o, 'envFile', field);
  let transport: ConfigServer['transport'];
  if (type !== undefined) {
    const t = type.toLowerCase();
    if (t === 'stdio') transport = 'stdio';
    else if (t === 'http' || t === 'streamable-http' || t === 'streamablehttp') transport = 'http';
    else if (t === 'sse') transport = 'sse';
    else r.fail(`${field}.type`, 'expected one of stdio, http, sse');
  } else transport = command !== undefined ? 'stdio' : 'http';
  if (transport === 'stdio' && command === undefined) r.fail(`${field}.command`, 'expected a command (a stdio server needs one)');
  if (transport !== 'stdio' && url === undefined) r.fail(`${field}.${client === 'windsurf' ? 'serverUrl' : 'url'}`, 'expected an http(s) URL (a remote server needs one)');
  const server: ConfigServer = { name, field, transport, args, env: Object.keys(env), headers: Object.keys(headers), disabled };
  if (scope !== undefined) server.scope = scope;
  if (transport === 'stdio') server.command = command as string;
  else server.url = url as string;
  if (disabledTools) server.disabledTools = disabledTools;
  return { server, secrets: { env: { ...env }, headers: { ...headers } } };
}

function serverMap(r: Reader, client: ClientId, o: Obj, k: string, field: string, scope?: string): Entry[] {
  const v = o[k];
  if (v === undefined) return [];
  const map = r.object(v, field);
  return Object.entries(map).map(([name, raw]) => jsonServer(r, client, name, raw, key(field, name), scope));
}

function codexServers(r: Reader, data: Obj): Entry[] {
  const v = data.mcp_servers;
  if (v === undefined) return [];
  const map = r.object(v, 'mcp_servers');
  return Object.entries(map).map(([name, raw]): Entry => {
    const field = key('mcp_servers', name);
    const o = r.object(raw, field);
    const command = r.optString(o, 'command', field);
    const args = r.optStrings(o, 'args', field) ?? [];
    const env = r.optStringMap(o, 'env', field) ?? {};
    const url = r.url(o, 'url', field);
    const headers = r.optStringMap(o, 'http_headers', field) ?? {};
    const envHeaders = r.optStringMap(o, 'env_http_headers', field) ?? {};
    const bearer = r.optString(o, 'bearer_token_env_var', field);
    r.optString(o, 'cwd', field);
    r.optStrings(o, 'env_vars', field);
    const enabled = r.optBool(o, 'enabled', field) ?? true;
    const enabledTools = r.optStrings(o, 'enabled_tools', field);
    const disabledTools = r.optStrings(o, 'disabled_tools', field);
    if (command === undefined && url === undefined) r.fail(field, 'expected command (stdio) or url (remote)');
    if (command !== undefined && url !== undefined) r.fail(field, 'expected command or url, not both');
    const headerNames = [...new Set([...Object.keys(headers), ...Object.keys(envHeaders), ...(bearer ? ['Authorization'] : [])])];
    const server: ConfigServer = { name, field, transport: command !== undefined ? 'stdio' : 'http', args, env: Object.keys(env), headers: headerNames, disabled: !enabled };
    if (command !== undefined) server.command = command;
    else server.url = url as string;
    if (enabledTools) server.enabledTools = enabledTools;
    if (disabledTools) server.disabledTools = disabledTools;
    return { server, secrets: { env: { ...env }, headers: { ...headers } } };
  });
}

function parseTomlText(text: string, file: string): Obj {
  try {
    return parseToml(text) as Obj;
  } catch (e) {
    // smol-toml's message quotes the offending line: keep only where it is.
    const where = e instanceof TomlError ? ` at line ${e.line} column ${e.column}` : '';
    throw new AuditInputError(file, '', `invalid TOML${where}`);
  }
}

function looksLikeToml(text: string): boolean {
  return /^\s*\[[A-Za-z0-9_."-]+\]\s*$/m.test(text) && !/^\s*[{[]\s*"/.test(text);
}

/** The client a file name says, if it says one. */
export function clientFromFileName(fileName: string): ClientId | undefined {
  const base = baseName(fileName);
  const path = fileName.replace(/\\/g, '/').toLowerCase();
  if (base.endsWith('.toml')) return 'codex';
  if (base === 'claude_desktop_config.json') return 'claude-desktop';
  if (base === '.claude.json') return 'claude-code-user';
  if (base === '.mcp.json') return 'claude-code-project';
  if (base === 'mcp_config.json') return 'windsurf';
  if (base === 'mcp.json') {
    if (path.includes('.vscode/')) return 'vscode';
    if (path.includes('.cursor/')) return 'cursor';
  }
  return undefined;
}

/**
 * The client a parsed JSON document's shape says (`fileName` breaks ties: a plain `mcp.json`
 * with `mcpServers` is Cursor's).
 */
export function clientFromShape(data: Obj, fileName = ''): ClientId {
  if (data.servers !== undefined && data.mcpServers === undefined) return 'vscode';
  if (isObj(data.projects)) return 'claude-code-user';
  const servers = isObj(data.mcpServers) ? Object.values(data.mcpServers) : [];
  if (servers.some((s) => isObj(s) && s.serverUrl !== undefined)) return 'windsurf';
  if (baseName(fileName) === 'mcp.json') return 'cursor';
  return 'generic';
}

/**
 * Parse a config file's text. `fileName` (any path; only its name and folders are looked at)
 * names the file in errors and picks the format; the shape decides when the name does not.
 */
export function parseConfig(text: string, fileName: string, opts: ParseOptions = {}): ParsedConfig {
  const file = fileName || 'config';
  if (text.length > MAX_CONFIG_CHARS) throw new AuditInputError(file, '', `the file is over ${MAX_CONFIG_CHARS} characters`);
  const r = new Reader(file);
  let client = opts.client ?? clientFromFileName(file);
  const detectedBy: ParsedConfig['detectedBy'] = opts.client ? 'given' : client ? 'file name' : 'shape';
  if (client === undefined && looksLikeToml(text)) client = 'codex';
  let data: Obj;
  if (client === 'codex') data = parseTomlText(text, file);
  else {
    const parsed = parseJsonc(text, file);
    data = r.object(parsed, '');
    if (client === undefined) client = clientFromShape(data, file);
  }
  let entries: Entry[] = [];
  const inputs: string[] = [];
  switch (client) {
    case 'codex':
      if (data.mcp_servers === undefined) r.fail('mcp_servers', 'expected [mcp_servers.<name>] tables (no MCP servers in this file)');
      entries = codexServers(r, data);
      break;
    case 'vscode': {
      if (data.servers === undefined) r.fail('servers', 'expected an object of servers');
      entries = serverMap(r, client, data, 'servers', 'servers');
      const raw = data.inputs;
      if (raw !== undefined) {
        if (!Array.isArray(raw)) r.fail('inputs', 'expected an array');
        (raw as unknown[]).forEach((inp, i) => {
          const o = r.object(inp, `inputs[${i}]`);
          const id = r.optString(o, 'id', `inputs[${i}]`);
          if (id === undefined) return r.fail(`inputs[${i}].id`, 'expected a non-empty string');
          r.optString(o, 'type', `inputs[${i}]`);
          r.optString(o, 'description', `inputs[${i}]`);
          r.optBool(o, 'password', `inputs[${i}]`);
          inputs.push(id);
        });
      }
      break;
    }
    case 'claude-code-user': {
      entries = serverMap(r, client, data, 'mcpServers', 'mcpServers', 'user');
      if (data.projects !== undefined) {
        const projects = r.object(data.projects, 'projects');
        for (const [path, p] of Object.entries(projects)) {
          const field = key('projects', path);
          const po = r.object(p, field);
          entries.push(...serverMap(r, client, po, 'mcpServers', `${field}.mcpServers`, `project:${path}`));
        }
      }
      if (data.mcpServers === undefined && data.projects === undefined) r.fail('mcpServers', 'expected an object of servers');
      break;
    }
    default:
      if (data.mcpServers === undefined) r.fail('mcpServers', 'expected an object of servers');
      entries = serverMap(r, client, data, 'mcpServers', 'mcpServers');
  }
  if (entries.length > MAX_CONFIG_SERVERS) r.fail('', `more than ${MAX_CONFIG_SERVERS} servers`);
  const out: ParsedConfig = { file, client, label: CLIENTS[client], detectedBy, servers: entries.map((e) => e.server), inputs };
  if (opts.keepSecrets) out.secrets = entries.map((e) => e.secrets);
  return out;
}
