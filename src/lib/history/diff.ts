/**
 * `diffSnapshots`: what changed between two listings of one server, tool by tool and field by field,
 * with the old and new verdicts and whether the change is risky. Tools are matched by name (and by
 * occurrence, for a name listed twice), like the catalogue writer does; a rename is a removal plus
 * an addition. Pure: verdicts come in with the snapshots or from a callback.
 */
import { riskRank, type Category, type Risk, type ToolDefinition } from '../schema/index.js';
import { defaultRules, type RuleSet } from '../classify/index.js';
import { HISTORY_FIELDS, fieldHashes, fieldValue, type FieldHashes, type HistoryField } from './fields.js';
import { hintReasons, parameterReasons, textPatterns, textReasons, verdictReasons, type TextPatterns } from './risky.js';

/** The verdict recorded with a change (the effective one: a human review applies). */
export interface HistoryVerdict {
  category: Category;
  risk: Risk;
}

/** One tool of a snapshot. `verdict` may be left out when `DiffOptions.verdictOf` supplies it. */
export interface SnapshotTool {
  name: string;
  definition: ToolDefinition;
  verdict?: HistoryVerdict;
}

/** One changed part of a definition; a missing `before`/`after` means the part was absent. */
export interface FieldChange {
  field: HistoryField;
  before?: unknown;
  after?: unknown;
}

/** What happened to one tool between two snapshots. */
export interface ToolChange {
  tool: string;
  /** 0 for the first tool of that name in the listing, 1 for a second one, ... */
  occurrence: number;
  kind: 'added' | 'removed' | 'changed';
  /** Changed parts (for `added`: every part present; for `removed`: every part it had). */
  fields: FieldChange[];
  verdictBefore?: HistoryVerdict;
  verdictAfter?: HistoryVerdict;
  /** Hashes of the tool's parts after the change (for `removed`: before it). */
  hashes: FieldHashes;
  risky: boolean;
  riskyReasons: string[];
}

/** Options of `diffSnapshots`. */
export interface DiffOptions {
  /** Verdict of a tool that came without one (called only for tools that changed). */
  verdictOf?: (tool: SnapshotTool, side: 'before' | 'after') => HistoryVerdict | undefined;
  /** Rules whose flag patterns define instruction-like text and URLs (default: the shipped rules). */
  rules?: RuleSet;
}

function keyed(tools: readonly SnapshotTool[]): { key: string; occurrence: number; tool: SnapshotTool }[] {
  const seen = new Map<string, number>();
  return tools.map((tool) => {
    const occurrence = seen.get(tool.name) ?? 0;
    seen.set(tool.name, occurrence + 1);
    return { key: `${tool.name}\u0000${occurrence}`, occurrence, tool };
  });
}

/** Verdicts at or above this risk make a newly added tool risky. */
const NEW_TOOL_RISKY_AT: Risk = 'High';

function allFields(def: ToolDefinition, side: 'before' | 'after'): FieldChange[] {
  const out: FieldChange[] = [];
  for (const field of HISTORY_FIELDS) {
    const value = fieldValue(def, field);
    if (value !== undefined) out.push(side === 'before' ? { field, before: value } : { field, after: value });
  }
  return out;
}

function changedFields(before: ToolDefinition, after: ToolDefinition, hb: FieldHashes, ha: FieldHashes): FieldChange[] {
  const out: FieldChange[] = [];
  for (const field of HISTORY_FIELDS) {
    if (hb[field] === ha[field]) continue;
    const change: FieldChange = { field };
    const b = fieldValue(before, field);
    const a = fieldValue(after, field);
    if (b !== undefined) change.before = b;
    if (a !== undefined) change.after = a;
    out.push(change);
  }
  return out;
}

function withRisk(change: Omit<ToolChange, 'risky' | 'riskyReasons'>, reasons: string[]): ToolChange {
  return { ...change, risky: reasons.length > 0, riskyReasons: reasons };
}

/**
 * The changes from `before` to `after`, in `after`'s listing order (added and changed tools) followed
 * by removed tools in `before`'s order. Unchanged tools give nothing: equal snapshots give `[]`.
 * Risky: a changed tool that gains a parameter, instruction-like text or a URL, loses
 * `readOnlyHint: true`, flips `destructiveHint` from true to false, or whose verdict risk rises; an
 * added tool rated High or Critical or carrying instruction-like text or URLs. Removals are not risky.
 */
export function diffSnapshots(before: readonly SnapshotTool[], after: readonly SnapshotTool[], options: DiffOptions = {}): ToolChange[] {
  let patterns: TextPatterns | undefined;
  const pats = (): TextPatterns => (patterns ??= textPatterns(options.rules ?? defaultRules()));
  const verdict = (t: SnapshotTool, side: 'before' | 'after'): HistoryVerdict | undefined => {
    const v = t.verdict ?? options.verdictOf?.(t, side);
    return v ? { category: v.category, risk: v.risk } : undefined;
  };
  const old = new Map(keyed(before).map((k) => [k.key, k] as const));
  const out: ToolChange[] = [];
  for (const { key, occurrence, tool } of keyed(after)) {
    const prev = old.get(key);
    old.delete(key);
    const ha = fieldHashes(tool.definition);
    if (!prev) {
      const va = verdict(tool, 'after');
      const reasons: string[] = [];
      if (va && riskRank(va.risk) >= riskRank(NEW_TOOL_RISKY_AT)) reasons.push(`new tool rated ${va.risk}`);
      reasons.push(...textReasons(undefined, tool.definition, pats()).map((r) => `new tool ${r.replace(/^adds /, 'has ')}`));
      const change: Omit<ToolChange, 'risky' | 'riskyReasons'> = { tool: tool.name, occurrence, kind: 'added', fields: allFields(tool.definition, 'after'), hashes: ha };
      if (va) change.verdictAfter = va;
      out.push(withRisk(change, reasons));
      continue;
    }
    const hb = fieldHashes(prev.tool.definition);
    const fields = changedFields(prev.tool.definition, tool.definition, hb, ha);
    if (fields.length === 0) continue;
    const vb = verdict(prev.tool, 'before');
    const va = verdict(tool, 'after');
    const reasons = [
      ...parameterReasons(prev.tool.definition, tool.definition),
      ...textReasons(prev.tool.definition, tool.definition, pats()),
      ...hintReasons(prev.tool.definition, tool.definition),
      ...verdictReasons(vb, va),
    ];
    const change: Omit<ToolChange, 'risky' | 'riskyReasons'> = { tool: tool.name, occurrence, kind: 'changed', fields, hashes: ha };
    if (vb) change.verdictBefore = vb;
    if (va) change.verdictAfter = va;
    out.push(withRisk(change, reasons));
  }
  for (const { occurrence, tool } of old.values()) {
    const vb = verdict(tool, 'before');
    const change: Omit<ToolChange, 'risky' | 'riskyReasons'> = { tool: tool.name, occurrence, kind: 'removed', fields: allFields(tool.definition, 'before'), hashes: fieldHashes(tool.definition) };
    if (vb) change.verdictBefore = vb;
    out.push(withRisk(change, []));
  }
  return out;
}

/** Counts of a change list, for summaries. */
export function changeCounts(changes: readonly ToolChange[]): { added: number; removed: number; changed: number; risky: number } {
  const c = { added: 0, removed: 0, changed: 0, risky: 0 };
  for (const ch of changes) {
    c[ch.kind] += 1;
    if (ch.risky) c.risky += 1;
  }
  return c;
}
