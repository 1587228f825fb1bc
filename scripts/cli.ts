/**
 * `mcp-risk` command-line entry point (`npm run cli -- <command>`; bundled to dist-cli/mcp-risk.mjs
 * by scripts/build-cli.ts). All logic is in scripts/cli/ and src/lib.
 */
import { stopAllServers } from '../src/lib/ingest/index.js';
import { processIO, runCli } from './cli/main.js';

// Servers run in their own process groups and miss the terminal's Ctrl-C: stop them, then exit.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    stopAllServers();
    process.stderr.write(`mcp-risk: interrupted (${signal})\n`);
    process.exit(130);
  });
}

process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
});

const code = await runCli(process.argv.slice(2), processIO());
process.exitCode = code;
// Exit once stdout is flushed, even if a library left a handle open.
process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
