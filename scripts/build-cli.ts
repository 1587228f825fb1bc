/**
 * Bundles the `mcp-risk` CLI (scripts/cli.ts and our own src/) with esbuild into
 * dist-cli/mcp-risk.mjs: ESM for Node 20, npm packages left external (they are the package's
 * dependencies), the shipped classifier rules embedded (src/lib/classify/shipped-rules.generated.ts).
 * Usage: npm run build:cli [-- --outfile PATH]
 */
import { chmodSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';

/** Banner: shebang, and a `require` for any CommonJS code that ends up in the bundle. */
const BANNER = [
  '#!/usr/bin/env node',
  "import { createRequire as __mcpRiskCreateRequire } from 'node:module';",
  'const require = __mcpRiskCreateRequire(import.meta.url);',
].join('\n');

/** Build the bundle at `outfile`; returns its absolute path. */
export async function buildCli(outfile = 'dist-cli/mcp-risk.mjs'): Promise<string> {
  const out = resolve(outfile);
  await build({
    entryPoints: [resolve(import.meta.dirname, 'cli.ts')],
    outfile: out,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    banner: { js: BANNER },
    legalComments: 'none',
    logLevel: 'warning',
  });
  chmodSync(out, 0o755);
  return out;
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('build-cli.ts')) {
  const { values } = parseArgs({ options: { outfile: { type: 'string' } } });
  try {
    const out = await buildCli(values.outfile);
    process.stdout.write(`built ${out}\n`);
  } catch (e) {
    // esbuild has already printed the located errors.
    process.stderr.write(`build-cli: ${(e as Error).message.split('\n')[0] ?? 'failed'}\n`);
    process.exitCode = 1;
  }
}
