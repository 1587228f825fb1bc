/**
 * The hand-labelled category set (`eval/category-labels.jsonl`, described in
 * `eval/category-labels.md`): one JSON object a line, `{server, tool, category, risk, why}`, sorted
 * by server then tool. Labelled by reading tool definitions against the category and risk
 * definitions of `catalog/rules/README.md`, without running the classifier; it is the second signal
 * for the Financial / Execute / Destructive categories, which have no MCP annotation.
 *
 * Pure: parsing and checks take text and return values; reading the catalogue is the caller's job.
 */
import { z } from 'zod';
import { CatalogError, describeIssue } from '../catalog/errors.js';
import { CategorySchema, RiskSchema } from '../schema/classification.js';

export const CategoryLabelSchema = z
  .object({
    server: z.string().min(1),
    tool: z.string().min(1),
    category: CategorySchema,
    risk: RiskSchema,
    why: z.string().min(1).max(300),
  })
  .strict();
export type CategoryLabel = z.infer<typeof CategoryLabelSchema>;

/** `server`, then `tool`, by UTF-16 code units (the order the file is written in). */
export function compareLabels(a: Pick<CategoryLabel, 'server' | 'tool'>, b: Pick<CategoryLabel, 'server' | 'tool'>): number {
  if (a.server !== b.server) return a.server < b.server ? -1 : 1;
  return a.tool < b.tool ? -1 : a.tool > b.tool ? 1 : 0;
}

/**
 * Parse the JSONL text. Every problem is a `CatalogError` of one line:
 * `<file>: line <n>: <field>: <what was expected>`. Also rejects a duplicate (server, tool) and a
 * line out of order, naming both lines.
 */
export function parseCategoryLabels(text: string, file: string): CategoryLabel[] {
  const labels: CategoryLabel[] = [];
  const seen = new Map<string, number>();
  const lines = text.split('\n');
  let previous: { label: CategoryLabel; line: number } | undefined;
  lines.forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') {
      if (index === lines.length - 1) return; // the final newline
      throw new CatalogError(file, `line ${line}`, 'empty line (one JSON object a line)');
    }
    let data: unknown;
    try {
      data = JSON.parse(raw);
    } catch (err) {
      throw new CatalogError(file, `line ${line}`, `not valid JSON (${(err as Error).message})`);
    }
    const result = CategoryLabelSchema.safeParse(data);
    if (!result.success) {
      const first = result.error.issues[0];
      const { field, problem } = first ? describeIssue(first) : { field: '', problem: 'invalid label' };
      throw new CatalogError(file, field ? `line ${line}: ${field}` : `line ${line}`, problem);
    }
    const label = result.data;
    const key = `${label.server}\u0000${label.tool}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      throw new CatalogError(file, `line ${line}: tool`, `duplicate label for ${label.server} / ${label.tool} (first on line ${earlier})`);
    }
    seen.set(key, line);
    if (previous && compareLabels(previous.label, label) > 0) {
      throw new CatalogError(file, `line ${line}: server`, `out of order: ${label.server} / ${label.tool} sorts before line ${previous.line} (sort by server, then tool)`);
    }
    previous = { label, line };
    labels.push(label);
  });
  return labels;
}

/** What `resolveLabels` found: labels whose tool exists, labels of absent servers, and dangling ones. */
export interface LabelResolution {
  resolved: CategoryLabel[];
  /** Labels whose server folder is not in this checkout (e.g. servers of a branch not merged yet). */
  serverAbsent: CategoryLabel[];
  /** Labels whose server is present but has no tool of that name: an error in the set. */
  missingTool: CategoryLabel[];
}

/** Check labels against the catalogue: `tools` maps a present server id to its tool names. */
export function resolveLabels(labels: readonly CategoryLabel[], tools: ReadonlyMap<string, ReadonlySet<string>>): LabelResolution {
  const out: LabelResolution = { resolved: [], serverAbsent: [], missingTool: [] };
  for (const label of labels) {
    const names = tools.get(label.server);
    if (!names) out.serverAbsent.push(label);
    else if (names.has(label.tool)) out.resolved.push(label);
    else out.missingTool.push(label);
  }
  return out;
}

/** Counts per category and per risk (for the document and the report). */
export function countLabels(labels: readonly CategoryLabel[]): { category: Record<string, number>; risk: Record<string, number> } {
  const category: Record<string, number> = {};
  const risk: Record<string, number> = {};
  for (const l of labels) {
    category[l.category] = (category[l.category] ?? 0) + 1;
    risk[l.risk] = (risk[l.risk] ?? 0) + 1;
  }
  return { category, risk };
}
