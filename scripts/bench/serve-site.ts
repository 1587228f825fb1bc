/**
 * The benchmark's static server, in its own process (so it does not share the event loop and CPU
 * slice of the benchmark's Playwright driver): `tsx scripts/bench/serve-site.ts DIR` serves the built
 * site in DIR on 127.0.0.1 with keep-alive, `/search-index/` read into memory before it starts and
 * every other answer kept in memory once made (as a static host or CDN serves hot files; see
 * tests/e2e/serve.ts). It prints its URL on one line, and stops when its stdin closes.
 */
import { serveStatic } from '../../tests/e2e/serve.js';
import { SEARCH_INDEX_BASE } from '../../src/lib/search/sharded-format.js';

const dir = process.argv[2];
if (!dir) {
  process.stderr.write('usage: tsx scripts/bench/serve-site.ts DIR\n');
  process.exit(2);
}
const server = await serveStatic(dir, { memory: true, preload: [SEARCH_INDEX_BASE] });
process.stdout.write(`${server.url}\n`);
process.stdin.on('end', () => void server.close().then(() => process.exit(0)));
process.stdin.resume();
