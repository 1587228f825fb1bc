/**
 * The site's entry point: `tsx scripts/site.ts <build|dev|preview|start> [--catalog DIR] [--out DIR]`.
 * Resolves the catalogue folder (`--catalog`, else MCP_CATALOG_DIR, else ./catalog) to an absolute
 * path, exports it as MCP_CATALOG_DIR for the pages, and runs Astro programmatically. `start` builds
 * and then serves the result on 127.0.0.1:4321. Telemetry is off: the site makes no outside requests.
 */
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build, dev, preview } from 'astro';
import { catalogDir } from '../src/lib/catalog/index.js';

const COMMANDS = ['build', 'dev', 'preview', 'start'] as const;
type Command = (typeof COMMANDS)[number];
const root = fileURLToPath(new URL('..', import.meta.url));

function fail(message: string): never {
  process.stderr.write(`site: ${message}\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        catalog: { type: 'string' },
        out: { type: 'string' },
        host: { type: 'string' },
        port: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    fail(e instanceof Error ? e.message : String(e));
  }
  const { values, positionals } = parsed;
  const command = (positionals[0] ?? 'build') as Command;
  if (values.help || !COMMANDS.includes(command)) {
    process.stdout.write('usage: tsx scripts/site.ts <build|dev|preview|start> [--catalog DIR] [--out DIR] [--host H] [--port N]\n');
    process.exit(values.help ? 0 : 2);
  }
  const dir = catalogDir(values.catalog);
  if (command !== 'preview') {
    if (!existsSync(dir) || !statSync(dir).isDirectory()) fail(`--catalog: ${dir} is not a folder`);
    process.env.MCP_CATALOG_DIR = dir;
  }
  if (values.out) process.env.MCP_OUT_DIR = resolve(values.out);
  process.env.ASTRO_TELEMETRY_DISABLED = '1';
  const port = values.port ? Number(values.port) : 4321;
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port: expected a port number, got ${values.port}`);
  const server = { host: values.host ?? '127.0.0.1', port };

  if (command === 'build' || command === 'start') {
    process.stdout.write(`site: building from ${dir}\n`);
    await build({ root, logLevel: 'warn' });
  }
  // Astro 5's dev server wrongly requires a trailing slash on dynamic file endpoints
  // (`/api/tools/<server>/<tool>.json`) under trailingSlash "always" (withastro/astro#17001, fixed
  // in v6); the built site is unaffected, so dev alone accepts both forms.
  if (command === 'dev') await dev({ root, server, trailingSlash: 'ignore' });
  if (command === 'preview' || command === 'start') await preview({ root, server });
}

main().catch((e: unknown) => {
  process.stderr.write(`site: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
