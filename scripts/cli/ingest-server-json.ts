/**
 * `mcp-risk ingest --server-json FILE`: start the package (npm, pypi) or remote a registry
 * `server.json` names, in the same sandbox as `ingest --all`, and keep the registry name as the
 * server's identity (folder id = its slug unless `--id` is given; name, version and declared
 * environment variables in server.yaml). Also the PyPI flags shared with `--all`.
 */
import { resolve } from 'node:path';
import type { ServerInput } from '../../src/lib/catalog/index.js';
import { serverDefaults, serverFromSource } from '../../src/lib/catalog/listing.js';
import { listTools, type ListLimits, type ListResult } from '../../src/lib/ingest/index.js';
import { loadServerJsonSource } from '../../src/lib/registry/index.js';
import type { Server, Source } from '../../src/lib/schema/index.js';
import { defaultScratchRoot, prepareSource, type PypiPrepareOptions } from '../../src/lib/sources/index.js';
import { oneLine, type CliIO } from './common.js';
import type { Job } from './ingest.js';
import { httpUrl } from './target.js';

/** `--pip-index-url` and `--python` as prepareSource options. */
export function pypiPrepareOptions(values: Record<string, unknown>): PypiPrepareOptions {
  const out: PypiPrepareOptions = {};
  if (typeof values['pip-index-url'] === 'string') out.pipIndexUrl = values['pip-index-url'];
  if (typeof values['python'] === 'string') out.python = resolve(values['python']);
  return out;
}

/** The one job of `--server-json FILE`. Throws a one-line error for a bad file (exit 2). */
export async function serverJsonJob(
  values: Record<string, unknown>,
  _catalog: string,
  limits: Partial<ListLimits>,
  checkId: (id: string | undefined, flag?: string) => string,
  io: CliIO,
): Promise<Job> {
  const file = values['server-json'] as string;
  const wanted = typeof values['id'] === 'string' ? checkId(values['id']) : undefined;
  const r = await loadServerJsonSource(resolve(file), { label: file, ...(wanted ? { id: wanted } : {}) });
  const id = checkId(r.source.id, 'server.json name');
  for (const n of r.notes) io.stderr(`${id}: ${oneLine(n)}\n`);
  const server: ServerInput = { ...serverFromSource(r.source), registry: r.registry };
  for (const k of ['name', 'description', 'repository'] as const) if (typeof values[k] === 'string') server[k] = values[k] as string;
  const scratchRoot = resolve((values['scratch'] as string | undefined) ?? defaultScratchRoot());
  const source = r.source;
  if (source.url) {
    const url = httpUrl('ingest', source.url);
    return { id, server, list: async () => { const listed = await listTools({ kind: 'http', url }, limits); return { listed, defaults: serverDefaults(id, listed) }; } };
  }
  return {
    id,
    server,
    list: (progress) => listPrepared(source, id, scratchRoot, limits, values, progress),
  };
}

/**
 * Prepare `source` (npm or PyPI) in the sandbox, list its tools with this run's machine paths
 * redacted, and remove the run folder: the plain path, without the crawl's install cache or retries.
 */
export async function listPrepared(
  source: Source,
  id: string,
  scratchRoot: string,
  limits: Partial<ListLimits>,
  values: Record<string, unknown>,
  progress: (line: string) => void,
): Promise<{ listed: ListResult; defaults: Partial<Server> }> {
  const prepared = await prepareSource(source, { scratchRoot, ...pypiPrepareOptions(values) });
  try {
    for (const n of prepared.notes) progress(n);
    // A server may put its scratch paths into tool text (figma does): never publish machine paths.
    const listed = prepared.redact(await listTools(prepared.target, limits));
    const defaults: Partial<Server> = { ...serverDefaults(id, listed), homepage: prepared.package.homepage };
    if (prepared.package.repository) defaults.repository = prepared.package.repository;
    return { listed, defaults };
  } finally {
    await prepared.cleanup();
  }
}
