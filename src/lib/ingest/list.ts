/**
 * `listTools`: start or connect to one MCP server with the official SDK `Client`, initialize, and
 * follow `tools/list` pages to the end, within the bounds of `ListLimits`. Entries are returned raw,
 * exactly as listed; `normalizeListedTools` makes them usable.
 *
 * Bounds: a timeout per request (SDK `RequestOptions.timeout`, plus our own guard that also covers
 * transport start-up), a total deadline per server, `maxPages` and a repeated-cursor check, `maxTools`,
 * and `maxBytes` counted as bytes arrive (stdout, or HTTP bodies via a counting `fetch`).
 * Garbage policy: up to `MAX_GARBAGE_MESSAGES` (10) non-JSON-RPC lines/events are tolerated as
 * warnings (servers that log to stdout are common); one more fails the listing with a `protocol`
 * error, and a server that prints a little garbage then nothing ends at the timeout.
 * A stdio server always runs in its own process group, which is SIGKILLed when the listing ends.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { getDefaultEnvironment } from '@modelcontextprotocol/sdk/client/stdio.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StreamableHTTPClientTransport, StreamableHTTPError } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { IngestError, describeError, describeType, quote } from './errors.js';
import { boundedFetch } from './http-fetch.js';
import { SDK_VERSION, resolveLimits, type ListLimits } from './limits.js';
import { IngestSession } from './session.js';
import { BoundedStdioTransport } from './stdio-transport.js';
import { TapTransport } from './tap.js';

/** Where the server is: a command to run over stdio, or a URL (Streamable HTTP, falling back to SSE). */
export type ListTarget =
  | { kind: 'stdio'; command: string; args: string[]; env?: Record<string, string>; cwd?: string; inheritEnv?: boolean }
  | { kind: 'http'; url: string; headers?: Record<string, string> };

/** What a server listed. */
export interface ListResult {
  serverInfo?: { name: string; version: string; [k: string]: unknown };
  protocolVersion?: string;
  /** Raw entries exactly as listed, in order, across all pages. */
  tools: unknown[];
  pages: number;
  /** Bytes read from the server (stdout, or HTTP response bodies), or the file's size. */
  bytes: number;
  transport: 'stdio' | 'streamable-http' | 'sse' | 'file';
  warnings: string[];
  /** Milliseconds from the start to the `initialize` answer (`startMs`), then to the last tools/list page (`listMs`). */
  timings?: { startMs: number; listMs: number };
}

/** Name and version this client announces in `initialize`. */
export const CLIENT_INFO = { name: 'mcp-risk-catalog', version: '0.1.0' } as const;

/** Any object: entries stay raw here, `tools` is checked by hand for a clear message. */
const LooseResultSchema = z.object({}).passthrough();

/**
 * Lists every tool of one server. Always stops the server it started (the whole process group),
 * also on failure. Throws `IngestError` with a one-line message; warnings (ignored log lines,
 * SSE fallback) come back in the result.
 */
export async function listTools(target: ListTarget, limits: Partial<ListLimits> = {}): Promise<ListResult> {
  const session = new IngestSession(resolveLimits(limits));
  try {
    if (target.kind === 'stdio') return await listOverStdio(target, session);
    if (target.kind === 'http') return await listOverHttp(target, session);
    throw new IngestError('connect', `unknown target kind ${quote((target as { kind?: unknown }).kind)}`);
  } finally {
    session.finish();
  }
}

function newClient(): Client {
  const client = new Client({ ...CLIENT_INFO, title: `MCP Risk Catalog (SDK ${SDK_VERSION})` }, { capabilities: {} });
  client.onerror = () => {
    // Transport noise is accounted for by the session (garbage count, failures); nothing to print.
  };
  return client;
}

/** Resolves after `ms` without keeping the process alive. */
function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

async function listOverStdio(target: Extract<ListTarget, { kind: 'stdio' }>, session: IngestSession): Promise<ListResult> {
  if (typeof target.command !== 'string' || target.command.trim() === '') {
    throw new IngestError('spawn', 'stdio target: "command" must be a non-empty string');
  }
  const base = target.inheritEnv ? stringEnv(process.env) : getDefaultEnvironment();
  const transport = new BoundedStdioTransport(
    { command: target.command, args: target.args ?? [], env: { ...base, ...(target.env ?? {}) }, cwd: target.cwd },
    session,
  );
  const client = newClient();
  try {
    return await runListing(client, new TapTransport(transport, session), session, 'stdio');
  } finally {
    await client.close().catch(() => undefined);
    await transport.close();
  }
}

async function listOverHttp(target: Extract<ListTarget, { kind: 'http' }>, session: IngestSession): Promise<ListResult> {
  let url: URL;
  try {
    url = new URL(target.url);
  } catch {
    throw new IngestError('connect', `invalid URL ${quote(target.url)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new IngestError('connect', `unsupported URL scheme ${quote(url.protocol)} (expected http or https)`);
  }
  const requestInit: RequestInit = { headers: target.headers ?? {} };
  let connected = false;
  const streamable = new StreamableHTTPClientTransport(url, {
    fetch: boundedFetch(session, { connected: () => connected, streamIsChannel: false }),
    requestInit,
    reconnectionOptions: { maxRetries: 0, initialReconnectionDelay: 1000, maxReconnectionDelay: 1000, reconnectionDelayGrowFactor: 1 },
  });
  const client = newClient();
  try {
    const result = await runListing(client, new TapTransport(streamable, session), session, 'streamable-http', () => (connected = true));
    session.finish();
    // Be polite: end the HTTP session (DELETE), without letting a slow server hold us up.
    await Promise.race([streamable.terminateSession().catch(() => undefined), pause(Math.min(1000, session.limits.requestTimeoutMs))]);
    return result;
  } catch (e) {
    const cause = e instanceof IngestError ? e.cause : e;
    const status = cause instanceof StreamableHTTPError ? cause.code : undefined;
    if (session.failure || status === undefined || status < 400 || status > 499) throw e;
    session.warnings.push(`Streamable HTTP POST failed with HTTP ${status}; fell back to the legacy SSE transport`);
  } finally {
    await client.close().catch(() => undefined);
  }
  // Backwards compatibility (SDK docs): a 4xx on the initial POST means a legacy HTTP+SSE server.
  const sse = new SSEClientTransport(url, {
    fetch: boundedFetch(session, { connected: () => connected, streamIsChannel: true }),
    requestInit,
  });
  const legacy = newClient();
  try {
    return await runListing(legacy, new TapTransport(sse, session), session, 'sse', () => (connected = true));
  } finally {
    await legacy.close().catch(() => undefined);
  }
}

async function runListing(
  client: Client,
  transport: TapTransport,
  session: IngestSession,
  kind: ListResult['transport'],
  onConnected?: () => void,
): Promise<ListResult> {
  const { limits } = session;
  /** Runs one request with its own abort signal (see `requestSignal`) under the session's guard. */
  const bounded = async <T>(what: string, send: (options: { timeout: number; signal: AbortSignal }) => Promise<T>): Promise<T> => {
    const { signal, dispose } = session.requestSignal();
    try {
      return await session.guard(send({ timeout: limits.requestTimeoutMs, signal }), limits.requestTimeoutMs, what);
    } catch (e) {
      throw toIngestError(e, session);
    } finally {
      dispose();
    }
  };
  session.phase = 'initialize';
  session.page = 0;
  const t0 = performance.now();
  await bounded('initialize', (options) => client.connect(transport as Transport, options));
  const t1 = performance.now();
  onConnected?.();

  const tools: unknown[] = [];
  const seen = new Set<string>();
  let cursor: string | undefined;
  let pages = 0;
  session.phase = 'tools/list';
  for (;;) {
    if (pages >= limits.maxPages) {
      throw new IngestError('too-many-pages', `server still had more tools after ${limits.maxPages} pages (maxPages)`);
    }
    session.page = pages + 1;
    const what = pages === 0 ? 'tools/list' : `tools/list (page ${pages + 1})`;
    const params = cursor === undefined ? {} : { cursor };
    const result = (await bounded(what, (options) =>
      client.request({ method: 'tools/list', params }, LooseResultSchema, options),
    )) as Record<string, unknown>;
    pages += 1;
    if (!Array.isArray(result.tools)) {
      throw new IngestError('protocol', `${what} result has no "tools" array (got ${describeType(result.tools)})`);
    }
    if (tools.length + result.tools.length > limits.maxTools) {
      throw new IngestError('too-many-tools', `server listed more than ${limits.maxTools} tools (maxTools) by page ${pages}`);
    }
    for (const t of result.tools) tools.push(t);
    const next = result.nextCursor;
    if (next === undefined || next === null || next === '') break;
    if (typeof next !== 'string') {
      throw new IngestError('protocol', `${what} result has a nextCursor that is ${describeType(next)}, not a string`);
    }
    if (seen.has(next)) {
      throw new IngestError('too-many-pages', `server repeated cursor ${quote(next, 60)} (page ${pages + 1})`);
    }
    seen.add(next);
    cursor = next;
  }
  if (session.failure) throw session.failure;
  const info = client.getServerVersion();
  return {
    serverInfo: info ? { ...info } : undefined,
    protocolVersion: transport.protocolVersion,
    tools,
    pages,
    bytes: session.bytes,
    transport: kind,
    warnings: [...session.warnings, ...garbageSummary(session)],
    timings: { startMs: Math.round(t1 - t0), listMs: Math.round(performance.now() - t1) },
  };
}

function garbageSummary(session: IngestSession): string[] {
  const n = session.garbageCount;
  return n > 3 ? [`ignored ${n} non-JSON-RPC messages in all`] : [];
}

/** Maps anything thrown during the exchange to one IngestError, preferring the session's own failure. */
function toIngestError(e: unknown, session: IngestSession): IngestError {
  if (session.failure) return session.failure;
  if (e instanceof IngestError) return e;
  const where = session.where();
  if (e instanceof McpError) {
    if (e.code === ErrorCode.RequestTimeout) {
      return new IngestError('timeout', `timed out after ${session.limits.requestTimeoutMs} ms waiting for ${where}`, { cause: e });
    }
    if (e.code === ErrorCode.ConnectionClosed) {
      return new IngestError('exited', `server closed the connection during ${where}`, { cause: e });
    }
    const text = describeError(e).replace(/^MCP error -?\d+:\s*/, '');
    return new IngestError('protocol', `server answered ${where} with error ${e.code}: ${text}`, { cause: e });
  }
  if (e instanceof StreamableHTTPError) {
    return new IngestError(session.phase === 'initialize' ? 'connect' : 'protocol', `${where} failed: ${describeError(e)}`, { cause: e });
  }
  if (e && typeof e === 'object' && Array.isArray((e as { issues?: unknown }).issues)) {
    return new IngestError('protocol', `invalid ${where} result: ${describeError(e)}`, { cause: e });
  }
  return new IngestError(session.phase === 'initialize' ? 'connect' : 'protocol', `${where} failed: ${describeError(e)}`, { cause: e });
}

function stringEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (typeof v === 'string') out[k] = v;
  return out;
}
