/**
 * Reading `server.json` files from disk (bounded), and expanding the `serverJson:` entries of
 * `catalog/sources.yaml` into the npm / pypi / url entries they name.
 */
import { open } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { RegistryInfo } from '../schema/server.js';
import type { Source } from '../schema/source.js';
import { formatServerJsonIssue, parseServerJson, type ServerJson, type ServerJsonIssue } from './server-json.js';
import { sourceFromServerJson, type RegistrySource } from './to-source.js';

/** Largest server.json read, in bytes (real ones are a few KB). */
export const MAX_SERVER_JSON_BYTES = 1024 * 1024;

/** A bad server.json: the message is one line, `<file>: <field>: <message>`. */
export class ServerJsonError extends Error {
  override readonly name = 'ServerJsonError';
  readonly issues: ServerJsonIssue[];
  constructor(issues: ServerJsonIssue[]) {
    const first = issues[0];
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
    super(first ? `${formatServerJsonIssue(first)}${more}` : 'server.json: invalid');
    this.issues = issues;
  }
}

/** Read and parse `path` (at most {@link MAX_SERVER_JSON_BYTES}); `label` names it in errors. Throws {@link ServerJsonError}. */
export async function readServerJson(path: string, label = path): Promise<ServerJson> {
  let text: string;
  try {
    const fh = await open(path, 'r');
    try {
      const buf = Buffer.alloc(MAX_SERVER_JSON_BYTES + 1);
      const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
      if (bytesRead > MAX_SERVER_JSON_BYTES) throw new ServerJsonError([{ file: label, path: '', message: `is larger than ${MAX_SERVER_JSON_BYTES} bytes` }]);
      text = buf.subarray(0, bytesRead).toString('utf8');
    } finally {
      await fh.close();
    }
  } catch (e) {
    if (e instanceof ServerJsonError) throw e;
    throw new ServerJsonError([{ file: label, path: '', message: `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` }]);
  }
  const parsed = parseServerJson(text, label);
  if (!parsed.ok) throw new ServerJsonError(parsed.issues);
  return parsed.server;
}

/** Read `path` and turn it into a source (see `sourceFromServerJson`). Throws {@link ServerJsonError}. */
export async function loadServerJsonSource(path: string, opts: { id?: string; label?: string } = {}): Promise<RegistrySource> {
  const label = opts.label ?? path;
  const server = await readServerJson(path, label);
  const r = sourceFromServerJson(server, label, opts.id ? { id: opts.id } : {});
  if (!r.ok) throw new ServerJsonError(r.issues);
  return r.value;
}

/**
 * Replace each `serverJson:` entry of a sources file by the entry its server.json names, keeping
 * the entry's own `id` (and `name`, `description`, `args`, `env`, `files` when set there, which win).
 * Returns the sources in order and the registry identity per id. Throws {@link ServerJsonError}.
 */
export async function expandServerJsonSources(
  sources: readonly Source[],
  catalog: string,
): Promise<{ sources: Source[]; registry: Map<string, RegistryInfo>; notes: Map<string, string[]> }> {
  const registry = new Map<string, RegistryInfo>();
  const notes = new Map<string, string[]>();
  const out: Source[] = [];
  for (const s of sources) {
    if (!s.serverJson) {
      out.push(s);
      continue;
    }
    const r = await loadServerJsonSource(resolve(catalog, s.serverJson), { id: s.id, label: s.serverJson });
    const { serverJson: _drop, ...own } = s;
    void _drop;
    out.push({
      ...r.source,
      id: s.id,
      name: own.name,
      ...(own.description ? { description: own.description } : {}),
      ...(own.args.length ? { args: own.args } : {}),
      env: { ...r.source.env, ...own.env },
      ...(own.files ? { files: own.files } : {}),
      ...(own.bin ? { bin: own.bin } : {}),
      ...(own.module ? { module: own.module } : {}),
      ...(own.npmBefore ? { npmBefore: own.npmBefore } : {}),
      ...(own.pipSourceBuilds ? { pipSourceBuilds: own.pipSourceBuilds } : {}),
      ...(own.provenance ? { provenance: own.provenance } : {}),
    });
    registry.set(s.id, r.registry);
    notes.set(s.id, r.notes);
  }
  return { sources: out, registry, notes };
}
