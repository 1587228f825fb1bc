/**
 * The development corpus (`eval/corpus/`): one JSON file per server with its tool definitions exactly
 * as listed (annotations included), its family and its provenance. The evaluation reads only this
 * folder, never the shipped catalogue, so the catalogue can grow or shrink without moving the figures.
 * Snapshots are taken from a catalogue folder (definitions from the tool files' front matter,
 * provenance from server.yaml) and written to a temporary file, then renamed into place.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { listServerIds, loadServer, parseToolText, parseYaml, ServerSchema, type CatalogServer } from './catalog-deps.js';
import { CatalogError, parseWithIssues } from '../catalog/errors.js';
import type { ToolDefinition } from '../schema/index.js';
import type { EvalItem } from './measure.js';

/** One server of the corpus. */
export const CorpusEntrySchema = z
  .object({
    /** The catalogue id of the server (also the file name, `<id>.json`). */
    id: z.string().min(1),
    /** Servers of one vendor or author, evaluated together (see `familyOf`). */
    family: z.string().min(1),
    /** npm `name@version`, when the tools were listed from a published package. */
    package: z.string().optional(),
    /** The file the tools were read from, when they were not listed from a package. */
    source: z.string().optional(),
    repository: z.string().optional(),
    /** The date (YYYY-MM-DD) the tools were listed. */
    listedAt: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    /** One sentence: how the definitions were obtained. */
    provenance: z.string().min(1),
    /**
     * False for servers that entered the corpus after the rules were written (measured first with
     * the rules as they were: docs/eval.md, "Unseen servers").
     */
    seenWhileWritingRules: z.boolean(),
    tools: z.array(z.object({ name: z.string() }).passthrough()),
  })
  .strict()
  .refine((e) => e.package !== undefined || e.source !== undefined, { message: 'needs a package or a source', path: ['package'] });
export type CorpusEntry = z.infer<typeof CorpusEntrySchema>;

/**
 * Servers kept out of the corpus (`eval/excluded.json`): id -> why. This project's own server is one:
 * its hints are written by us, so they are no outside maintainer's label.
 */
export const ExclusionsSchema = z.object({ excluded: z.record(z.string(), z.string().min(1)) }).strict();
export type Exclusions = Readonly<Record<string, string>>;

/** The family override table (`eval/families.json`): scope or owner -> family. */
export const FamilyOverridesSchema = z.object({ overrides: z.record(z.string(), z.string().min(1)) }).strict();
export type FamilyOverrides = Readonly<Record<string, string>>;

/** The npm scope of `@scope/name@1.2.3`, or undefined for an unscoped package. */
export function npmScope(pkg: string | undefined): string | undefined {
  const m = pkg ? /^@([^/]+)\//.exec(pkg) : null;
  return m ? m[1]!.toLowerCase() : undefined;
}

/** The owner of a `https://github.com/<owner>/<repo>` (or similar host/owner/repo) URL. */
export function repositoryOwner(repository: string | undefined): string | undefined {
  if (!repository) return undefined;
  try {
    const owner = new URL(repository).pathname.split('/').filter(Boolean)[0];
    return owner ? owner.toLowerCase() : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A server's family: the npm scope when the package is scoped, else the repository owner, else the
 * package name, else the id; then mapped through the override table (keys are scopes, owners or ids:
 * `digitalocean-labs` -> `digitalocean`, `azure` -> `microsoft`...).
 */
export function familyOf(
  server: { id: string; package?: string | undefined; repository?: string | undefined },
  overrides: FamilyOverrides = {},
): string {
  if (overrides[server.id] !== undefined) return overrides[server.id]!;
  const base =
    npmScope(server.package) ??
    repositoryOwner(server.repository) ??
    (server.package ? server.package.replace(/@[^@/]*$/, '').toLowerCase() : undefined) ??
    server.id;
  return overrides[base] ?? base;
}

/** The provenance sentence of a catalogue server: its own, else how the catalogue's ingest listed it. */
function provenanceOf(s: CatalogServer, listedAt: string): string {
  if (s.server.provenance) return s.server.provenance;
  const how = s.server.launch.transport === 'file' ? `read from ${s.server.launch.file}` : `listed live over ${s.server.launch.transport}`;
  const sdk = s.server.sdkVersion ? ` with MCP TypeScript SDK ${s.server.sdkVersion}` : '';
  return `${s.server.package ?? s.id} ${how} by the catalogue's ingest on ${listedAt}${sdk}; definitions exactly as returned by tools/list.`;
}

/** The corpus entry for one loaded catalogue server. */
export function entryFromServer(s: CatalogServer, family: string, seenWhileWritingRules: boolean): CorpusEntry {
  const listedAt = s.server.ingestedAt.slice(0, 10);
  const entry: CorpusEntry = {
    id: s.id,
    family,
    ...(s.server.package ? { package: s.server.package } : {}),
    ...(s.server.launch.transport === 'file' ? { source: s.server.launch.file } : {}),
    ...(s.server.repository ? { repository: s.server.repository } : {}),
    listedAt,
    provenance: provenanceOf(s, listedAt),
    seenWhileWritingRules,
    tools: s.tools.map((t) => t.definition as CorpusEntry['tools'][number]),
  };
  if (!entry.package && !entry.source) (entry as { source?: string }).source = 'unknown';
  return entry;
}

/** Reads a small JSON table with `schema`; an absent file is `{}`. Errors name the file. */
function readTable<T>(file: string, schema: z.ZodType<T, z.ZodTypeDef, unknown>): T | undefined {
  if (!existsSync(file)) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new CatalogError(file, '', `not valid JSON (${(e as Error).message.split('\n')[0]})`);
  }
  return parseWithIssues(schema, data, file);
}

/** Reads the family override table; an absent file is an empty table. */
export function readFamilyOverrides(file: string): FamilyOverrides {
  return readTable(file, FamilyOverridesSchema)?.overrides ?? {};
}

/** Reads the exclusion table; an absent file excludes nothing. */
export function readExclusions(file: string): Exclusions {
  return readTable(file, ExclusionsSchema)?.excluded ?? {};
}

/** A JSON text of a value with object keys sorted, so two listings of the same tools compare equal. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

/**
 * Whether a fresh entry lists exactly the tools an existing one holds, from the same package or
 * source: a re-ingest of the same version. The existing entry's date and provenance then stand (the
 * corpus records when the definitions were first listed, not when the catalogue last re-listed them).
 */
export function sameListing(old: CorpusEntry, fresh: CorpusEntry): boolean {
  return old.package === fresh.package && old.source === fresh.source && canonical(old.tools) === canonical(fresh.tools);
}

/** Reads every `<id>.json` of a corpus folder, sorted by id. One error line (file and field) on bad input. */
export function readCorpus(dir: string): CorpusEntry[] {
  const root = resolve(dir);
  if (!existsSync(root)) throw new CatalogError(root, '', 'expected a corpus folder');
  const files = readdirSync(root).filter((f) => f.endsWith('.json') && !f.startsWith('.')).sort();
  return files.map((f) => {
    const file = join(root, f);
    let data: unknown;
    try {
      data = JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      throw new CatalogError(file, '', `not valid JSON (${(e as Error).message.split('\n')[0]})`);
    }
    const entry = parseWithIssues(CorpusEntrySchema, data, file);
    if (`${entry.id}.json` !== f) throw new CatalogError(file, 'id', `expected ${JSON.stringify(f.slice(0, -5))} (the file name), got ${JSON.stringify(entry.id)}`);
    return entry;
  });
}

/** One evaluation item per tool of the corpus, with its server's family. */
export function corpusItems(entries: readonly CorpusEntry[]): EvalItem[] {
  return entries.flatMap((e) =>
    e.tools.map((t) => ({ server: e.id, family: e.family, unseen: !e.seenWhileWritingRules, tool: t.name, definition: t as ToolDefinition })),
  );
}

/**
 * A server folder loaded for the corpus: the catalogue loader, except that server.yaml fields this
 * branch does not know (a newer catalogue format) are ignored rather than fatal; the tool files and
 * the fields the corpus keeps are still checked.
 */
export function loadServerTolerant(root: string, id: string): CatalogServer {
  try {
    return loadServer(root, id);
  } catch (e) {
    if (!/unknown field/.test((e as Error).message)) throw e;
  }
  const dir = join(root, 'servers', id);
  const file = join(dir, 'server.yaml');
  const raw = parseYaml(readFileSync(file, 'utf8'), file) as Record<string, unknown>;
  const known = Object.fromEntries(Object.entries(raw).filter(([k]) => k in ServerSchema.shape));
  const server = parseWithIssues(ServerSchema, known, file);
  const toolsDir = join(dir, 'tools');
  const tools = readdirSync(toolsDir)
    .filter((f) => f.endsWith('.md') && !f.startsWith('.'))
    .map((f) => parseToolText(readFileSync(join(toolsDir, f), 'utf8'), join(toolsDir, f), f.slice(0, -3)))
    .sort((a, b) => a.position - b.position);
  if (server.toolCount !== tools.length) throw new CatalogError(file, 'toolCount', `expected ${tools.length} (the number of files in tools/), got ${server.toolCount}`);
  return { id, dir, server, tools };
}

/** What a snapshot did. */
export interface SnapshotSummary {
  readonly added: readonly string[];
  readonly updated: readonly string[];
  readonly skipped: readonly { id: string; reason: string }[];
}

/**
 * Snapshots the servers of a catalogue folder into the corpus. A server folder counts once it has
 * `server.yaml` and `tools/` and loads cleanly (a half-written one is skipped with its reason); an
 * excluded id is skipped with the table's reason. A server already in the corpus keeps its
 * `seenWhileWritingRules`, and its date and provenance too when the catalogue lists the same tools
 * from the same package (only its family is recomputed); a new one gets `newServersSeen`.
 */
export function snapshotCatalog(
  catalogDir: string,
  corpusDir: string,
  options: { overrides?: FamilyOverrides; exclusions?: Exclusions; newServersSeen: boolean },
): SnapshotSummary {
  const root = resolve(catalogDir);
  if (!existsSync(join(root, 'servers'))) throw new CatalogError(root, '', 'expected a catalogue folder with servers/');
  mkdirSync(corpusDir, { recursive: true });
  const existing = new Map(readCorpus(corpusDir).map((e) => [e.id, e]));
  const added: string[] = [];
  const updated: string[] = [];
  const skipped: { id: string; reason: string }[] = [];
  for (const id of listServerIds(root)) {
    const reason = options.exclusions?.[id];
    if (reason !== undefined) {
      skipped.push({ id, reason: `excluded: ${reason}` });
      continue;
    }
    const dir = join(root, 'servers', id);
    if (!existsSync(join(dir, 'server.yaml')) || !existsSync(join(dir, 'tools'))) {
      skipped.push({ id, reason: 'incomplete (no server.yaml or tools/)' });
      continue;
    }
    let server: CatalogServer;
    try {
      server = loadServerTolerant(root, id);
    } catch (e) {
      skipped.push({ id, reason: (e as Error).message.split('\n')[0]! });
      continue;
    }
    if (server.tools.length === 0) {
      skipped.push({ id, reason: 'no tools' });
      continue;
    }
    const old = existing.get(id);
    const fresh = entryFromServer(server, familyOf({ id, package: server.server.package, repository: server.server.repository }, options.overrides), old?.seenWhileWritingRules ?? options.newServersSeen);
    const file = join(corpusDir, `${id}.json`);
    let text: string;
    if (old && sameListing(old, fresh)) {
      // the same listing: the file stands as written (key order included); only a new family is set
      if (old.family === fresh.family) continue;
      const raw = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
      text = `${JSON.stringify({ ...raw, family: fresh.family }, null, 1)}\n`;
    } else {
      text = `${JSON.stringify(fresh, null, 1)}\n`;
      if (old && existsSync(file) && readFileSync(file, 'utf8') === text) continue;
    }
    const tmp = join(corpusDir, `.${id}.json.tmp`);
    writeFileSync(tmp, text);
    renameSync(tmp, file);
    (old ? updated : added).push(id);
  }
  return { added, updated, skipped };
}

/** The explicit-hint count of one entry (tools with a boolean readOnlyHint or destructiveHint). */
function labelledCount(e: CorpusEntry): number {
  return e.tools.filter((t) => {
    const a = (t as { annotations?: unknown }).annotations;
    if (typeof a !== 'object' || a === null) return false;
    const r = a as Record<string, unknown>;
    return typeof r.readOnlyHint === 'boolean' || typeof r.destructiveHint === 'boolean';
  }).length;
}

/** `eval/corpus/README.md`: what the corpus is, how to add a server, and every server in it. */
export function renderCorpusReadme(entries: readonly CorpusEntry[]): string {
  const md = (s: string) => s.replace(/[|\\`*_<>[\]]/g, (c) => `\\${c}`).slice(0, 80);
  const tools = entries.reduce((n, e) => n + e.tools.length, 0);
  const labelled = entries.reduce((n, e) => n + labelledCount(e), 0);
  const withLabels = entries.filter((e) => labelledCount(e) > 0).length;
  const unseen = entries.filter((e) => !e.seenWhileWritingRules);
  return [
    '# The development corpus',
    '',
    'One JSON file per server: `{ id, family, package (name@version) or source, repository, listedAt,',
    'provenance, seenWhileWritingRules, tools }`, the tool definitions exactly as the server listed them',
    '(annotations included). `npm run eval` reads only this folder (docs/eval.md says what it measures).',
    '',
    `${entries.length} servers in ${new Set(entries.map((e) => e.family)).size} families, ${tools} tools; ${labelled} tools on ${withLabels} servers carry an explicit`,
    `readOnlyHint or destructiveHint. ${unseen.length} servers (${unseen.reduce((n, e) => n + e.tools.length, 0)} tools) entered after the rules were written`,
    '(`seenWhileWritingRules: false`).',
    '',
    '## Adding servers',
    '',
    '- From a catalogue folder (each complete server folder: `server.yaml` and `tools/`):',
    '  `npm run eval -- --snapshot <catalogDir>` adds new servers as unseen (`--seen` marks them seen)',
    '  and refreshes the others, keeping their `seenWhileWritingRules`. Definitions come from the tool',
    "  files' front matter, provenance from server.yaml. Each file is written to a temporary file and",
    '  renamed; this README is rewritten.',
    '- A server that needs credentials to start: ingest its saved tools/list file into a catalogue',
    '  folder (`mcp-risk ingest --file tools.json --id ID --catalog DIR`), say where it came from in its',
    '  `provenance`, then snapshot that folder.',
    '- Families: the npm scope, else the repository owner, else the package name, mapped through',
    '  `eval/families.json` (scope, owner or id -> family). Add an override when one vendor publishes',
    '  under several scopes or owners.',
    '- Exclusions: `eval/excluded.json` (id -> reason) names servers a snapshot skips, such as this',
    "  project's own server, whose hints we write ourselves.",
    '',
    '## Servers',
    '',
    '| id | family | package or source | listed | tools | labelled | seen while writing rules |',
    '|---|---|---|---|---:|---:|---|',
    ...entries.map((e) => `| ${md(e.id)} | ${md(e.family)} | ${md(e.package ?? e.source ?? '')} | ${e.listedAt} | ${e.tools.length} | ${labelledCount(e)} | ${e.seenWhileWritingRules ? 'yes' : 'no'} |`),
    '',
  ].join('\n');
}

/** Rewrites `<corpusDir>/README.md` from the corpus files (temporary file, then rename). */
export function writeCorpusReadme(corpusDir: string): void {
  const tmp = join(corpusDir, '.README.md.tmp');
  writeFileSync(tmp, renderCorpusReadme(readCorpus(corpusDir)));
  renameSync(tmp, join(corpusDir, 'README.md'));
}
