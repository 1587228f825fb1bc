/**
 * Builder test data: servers built through the same path the site uses (`serverFileJson` then
 * `parseServerFile`), with realistic verdicts, a duplicated name and hostile names and slugs.
 */
import { parseServerFile, serverFileJson, type BuilderServer, type BuilderTool } from '../../../src/lib/builder/data.js';
import { CRYPTO_TOOLS, HOSTILE_NAMES } from '../policy/fixtures.js';
import { slugsForList } from '../../../src/lib/slug.js';
import type { Category, Risk } from '../../../src/lib/schema/index.js';

/** A server from `(name, category, risk)` triples; slugs as the catalogue writer makes them. */
export function makeServer(id: string, tools: readonly { name: string; category: Category; risk: Risk; reviewed?: boolean }[], exportName = id): BuilderServer {
  const slugs = slugsForList(tools.map((t) => t.name));
  const list: BuilderTool[] = tools.map((t, index) => ({ name: t.name, slug: slugs[index] ?? '', category: t.category, risk: t.risk, reviewed: t.reviewed ?? false, index }));
  return parseServerFile(JSON.parse(JSON.stringify(serverFileJson({ id, name: `Server ${id}`, exportName, url: `/servers/${id}/`, tools: list }))), `${id}.json`);
}

/** The crypto server of the policy tests (every risk level, `GetGasPrice` listed twice). */
export const CRYPTO = makeServer('crypto', CRYPTO_TOOLS.map((t) => ({ name: t.name, ...t.verdict })));

const LEVELS: Risk[] = ['Low', 'Medium', 'High', 'Critical'];
const KINDS: Category[] = ['Read', 'Write', 'Execute', 'Destructive', 'Financial', 'Other'];

/** A server whose tools have hostile names (quotes, newlines, dots, `*`, shell syntax, lone surrogates). */
export const HOSTILE = makeServer(
  'hostile',
  HOSTILE_NAMES.map((name, i) => ({ name, category: KINDS[i % KINDS.length]!, risk: LEVELS[i % LEVELS.length]! })),
  'hostile-srv',
);

/** A small plain server. */
export const FILES = makeServer('files', [
  { name: 'read_file', category: 'Read', risk: 'Low' },
  { name: 'write_file', category: 'Write', risk: 'Medium' },
  { name: 'delete_file', category: 'Destructive', risk: 'Critical' },
  { name: 'run_script', category: 'Execute', risk: 'High', reviewed: true },
]);

/** The servers above by id. */
export const SERVERS: ReadonlyMap<string, BuilderServer> = new Map([CRYPTO, HOSTILE, FILES].map((s) => [s.id, s]));

/** The tool of `server` named `name` (first listing). */
export function tool(server: BuilderServer, name: string): BuilderTool {
  const t = server.tools.find((x) => x.name === name);
  if (!t) throw new Error(`no tool ${name} in ${server.id}`);
  return t;
}
