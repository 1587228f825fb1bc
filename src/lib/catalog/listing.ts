/**
 * From a listing (live `tools/list` or a saved file) and a source entry to the writer's input:
 * pure glue between ingestion, `catalog/sources.yaml` and `writeServerSnapshot`.
 */
import type { Launch, Server, Source } from '../schema/index.js';
import { normalizeListedTools, type ListResult } from '../ingest/index.js';
import { toolsHash } from './format.js';
import type { ServerInput, SnapshotInput } from './write.js';

/** The writer's input for one listing, plus one line per skipped entry. */
export interface ListingSnapshot {
  input: SnapshotInput;
  warnings: string[];
}

/**
 * Build the snapshot for `server` from `listed`. `toolsHash` covers the raw listed entries;
 * `serverInfo` and `protocolVersion` come from the live server; `sdkVersion` is recorded for live
 * listings only (a file was not listed by the SDK). For HTTP listings the launch transport is the
 * one that worked (`streamable-http` or `sse`).
 */
export function snapshotFromListing(server: ServerInput, listed: ListResult, sdkVersion?: string): ListingSnapshot {
  const normalized = normalizeListedTools(listed.tools);
  const out: ServerInput = { ...server, toolsHash: toolsHash(listed.tools) };
  if (listed.serverInfo) out.serverInfo = listed.serverInfo;
  if (listed.protocolVersion) out.protocolVersion = listed.protocolVersion;
  if (listed.transport !== 'file' && sdkVersion) out.sdkVersion = sdkVersion;
  if (out.launch && 'url' in out.launch && (listed.transport === 'sse' || listed.transport === 'streamable-http')) {
    out.launch = { transport: listed.transport, url: out.launch.url };
  }
  return {
    input: { server: out, tools: normalized.tools.map((t) => ({ position: t.position, definition: t.definition })) },
    warnings: [
      ...listed.warnings,
      ...normalized.skipped.map((s) => s.reason),
      ...normalized.tools.flatMap((t) =>
        t.flags
          .filter((f) => f.id === 'schema-too-deep' || f.id === 'schema-too-large')
          .map((f) => `tool ${JSON.stringify(t.definition.name.slice(0, 80))} at position ${t.position}: ${f.message} (flag ${f.id})`),
      ),
    ],
  };
}

/**
 * How a `sources.yaml` entry is started, as recorded in server.yaml (`npx` for npm entries, `uvx`
 * for PyPI ones: `uvx name@version`, `uvx --from name==version <script>`, or `... python -m <module>`).
 */
export function launchForSource(source: Source): Launch {
  if (source.file) return { transport: 'file', file: source.file };
  if (source.url) return { transport: 'streamable-http', url: source.url };
  const env = Object.keys(source.env).sort();
  if (source.pypi) {
    const [name, version] = source.pypi.split('==');
    const run = source.module ? ['--from', source.pypi, 'python', '-m', source.module] : source.bin ? ['--from', source.pypi, source.bin] : [`${name}@${version}`];
    return { transport: 'stdio', command: 'uvx', args: [...run, ...source.args], env };
  }
  if (source.main !== undefined) {
    // No bin to run through npx: `npm install <package>`, then Node runs the package's main file.
    const name = (source.npm ?? '').replace(/^(@?[^@]+)@.*$/, '$1');
    return { transport: 'stdio', command: 'node', args: [`node_modules/${name}/${source.main.replace(/^\.\//, '')}`, ...source.args], env };
  }
  return { transport: 'stdio', command: 'npx', args: ['-y', source.npm ?? '', ...source.args], env };
}

/** The server.yaml fields a `sources.yaml` entry gives (the source is authoritative for them). */
export function serverFromSource(source: Source): ServerInput {
  const s: ServerInput = { id: source.id, name: source.name, launch: launchForSource(source) };
  if (source.description) s.description = source.description;
  if (source.repository) s.repository = source.repository;
  if (source.homepage) s.homepage = source.homepage;
  if (source.npm) s.package = source.npm;
  if (source.pypi) s.package = source.pypi;
  if (source.provenance) s.provenance = source.provenance;
  if (source.downloads) s.downloads = { ...source.downloads };
  return s;
}

/** Defaults for a server first ingested without a name: the server's own name, else its id. */
export function serverDefaults(id: string, listed?: Pick<ListResult, 'serverInfo'>): Partial<Server> {
  const info = listed?.serverInfo as { name?: unknown; title?: unknown } | undefined;
  const name = typeof info?.title === 'string' && info.title.trim() ? info.title : typeof info?.name === 'string' && info.name.trim() ? info.name : id;
  return { name, description: '' };
}
