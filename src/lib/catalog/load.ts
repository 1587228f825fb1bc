/**
 * Reading the catalogue: `catalog/servers/<id>/server.yaml` plus `tools/<slug>.md` per tool.
 * Synchronous (the Astro build calls it). Any malformed file throws one `CatalogError`; nothing is
 * returned half-read. Dot-folders (temporary or old snapshots of the writer) are ignored.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ServerSchema, ToolFrontMatterSchema, type Review, type Server, type ToolDefinition } from '../schema/index.js';
import { boundDefinition, CyclicPartError } from './bound.js';
import { CatalogError, parseWithIssues } from './errors.js';
import { parseToolFile, parseYaml } from './format.js';
import { toolSlugs } from './slugs.js';

/** One tool file of a server, as loaded. */
export interface CatalogTool {
  /** File name without `.md`; also the tool's URL segment. */
  slug: string;
  /** Absolute path of the tool file. */
  file: string;
  position: number;
  /** Exactly as the server listed it (a part over `DEFINITION_BOUNDS` is a marker: ./bound.ts). */
  definition: ToolDefinition;
  /** Human override of the verdict, if any. */
  review?: Review;
  /** Markdown body (editorial notes), possibly empty. */
  body: string;
}

/** One server folder, tools sorted by position. */
export interface CatalogServer {
  id: string;
  /** Absolute path of the server folder. */
  dir: string;
  server: Server;
  tools: CatalogTool[];
}

/** The whole catalogue, servers sorted by id. */
export interface Catalog {
  /** Absolute path of the catalogue folder. */
  dir: string;
  servers: CatalogServer[];
}

/**
 * The catalogue folder to use: `--catalog DIR` (the `flag`) wins over `MCP_CATALOG_DIR`, default
 * `./catalog`; resolved against the working directory.
 */
export function catalogDir(flag?: string, env: NodeJS.ProcessEnv = process.env): string {
  const chosen = flag && flag.length > 0 ? flag : env.MCP_CATALOG_DIR && env.MCP_CATALOG_DIR.length > 0 ? env.MCP_CATALOG_DIR : 'catalog';
  return resolve(process.cwd(), chosen);
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new CatalogError(file, '', code === 'ENOENT' ? 'file not found' : `cannot read file (${code ?? 'error'})`);
  }
}

/** Parse one tool file's text (exported for tests and single-file tools). */
export function parseToolText(text: string, file: string, slug: string): CatalogTool {
  const { data, body } = parseToolFile(text, file);
  const fm = parseWithIssues(ToolFrontMatterSchema, data, file);
  // Keep the definition object as parsed from YAML, not zod's copy: zod's passthrough copy would
  // drop keys such as `__proto__`, and the definition must stay exactly as listed.
  const rawDefinition = (data as { definition: ToolDefinition }).definition;
  // A hand-edited file may hold a part deeper or larger than ingestion writes: readers see a
  // marker for it (flagged on the tool's page), never the part itself (./bound.ts).
  let definition: ToolDefinition;
  try {
    definition = boundDefinition(rawDefinition).definition;
  } catch (e) {
    if (e instanceof CyclicPartError) throw new CatalogError(file, `definition.${e.field}`, 'refers to itself (a YAML alias cycle)');
    throw e;
  }
  const tool: CatalogTool = { slug, file, position: fm.position, definition, body };
  if (fm.review) tool.review = fm.review;
  return tool;
}

/**
 * How a loader turns a tool file's text into a tool: `parseToolText` unless a caller (the site
 * build's cache of parsed files, src/lib/build/data-cache.ts) gives one that returns the same result.
 */
export type ToolParser = (text: string, file: string, slug: string) => CatalogTool;

/**
 * Load one server folder `<dir>/servers/<id>`. Checks that `server.yaml` names the folder's id,
 * that positions are unique, and that `toolCount` matches the tool files.
 */
export function loadServer(dir: string, id: string, parse: ToolParser = parseToolText): CatalogServer {
  const serverDir = resolve(dir, 'servers', id);
  const serverFile = join(serverDir, 'server.yaml');
  const server = parseWithIssues(ServerSchema, parseYaml(readText(serverFile), serverFile), serverFile);
  if (server.id !== id) {
    throw new CatalogError(serverFile, 'id', `expected ${JSON.stringify(id)} (the folder name), got ${JSON.stringify(server.id)}`);
  }
  const toolsDir = join(serverDir, 'tools');
  const files = existsSync(toolsDir)
    ? readdirSync(toolsDir).filter((f) => f.endsWith('.md') && !f.startsWith('.')).sort()
    : [];
  const tools: CatalogTool[] = [];
  const byPosition = new Map<number, string>();
  for (const name of files) {
    const file = join(toolsDir, name);
    const tool = parse(readText(file), file, name.slice(0, -3));
    const clash = byPosition.get(tool.position);
    if (clash !== undefined) {
      throw new CatalogError(file, 'position', `expected a position unique within the server (${tool.position} is also used by tools/${clash}.md)`);
    }
    byPosition.set(tool.position, tool.slug);
    tools.push(tool);
  }
  if (server.toolCount !== tools.length) {
    throw new CatalogError(serverFile, 'toolCount', `expected ${tools.length} (the number of files in tools/), got ${server.toolCount}`);
  }
  tools.sort((a, b) => a.position - b.position);
  // Each file is named after its tool, as the writer names it: so a tool's name can be read from its
  // file name (`toolNames`) and its page's URL is the one the name gives.
  const slugs = toolSlugs(tools.map((t) => t.definition.name));
  tools.forEach((t, i) => {
    if (t.slug !== slugs[i]) {
      throw new CatalogError(t.file, 'definition.name', `expected the file to be named tools/${slugs[i]}.md after its tool's name and position, got tools/${t.slug}.md`);
    }
  });
  return { id, dir: serverDir, server, tools };
}

/** A slug the writer derived with a hash (`<base>-<hex>`, `tool-<hex>`): its name must be read from the file. */
const HASHED_SLUG = /-[0-9a-f]{6,}$/;

/**
 * The tool names of server `id`, in file-name order, without parsing its tool files: a file named
 * without a hash is named after its tool exactly (`slugFor`), and `loadServer` rejects a file named
 * otherwise; a hashed file name is read. Much faster than `loadServer` where only names are needed.
 */
export function toolNames(dir: string, id: string, parse: ToolParser = parseToolText): string[] {
  const toolsDir = resolve(dir, 'servers', id, 'tools');
  if (!existsSync(toolsDir)) return [];
  return readdirSync(toolsDir)
    .filter((f) => f.endsWith('.md') && !f.startsWith('.'))
    .sort()
    .map((f) => {
      const slug = f.slice(0, -3);
      if (!HASHED_SLUG.test(slug)) return slug;
      const file = join(toolsDir, f);
      return parse(readText(file), file, slug).definition.name;
    });
}

/** Every server's tool names (`toolNames`), servers sorted by id: what "another server lists it" compares with. */
export function toolNameLists(dir: string): { id: string; names: string[] }[] {
  return listServerIds(dir).map((id) => ({ id, names: toolNames(dir, id) }));
}

/** Ids of the server folders under `<dir>/servers` (dot-folders ignored), sorted. */
export function listServerIds(dir: string): string[] {
  const serversDir = resolve(dir, 'servers');
  if (!existsSync(serversDir)) return [];
  return readdirSync(serversDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('.'))
    .map((d) => d.name)
    .sort();
}

/**
 * Load every server of the catalogue folder `dir` (which may hold any subset of servers, or none).
 * Throws `CatalogError` if `dir` is not a folder or any file is malformed.
 */
export function loadCatalog(dir: string, parse: ToolParser = parseToolText): Catalog {
  const root = resolve(dir);
  let isDir = false;
  try {
    isDir = statSync(root).isDirectory();
  } catch {
    isDir = false;
  }
  if (!isDir) throw new CatalogError(root, '', 'expected a catalogue folder');
  const servers = listServerIds(root).map((id) => loadServer(root, id, parse));
  return { dir: root, servers };
}
