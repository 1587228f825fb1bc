/**
 * Writing one server's snapshot into the catalogue, atomically. Machine-owned parts (each tool's
 * `definition` and `position`, the ingest fields of server.yaml) are rewritten; human-owned parts
 * (`review`, the Markdown body, other server.yaml fields, any other file in the server folder)
 * are kept. The new folder is built as a dot-sibling and swapped in with renames, so a failure at
 * any point leaves the previous snapshot exactly as it was.
 */
import * as nodeFs from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { ServerSchema, ToolDefinitionSchema, type Review, type Server, type ToolDefinition } from '../schema/index.js';
import { slugFor } from '../slug.js';
import { boundDefinition, CyclicPartError } from './bound.js';
import { CatalogError, parseWithIssues } from './errors.js';
import { canonicalJson, renderToolFile, stringifyYaml, toolsHash } from './format.js';
import { loadServer, type CatalogServer } from './load.js';
import { toolSlugs } from './slugs.js';
import { HISTORY_FILE, appendHistoryFile, rulesForCatalog, snapshotHistory } from '../history/index.js';

/** server.yaml fields that belong to one ingest and are dropped when the new ingest has none. */
const INGEST_FIELDS = ['serverInfo', 'protocolVersion', 'sdkVersion', 'ingestedAt', 'toolsHash', 'toolCount'] as const;

/**
 * The server part of a snapshot: any `Server` fields, `id` required. Fields left out keep their
 * value from the existing server.yaml (or `WriteOptions.defaults`), except the ingest fields:
 * `serverInfo`, `protocolVersion`, `sdkVersion` come from this input only; `ingestedAt` defaults
 * to now; `toolsHash` defaults to the hash of the definitions; `toolCount` is always computed.
 */
export type ServerInput = Partial<Omit<Server, 'id'>> & { id: string };

/** What one ingest listed. */
export interface SnapshotInput {
  server: ServerInput;
  tools: readonly { position: number; definition: ToolDefinition }[];
}

/** A tool that disappeared from the listing while its file held human content (now deleted). */
export interface RemovedNotes {
  name: string;
  slug: string;
  review?: Review;
  body: string;
}

/** What changed, by tool name (a name listed twice appears twice). `changed` = definition differs. */
export interface SnapshotResult {
  added: string[];
  changed: string[];
  removed: string[];
  unchanged: number;
  /** Removed tools whose file had a review or a non-empty body; the content is returned here. */
  removedWithNotes: RemovedNotes[];
  /** Risky changes since the previous snapshot (none for a server's first snapshot), with the reasons. */
  risky: { tool: string; reasons: string[] }[];
  /** Absolute path of the server folder written. */
  dir: string;
}

/** The file operations the writer uses (injectable so tests can make one of them fail). */
export interface WriterFs {
  mkdirSync: (path: string, opts: { recursive: true }) => unknown;
  writeFileSync: (path: string, data: string) => void;
  renameSync: (from: string, to: string) => void;
  rmSync: (path: string, opts: { recursive: true; force: true }) => void;
  cpSync: (from: string, to: string, opts: { recursive: true }) => void;
}

/** Options of `writeServerSnapshot`. */
export interface WriteOptions {
  /** Clock for `ingestedAt` when the input has none. */
  now?: () => Date;
  /** Replace some file operations (tests). */
  fs?: Partial<WriterFs>;
  /** Values for server.yaml fields that neither the input nor the existing file gives (e.g. `name`). */
  defaults?: Partial<Server>;
}

const DEFAULT_FS: WriterFs = {
  mkdirSync: (p, o) => nodeFs.mkdirSync(p, o),
  writeFileSync: (p, d) => nodeFs.writeFileSync(p, d, 'utf8'),
  renameSync: (a, b) => nodeFs.renameSync(a, b),
  rmSync: (p, o) => nodeFs.rmSync(p, o),
  cpSync: (a, b, o) => nodeFs.cpSync(a, b, o),
};

const rand = (): string => randomBytes(6).toString('hex');

/**
 * Bring a server folder back after an interrupted swap: if `<id>` is missing but exactly one
 * `.<id>.old-*` exists, rename it back; remove leftover `.<id>.tmp-*` folders.
 */
export function recoverServerFolder(serversDir: string, id: string, fs: WriterFs = DEFAULT_FS): void {
  if (!nodeFs.existsSync(serversDir)) return;
  const entries = nodeFs.readdirSync(serversDir);
  for (const e of entries) if (e.startsWith(`.${id}.tmp-`)) fs.rmSync(join(serversDir, e), { recursive: true, force: true });
  const olds = entries.filter((e) => e.startsWith(`.${id}.old-`));
  if (!nodeFs.existsSync(join(serversDir, id)) && olds.length === 1 && olds[0]) {
    fs.renameSync(join(serversDir, olds[0]), join(serversDir, id));
  } else if (nodeFs.existsSync(join(serversDir, id))) {
    for (const o of olds) fs.rmSync(join(serversDir, o), { recursive: true, force: true });
  }
}

function occurrenceKeys(names: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((n) => {
    const k = seen.get(n) ?? 0;
    seen.set(n, k + 1);
    return `${n}\u0000${k}`;
  });
}

function buildServerYaml(input: ServerInput, old: Server | undefined, tools: readonly ToolDefinition[], options: WriteOptions, file: string): Server {
  const isIngest = (k: string): boolean => (INGEST_FIELDS as readonly string[]).includes(k);
  const merged: Record<string, unknown> = {};
  for (const layer of [options.defaults ?? {}, old ?? {}]) {
    for (const [k, v] of Object.entries(layer)) if (v !== undefined && !isIngest(k)) merged[k] = v;
  }
  for (const [k, v] of Object.entries(input)) if (v !== undefined && k !== 'toolCount') merged[k] = v;
  merged.ingestedAt = input.ingestedAt ?? (options.now ?? (() => new Date()))().toISOString();
  merged.toolsHash = input.toolsHash ?? toolsHash(tools);
  merged.toolCount = tools.length;
  return parseWithIssues(ServerSchema, merged, file);
}

/**
 * Write one server's snapshot into `<catalogDir>/servers/<id>/`. Re-ingesting the same list gives
 * byte-identical files apart from `ingestedAt`. Tools are matched to existing files by name (and
 * occurrence), so a tool keeps its review and body even when its slug changes. Tools no longer
 * listed are deleted; any human content they had is returned in `removedWithNotes`.
 */
export function writeServerSnapshot(catalogDir: string, input: SnapshotInput, options: WriteOptions = {}): SnapshotResult {
  const fs: WriterFs = { ...DEFAULT_FS, ...options.fs };
  const id = input.server.id;
  const serversDir = resolve(catalogDir, 'servers');
  const target = join(serversDir, id);
  const serverFile = join(target, 'server.yaml');
  if (slugFor(id) !== id) {
    throw new CatalogError(serverFile, 'id', `expected a slug such as ${JSON.stringify(slugFor(id))}, got ${JSON.stringify(id)}`);
  }
  const listed = [...input.tools].sort((a, b) => a.position - b.position);
  listed.forEach((t, i) => {
    const where = join(target, `tools[${i}]`);
    if (!Number.isInteger(t.position) || t.position < 0) throw new CatalogError(where, 'position', 'expected a non-negative integer');
    if (i > 0 && listed[i - 1]?.position === t.position) throw new CatalogError(where, 'position', `expected unique positions (${t.position} twice)`);
    parseWithIssues(ToolDefinitionSchema, t.definition, where);
  });
  // Never write a part deeper or larger than the bound (ingestion has already replaced such parts;
  // this keeps every other caller of the writer within what YAML and the site can read).
  const sorted = listed.map((t, i) => {
    try {
      const { definition } = boundDefinition(t.definition);
      return definition === t.definition ? t : { ...t, definition };
    } catch (e) {
      if (e instanceof CyclicPartError) throw new CatalogError(join(target, `tools[${i}]`), `definition.${e.field}`, `${JSON.stringify(t.definition.name.slice(0, 80))} refers to itself; cannot be written`);
      throw e;
    }
  });

  fs.mkdirSync(serversDir, { recursive: true });
  recoverServerFolder(serversDir, id, fs);
  const existing: CatalogServer | undefined = nodeFs.existsSync(target) ? loadServer(catalogDir, id) : undefined;

  const names = sorted.map((t) => t.definition.name);
  const slugs = toolSlugs(names);
  const keys = occurrenceKeys(names);
  const oldTools = existing?.tools ?? [];
  const oldKeys = occurrenceKeys(oldTools.map((t) => t.definition.name));
  const oldByKey = new Map(oldTools.map((t, i) => [oldKeys[i] ?? '', t] as const));
  const server = buildServerYaml(input.server, existing?.server, sorted.map((t) => t.definition), options, serverFile);
  // Change history: what changed since the previous snapshot, appended to history.jsonl in the new folder.
  const history = snapshotHistory({ serverId: id, at: server.ingestedAt, before: existing?.tools, after: sorted, rules: rulesForCatalog(catalogDir) });

  const risky = existing ? history.changes.filter((c) => c.risky).map((c) => ({ tool: c.tool, reasons: c.riskyReasons })) : [];
  const result: SnapshotResult = { added: [], changed: [], removed: [], unchanged: 0, removedWithNotes: [], risky, dir: target };
  const files: { name: string; text: string }[] = [];
  sorted.forEach((t, i) => {
    const key = keys[i] ?? '';
    const slug = slugs[i] ?? '';
    const old = oldByKey.get(key);
    oldByKey.delete(key);
    const sameDef = old !== undefined && canonicalJson(old.definition) === canonicalJson(t.definition);
    if (old && sameDef && old.position === t.position && old.slug === slug) {
      files.push({ name: slug, text: nodeFs.readFileSync(old.file, 'utf8') });
      result.unchanged += 1;
      return;
    }
    const fm: Record<string, unknown> = { definition: t.definition, position: t.position };
    if (old?.review) fm.review = old.review;
    let text: string;
    try {
      text = renderToolFile(fm, old?.body ?? '');
    } catch (e) {
      // Bounded definitions render; anything else still names the server, the tool and the field.
      throw new CatalogError(join(target, 'tools', `${slug}.md`), 'definition', `tool ${JSON.stringify(t.definition.name.slice(0, 80))} cannot be written as YAML: ${(e as Error).message}`);
    }
    files.push({ name: slug, text });
    if (!old) result.added.push(t.definition.name);
    else if (!sameDef) result.changed.push(t.definition.name);
    else result.unchanged += 1;
  });
  for (const old of oldByKey.values()) {
    result.removed.push(old.definition.name);
    if (old.review || old.body.trim() !== '') {
      const notes: RemovedNotes = { name: old.definition.name, slug: old.slug, body: old.body };
      if (old.review) notes.review = old.review;
      result.removedWithNotes.push(notes);
    }
  }

  const tmp = join(serversDir, `.${id}.tmp-${rand()}`);
  const oldAside = join(serversDir, `.${id}.old-${rand()}`);
  let movedAside = false;
  try {
    fs.mkdirSync(join(tmp, 'tools'), { recursive: true });
    if (existing) copyHumanFiles(existing.dir, tmp, fs);
    appendHistoryFile(join(tmp, HISTORY_FILE), history.lines);
    fs.writeFileSync(join(tmp, 'server.yaml'), stringifyYaml(server));
    for (const f of files) fs.writeFileSync(join(tmp, 'tools', `${f.name}.md`), f.text);
    if (existing) {
      fs.renameSync(target, oldAside);
      movedAside = true;
    }
    fs.renameSync(tmp, target);
  } catch (e) {
    try {
      if (movedAside && !nodeFs.existsSync(target)) fs.renameSync(oldAside, target);
    } finally {
      nodeFs.rmSync(tmp, { recursive: true, force: true });
    }
    throw e;
  }
  if (movedAside) nodeFs.rmSync(oldAside, { recursive: true, force: true });
  return result;
}

/** Copy files of the old server folder that the writer does not own (not server.yaml, not tools/*.md). */
function copyHumanFiles(oldDir: string, newDir: string, fs: WriterFs): void {
  for (const e of nodeFs.readdirSync(oldDir, { withFileTypes: true })) {
    if (e.name === 'server.yaml') continue;
    if (e.name === 'tools' && e.isDirectory()) {
      for (const t of nodeFs.readdirSync(join(oldDir, 'tools'), { withFileTypes: true })) {
        if (t.name.endsWith('.md') && !t.name.startsWith('.')) continue;
        fs.cpSync(join(oldDir, 'tools', t.name), join(newDir, 'tools', t.name), { recursive: true });
      }
      continue;
    }
    fs.cpSync(join(oldDir, e.name), join(newDir, e.name), { recursive: true });
  }
}
