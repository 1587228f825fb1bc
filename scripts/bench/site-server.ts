/**
 * Start the benchmark's static server (serve-site.ts) as a child process and wait for its URL.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { ROOT } from './site-build.js';

/** A static server running in a child process. */
export interface ChildServer {
  url: string;
  close(): Promise<void>;
}

/** Serve the built site in `outDir` from a child process (see serve-site.ts). */
export async function serveSiteInChild(outDir: string): Promise<ChildServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'bench', 'serve-site.ts'), outDir], {
    cwd: ROOT,
    stdio: ['pipe', 'pipe', 'inherit'],
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  const exited = new Promise<void>((ok) => child.once('exit', () => ok()));
  const url = await new Promise<string>((ok, fail) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => ok(line.trim()));
    child.once('error', fail);
    void exited.then(() => fail(new Error('the site server exited before printing its URL')));
  });
  return {
    url,
    close: async () => {
      child.stdin!.end();
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
