/**
 * `mcp-risk diff --id <server-id> (--command ... | --url ... | --file ...)`: a drift check. Lists the
 * server now, compares it with the catalogue's snapshot, prints the differences, and exits 1 when a
 * change is risky (0 when nothing changed or nothing risky did; 2 bad usage; 3 not listable).
 */
import { canonicalJson, catalogDir, listServerIds, loadServer } from '../../src/lib/catalog/index.js';
import { changeCounts, fieldDiff, snapshotChanges, verdictChange, type ToolChange } from '../../src/lib/history/index.js';
import { IngestError, normalizeListedTools, readToolsFile, type ListLimits, type ListResult } from '../../src/lib/ingest/index.js';
import { slugFor } from '../../src/lib/slug.js';
import { CliError, EXIT, oneLine, parseFlags, type CliIO } from './common.js';
import { rulesFor } from './rules.js';
import { LIVE_OPTIONS, limitsFrom, listLive } from './target.js';

/** `mcp-risk diff --help`. */
export const DIFF_HELP = `Usage:
  mcp-risk diff --id <server-id> --command "<cmd> [args]" [--env NAME=VALUE]...
  mcp-risk diff --id <server-id> --url <https://host/mcp>
  mcp-risk diff --id <server-id> --file <tools.json>

Lists the server now and compares its tools with the catalogue's snapshot of <server-id>: added,
removed and changed tools, each changed field (old -> new), and the verdicts. A change is RISKY when
it adds a parameter, adds instruction-like text or a URL, drops readOnlyHint true, flips
destructiveHint from true to false, or raises the verdict; a new tool is RISKY when rated High or
Critical or carrying instruction-like text. Pin the tools you approved and run this in CI.
Options: --catalog DIR, --json (the changes as JSON), --timeout MS, --max-pages N, --max-tools N, --max-bytes N.
Exit: 0 no change or nothing risky, 1 a risky change, 2 bad usage, 3 the server could not be listed.
`;



async function listNow(values: Record<string, unknown>, limits: Partial<ListLimits>): Promise<ListResult> {
  if (typeof values.file !== 'string') return listLive('diff', values);
  try {
    return await readToolsFile(values.file, limits);
  } catch (e) {
    if (e instanceof IngestError) throw new CliError(`diff: ${oneLine(e.message)}`, e.code === 'bad-file' ? EXIT.usage : EXIT.unlisted);
    throw e;
  }
}

/** Short, one-line, visible rendering of a field value for the report. */
function short(value: unknown, max = 100): string {
  if (value === undefined) return '(absent)';
  return oneLine(canonicalJson(value) ?? String(value), max);
}

/** The readable report of `changes` (exported for tests). */
export function diffReport(serverId: string, changes: readonly ToolChange[], unchanged: number): string {
  const c = changeCounts(changes);
  const lines = [`${serverId}: ${c.changed} changed, ${c.added} added, ${c.removed} removed, ${unchanged} unchanged; ${c.risky} risky`];
  const sigil = { added: '+', removed: '-', changed: '~' } as const;
  for (const ch of changes) {
    const name = oneLine(ch.tool, 120) + (ch.occurrence > 0 ? ` (#${ch.occurrence + 1})` : '');
    lines.push(`${sigil[ch.kind]} ${name}  ${ch.kind}${ch.risky ? '  RISKY' : ''}  [${verdictChange({ kind: ch.kind, verdictBefore: ch.verdictBefore, verdictAfter: ch.verdictAfter })}]`);
    for (const r of ch.riskyReasons) lines.push(`    RISKY: ${oneLine(r, 200)}`);
    if (ch.kind !== 'changed') continue;
    for (const f of ch.fields) {
      const d = fieldDiff(f);
      const notes = d.summary.length > 0 ? `  (${oneLine(d.summary.join('; '), 200)})` : '';
      lines.push(`    ${f.field}: ${short(f.before)} -> ${short(f.after)}${notes}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** Run `mcp-risk diff`; returns the exit code. */
export async function runDiff(args: string[], io: CliIO): Promise<number> {
  const { values } = parseFlags('diff', args, {
    id: { type: 'string' }, file: { type: 'string' }, catalog: { type: 'string' }, json: { type: 'boolean' }, ...LIVE_OPTIONS,
  }, false);
  if (values.help) {
    io.stdout(DIFF_HELP);
    return EXIT.ok;
  }
  const id = values.id;
  if (!id) throw new CliError('diff: --id <server-id> is required (see mcp-risk diff --help)');
  if (slugFor(id) !== id) throw new CliError(`diff: --id: ${JSON.stringify(oneLine(id, 80))} is not a valid server id`);
  const modes = (['file', 'command', 'url'] as const).filter((m) => values[m] !== undefined);
  if (modes.length !== 1) throw new CliError('diff: expected exactly one of --file, --command or --url (see mcp-risk diff --help)');
  if (values.env && !values.command) throw new CliError('diff: --env only applies to --command');
  const catalog = catalogDir(values.catalog, io.env);
  if (!listServerIds(catalog).includes(id)) throw new CliError(`diff: --id: no server ${JSON.stringify(oneLine(id, 80))} in ${catalog}`);
  const snapshot = loadServer(catalog, id);
  const limits = limitsFrom(values);
  const rules = await rulesFor(catalog);

  const listed = await listNow(values, limits);
  const normalized = normalizeListedTools(listed.tools);
  for (const w of [...listed.warnings, ...normalized.skipped.map((s) => s.reason)]) io.stderr(`mcp-risk: diff: warning: ${oneLine(w)}\n`);

  const changes = snapshotChanges(snapshot.tools, normalized.tools, rules);
  const counts = changeCounts(changes);
  const unchanged = normalized.tools.length - counts.added - counts.changed;
  if (values.json) io.stdout(`${JSON.stringify({ server: id, unchanged, ...counts, changes }, null, 2)}\n`);
  else io.stdout(diffReport(id, changes, unchanged));
  return counts.risky > 0 ? EXIT.findings : EXIT.ok;
}
