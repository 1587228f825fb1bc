/**
 * `catalog/servers/<id>/history.jsonl`: one JSON line per tool change, append-only. Lines are written
 * with a fixed key order and sorted keys inside values, so the same changes at the same time give the
 * same bytes. Reading validates every line and names `file:line` and the field on the first bad one.
 */
import { appendFileSync, closeSync, existsSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { canonicalJson } from '../catalog/format.js';
import { describeIssue, displayPath } from '../catalog/errors.js';
import { CategorySchema, RiskSchema } from '../schema/index.js';
import { HISTORY_FIELDS } from './fields.js';
import type { ToolChange } from './diff.js';

/** File name of a server's history inside its folder. */
export const HISTORY_FILE = 'history.jsonl';
/** Version of the line format (`v` in every line). */
export const HISTORY_FORMAT = 1;
/** A history file larger than this is refused rather than read into memory. */
export const HISTORY_MAX_BYTES = 256 * 1024 * 1024;

/** A history file that cannot be read or holds a malformed line. One line: `<file>:<line>: <field>: <problem>`. */
export class HistoryError extends Error {
  override readonly name = 'HistoryError';
  constructor(
    readonly file: string,
    readonly line: number,
    readonly field: string,
    problem: string,
  ) {
    const where = line > 0 ? `${displayPath(file)}:${line}` : displayPath(file);
    super(field ? `${where}: ${field}: ${problem}` : `${where}: ${problem}`);
  }
}

const VerdictSchema = z.object({ category: CategorySchema, risk: RiskSchema }).strict();
const HashSchema = z.string().regex(/^sha256:[0-9a-f]{64}$/, 'expected "sha256:" and 64 hex digits');

/** One line of history.jsonl. */
export const HistoryEntrySchema = z
  .object({
    v: z.literal(HISTORY_FORMAT),
    /** ISO 8601 time of the ingest that saw the change. */
    at: z.string().datetime({ offset: true }),
    server: z.string().min(1),
    tool: z.string(),
    occurrence: z.number().int().nonnegative().optional(),
    kind: z.enum(['added', 'removed', 'changed']),
    /** True for the lines of a server's first recorded ingest (presence, not a change). */
    baseline: z.literal(true).optional(),
    risky: z.boolean(),
    riskyReasons: z.array(z.string()),
    verdictBefore: VerdictSchema.optional(),
    verdictAfter: VerdictSchema.optional(),
    fields: z.array(z.object({ field: z.enum(HISTORY_FIELDS), before: z.unknown().optional(), after: z.unknown().optional() }).strict()),
    hashes: z.object(Object.fromEntries(HISTORY_FIELDS.map((f) => [f, HashSchema])) as Record<(typeof HISTORY_FIELDS)[number], typeof HashSchema>).strict(),
  })
  .strict();
/** One line of history.jsonl, parsed. */
export type HistoryEntry = z.infer<typeof HistoryEntrySchema>;

/** Options of `historyLines`. */
export interface LineOptions {
  /**
   * The server had no earlier snapshot: the lines record presence only (no field values, never
   * risky; the definitions are in the tool files).
   */
  baseline?: boolean;
}

/** One history line (without newline) for one change. Keys in a fixed order; values canonical. */
function lineFor(serverId: string, change: ToolChange, at: string, baseline: boolean): string {
  const entry: Record<string, unknown> = { v: HISTORY_FORMAT, at, server: serverId, tool: change.tool };
  if (change.occurrence > 0) entry.occurrence = change.occurrence;
  entry.kind = change.kind;
  if (baseline) entry.baseline = true;
  entry.risky = baseline ? false : change.risky;
  entry.riskyReasons = baseline ? [] : change.riskyReasons;
  if (change.verdictBefore) entry.verdictBefore = { category: change.verdictBefore.category, risk: change.verdictBefore.risk };
  if (change.verdictAfter) entry.verdictAfter = { category: change.verdictAfter.category, risk: change.verdictAfter.risk };
  const fields = baseline ? [] : change.fields;
  // Field values are untrusted JSON: canonical (sorted keys) text, spliced in verbatim.
  const fieldsJson = fields
    .map((f) => {
      let s = `{"field":${JSON.stringify(f.field)}`;
      if (f.before !== undefined) s += `,"before":${canonicalJson(f.before)}`;
      if (f.after !== undefined) s += `,"after":${canonicalJson(f.after)}`;
      return `${s}}`;
    })
    .join(',');
  const hashes = canonicalJson(Object.fromEntries(HISTORY_FIELDS.map((f) => [f, change.hashes[f]])));
  const head = JSON.stringify(entry);
  return `${head.slice(0, -1)},"fields":[${fieldsJson}],"hashes":${hashes}}`;
}

/**
 * JSONL lines (no trailing newlines) for `changes` of server `serverId` seen at `at` (ISO 8601).
 * Deterministic: same input, same bytes. No changes, no lines.
 */
export function historyLines(serverId: string, changes: readonly ToolChange[], at: string, options: LineOptions = {}): string[] {
  if (!z.string().datetime({ offset: true }).safeParse(at).success) throw new HistoryError('history', 0, 'at', `expected an ISO 8601 date-time, got ${JSON.stringify(at)}`);
  return changes.map((c) => lineFor(serverId, c, at, options.baseline === true));
}

/** Path of a server's history file in a catalogue folder. */
export function historyPath(catalogDir: string, serverId: string): string {
  return join(resolve(catalogDir), 'servers', serverId, HISTORY_FILE);
}

/**
 * The text to append to an existing history file's `existing` text: the lines, each ending in a
 * newline, preceded by a newline if the existing text does not end in one. '' when no lines.
 */
export function appendText(existing: string, lines: readonly string[]): string {
  if (lines.length === 0) return '';
  const sep = existing.length > 0 && !existing.endsWith('\n') ? '\n' : '';
  return `${sep}${lines.join('\n')}\n`;
}

/**
 * Append `changes` to `<catalogDir>/servers/<serverId>/history.jsonl` with one write (never rewrites
 * earlier lines). Nothing is written when there are no changes. Returns the number of lines appended.
 */
export function appendHistory(catalogDir: string, serverId: string, changes: readonly ToolChange[], at: string, options: LineOptions = {}): number {
  const lines = historyLines(serverId, changes, at, options);
  if (lines.length === 0) return 0;
  const file = historyPath(catalogDir, serverId);
  if (!existsSync(join(file, '..'))) throw new HistoryError(file, 0, '', 'server folder does not exist');
  return appendHistoryFile(file, lines);
}

/** The last byte of a file as text: all `appendText` needs to know is whether it ends in a newline. */
function readTail(file: string, size: number): string {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(1);
    readSync(fd, buf, 0, 1, size - 1);
    return buf.toString('latin1');
  } finally {
    closeSync(fd);
  }
}

/** Parse a history file's text; `file` names it in errors. Blank lines are ignored. */
export function parseHistory(text: string, file: string): HistoryEntry[] {
  const out: HistoryEntry[] = [];
  const lines = text.split('\n');
  lines.forEach((raw, i) => {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (e) {
      throw new HistoryError(file, i + 1, '', `invalid JSON (${(e as Error).message.split('\n')[0] ?? 'syntax error'})`);
    }
    const parsed = HistoryEntrySchema.safeParse(value);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      const { field, problem } = first ? describeIssue(first) : { field: '', problem: 'invalid entry' };
      throw new HistoryError(file, i + 1, field, problem);
    }
    out.push(parsed.data);
  });
  return out;
}

/**
 * The history of one server of a catalogue folder, oldest first; `[]` when it has no history file.
 * Throws `HistoryError` naming `file:line` and the field of the first malformed line.
 */
export function readHistory(catalogDir: string, serverId: string): HistoryEntry[] {
  const file = historyPath(catalogDir, serverId);
  if (!existsSync(file)) return [];
  let text: string;
  try {
    const size = statSync(file).size;
    if (size > HISTORY_MAX_BYTES) throw new HistoryError(file, 0, '', `file is larger than ${HISTORY_MAX_BYTES} bytes`);
    text = readFileSync(file, 'utf8');
  } catch (e) {
    if (e instanceof HistoryError) throw e;
    throw new HistoryError(file, 0, '', `cannot read file (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  return parseHistory(text, file);
}

/**
 * Append `lines` to the history file at `file` (created if missing) with one write, adding a newline
 * first if the file does not end in one. Used by the catalogue writer on the copy inside its new
 * server folder. Returns the number of lines appended.
 */
export function appendHistoryFile(file: string, lines: readonly string[]): number {
  if (lines.length === 0) return 0;
  const size = existsSync(file) ? statSync(file).size : 0;
  appendFileSync(file, appendText(size > 0 ? readTail(file, size) : '', lines), 'utf8');
  return lines.length;
}
