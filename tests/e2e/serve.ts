/**
 * A tiny static file server for the built site (tests and the benchmark): 127.0.0.1, ephemeral port
 * (or `port`), keep-alive, no directory listings, no path traversal, `/dir/` serves
 * `dir/index.html`, `/dir` redirects to `/dir/` when that is a folder, anything missing gets
 * `404.html` with status 404. By default each request stats and reads the file (tests see the folder
 * as it is now); `memory: true` keeps each answer once made, as a static host or CDN serves hot
 * files from memory (the benchmark, over a site that does not change while it runs).
 */
import { createServer, type Server } from 'node:http';
import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { AddressInfo } from 'node:net';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webmanifest': 'application/manifest+json',
};

/** A running static server. */
export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

async function isFile(p: string): Promise<boolean> {
  return stat(p).then((s) => s.isFile(), () => false);
}
async function isDir(p: string): Promise<boolean> {
  return stat(p).then((s) => s.isDirectory(), () => false);
}

/** Options of `serveStatic`. */
export interface ServeOptions {
  /** Keep every answer (status, type, bytes) once made, by path: no stat or read for a hot file. */
  memory?: boolean;
  /** With `memory`: folders of the site (e.g. `search-index`) read into memory before serving. */
  preload?: string[];
}

/** What a path is answered with (`redirect`: a folder, to its path with a slash). */
interface Answer {
  status: number;
  type?: string;
  body?: Buffer;
  redirect?: true;
}

/** The answer for decoded `path` under `root` (see the file comment). */
async function answer(root: string, path: string): Promise<Answer> {
  const file = normalize(join(root, path));
  if (file !== root && !file.startsWith(root + sep)) return { status: 403, body: Buffer.from('forbidden') };
  let target: string | undefined;
  if (path.endsWith('/')) {
    if (await isFile(join(file, 'index.html'))) target = join(file, 'index.html');
  } else if (await isFile(file)) target = file;
  else if (await isDir(file)) return { status: 301, redirect: true };
  const status = target ? 200 : 404;
  target ??= join(root, '404.html');
  const body = await readFile(target).catch(() => Buffer.from('not found'));
  return { status, type: TYPES[extname(target)] ?? 'application/octet-stream', body };
}

/** Serve `dir` on 127.0.0.1 at an ephemeral port (see `ServeOptions`). */
export async function serveStatic(dir: string, options: ServeOptions = {}): Promise<StaticServer> {
  const root = resolve(dir);
  const kept = new Map<string, Promise<Answer>>();
  if (options.memory) {
    const walk = async (rel: string): Promise<void> => {
      for (const e of await readdir(join(root, rel), { withFileTypes: true })) {
        const p = `${rel}/${e.name}`;
        if (e.isDirectory()) await walk(p);
        else if (e.isFile()) kept.set(`/${p}`, Promise.resolve(await answer(root, `/${p}`)));
      }
    };
    for (const folder of options.preload ?? []) await walk(folder.replace(/^\/+|\/+$/g, ''));
  }
  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      let path: string;
      try {
        path = decodeURIComponent(url.pathname);
      } catch {
        res.writeHead(400).end('bad path');
        return;
      }
      let a = options.memory ? kept.get(path) : undefined;
      if (!a) {
        a = answer(root, path);
        if (options.memory) kept.set(path, a);
      }
      const { status, type, body, redirect } = await a;
      if (redirect) {
        res.writeHead(status, { Location: `${url.pathname}/${url.search}` }).end();
        return;
      }
      res.writeHead(status, { ...(type ? { 'Content-Type': type } : {}), 'Cache-Control': 'no-store' });
      res.end(req.method === 'HEAD' ? undefined : body);
    })().catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  // Never close an idle keep-alive connection from this side: a client that reuses one at the
  // moment the server's idle timer (5 s by default) closes it reads "other side closed", a race
  // that a loaded machine's late timers make real. Clients close idle sockets themselves, and
  // close() ends every connection.
  server.keepAliveTimeout = 0;
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => ok());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
