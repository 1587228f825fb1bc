/**
 * Serving the catalogue's MCP server: over stdio (one line-delimited JSON-RPC stream, each line
 * bounded), or over Streamable HTTP (stateless: a fresh `McpServer` and transport per POST; bodies,
 * headers, time and connections bounded; the Host header checked when bound to loopback, against
 * DNS rebinding).
 */
import { createServer, type IncomingMessage, type Server as HttpServer, type ServerResponse } from 'node:http';
import { Transform, type Readable } from 'node:stream';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { CatalogService } from './catalog-service.js';
import { MCP_LIMITS } from './operations.js';
import { createCatalogServer } from './server.js';

/** Largest JSON-RPC message read (one stdio line, one HTTP body): the largest argument, escaped, with room. */
export const MAX_MESSAGE_BYTES = 4 * MCP_LIMITS.configChars + 1024 * 1024;
/** Longest time an HTTP request may take to arrive, in ms. */
export const HTTP_REQUEST_TIMEOUT_MS = 30_000;
/** Most simultaneous HTTP connections. */
export const HTTP_MAX_CONNECTIONS = 64;

/** Whether `host` is a loopback address or name. */
export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/**
 * A pass-through stream that fails once a line (bytes since the last newline) grows past
 * `maxBytes`, so one endless line cannot fill memory.
 */
export function boundedLines(maxBytes: number): Transform {
  let run = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      const over = (): void => done(new Error(`a message is over ${maxBytes} bytes`));
      let start = 0;
      for (;;) {
        const nl = chunk.indexOf(0x0a, start);
        if (nl < 0) {
          run += chunk.length - start;
          break;
        }
        if (run + (nl - start) > maxBytes) return over();
        run = 0;
        start = nl + 1;
      }
      if (run > maxBytes) return over();
      done(null, chunk);
    },
  });
}

/** Serve over stdio until stdin ends; resolves when the connection closes, rejects on a bound. */
export async function serveStdio(svc: CatalogService, stdin: Readable = process.stdin, stdout = process.stdout): Promise<void> {
  const input = boundedLines(MAX_MESSAGE_BYTES);
  const server = createCatalogServer(svc);
  const transport = new StdioServerTransport(stdin.pipe(input), stdout);
  await new Promise<void>((done, fail) => {
    input.on('error', (e) => {
      void server.close();
      fail(new Error(`stdin: ${e.message}`));
    });
    input.on('end', () => void server.close().then(done, done));
    transport.onclose = () => done();
    server.connect(transport).catch(fail);
  });
}

function reply(res: ServerResponse, status: number, message: string): void {
  if (res.headersSent) return void res.end();
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32000, message }, id: null }));
}

async function readBody(req: IncomingMessage, maxBytes: number): Promise<unknown> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) throw Object.assign(new Error(`request body over ${maxBytes} bytes`), { status: 413 });
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of req) {
    total += (chunk as Buffer).length;
    if (total > maxBytes) throw Object.assign(new Error(`request body over ${maxBytes} bytes`), { status: 413 });
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw Object.assign(new Error('request body is not JSON'), { status: 400 });
  }
}

/** A listening Streamable HTTP server and how to stop it. */
export interface HttpHandle {
  server: HttpServer;
  /** The MCP endpoint, e.g. `http://127.0.0.1:3000/mcp`. */
  url: string;
  close: () => Promise<void>;
}

/**
 * Serve Streamable HTTP at `http://<host>:<port>/mcp` (`port` 0 picks a free one). Stateless: no
 * sessions, JSON responses, POST only (GET and DELETE answer 405).
 */
export async function serveHttp(svc: CatalogService, opts: { host: string; port: number }): Promise<HttpHandle> {
  let allowedHosts: string[] | undefined;
  const http = createServer(async (req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path !== '/mcp') return reply(res, 404, 'not found: the MCP endpoint is /mcp');
    if (req.method !== 'POST') {
      res.setHeader('allow', 'POST');
      return reply(res, 405, 'method not allowed: this server is stateless, POST JSON-RPC to /mcp');
    }
    if (allowedHosts && !allowedHosts.includes(req.headers.host ?? '')) return reply(res, 403, `Invalid Host header: ${JSON.stringify((req.headers.host ?? '').slice(0, 100))}`);
    let body: unknown;
    try {
      body = await readBody(req, MAX_MESSAGE_BYTES);
    } catch (e) {
      const status = (e as { status?: number }).status ?? 400;
      // The rest of an oversized body is not read: close the connection after answering.
      if (status === 413) res.setHeader('connection', 'close');
      return reply(res, status, (e as Error).message);
    }
    const server = createCatalogServer(svc);
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      enableJsonResponse: true,
      ...(allowedHosts ? { enableDnsRebindingProtection: true, allowedHosts } : {}),
    });
    res.on('close', () => {
      void transport.close();
      void server.close();
    });
    try {
      await server.connect(transport);
      await transport.handleRequest(req, res, body);
    } catch (e) {
      reply(res, 500, `internal error: ${(e as Error).message}`);
    }
  });
  http.requestTimeout = HTTP_REQUEST_TIMEOUT_MS;
  http.headersTimeout = Math.min(HTTP_REQUEST_TIMEOUT_MS, 20_000);
  http.maxHeadersCount = 100;
  http.maxConnections = HTTP_MAX_CONNECTIONS;
  await new Promise<void>((done, fail) => {
    http.once('error', fail);
    http.listen(opts.port, opts.host, () => {
      http.off('error', fail);
      done();
    });
  });
  const address = http.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  const hostPart = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
  if (isLoopback(opts.host)) allowedHosts = [`${hostPart}:${port}`, `localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`];
  return {
    server: http,
    url: `http://${hostPart}:${port}/mcp`,
    close: () =>
      new Promise<void>((done) => {
        http.closeAllConnections();
        http.close(() => done());
      }),
  };
}
