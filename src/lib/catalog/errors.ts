/**
 * Errors of the catalogue on disk. Every message is one line, `<file>: <field path>: <what was
 * expected>`, so a contributor can fix a hand-edited file without reading a stack trace.
 */
import { relative, isAbsolute, sep } from 'node:path';
import type { ZodIssue, ZodType, ZodTypeDef } from 'zod';

/** A malformed or unreadable catalogue file. `file` is as displayed, `field` the dotted path ('' if none). */
export class CatalogError extends Error {
  override readonly name = 'CatalogError';
  /** The file as shown in the message (relative to the working directory when inside it). */
  readonly file: string;
  /** Dotted field path, e.g. `launch.command` (empty when the whole file is at fault). */
  readonly field: string;

  constructor(file: string, field: string, problem: string) {
    const shown = displayPath(file);
    super(field ? `${shown}: ${field}: ${problem}` : `${shown}: ${problem}`);
    this.file = shown;
    this.field = field;
  }
}

/** `file` relative to the working directory when it lies inside it, else unchanged. */
export function displayPath(file: string): string {
  if (!isAbsolute(file)) return file;
  const rel = relative(process.cwd(), file);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return file;
  return rel.split(sep).join('/');
}

/** `['launch', 'args', 0]` -> `launch.args[0]`. */
export function formatPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? key : `.${key}`;
  }
  return out;
}

const ARTICLE: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  integer: 'an integer',
  boolean: 'a boolean',
  object: 'a mapping (object)',
  array: 'a list',
  null: 'null',
};

function typeName(t: string): string {
  return ARTICLE[t] ?? t;
}

/** Depth of the deepest issue in a list, used to pick the union branch that got furthest. */
function depth(issues: readonly ZodIssue[]): number {
  return Math.max(0, ...issues.map((i) => i.path.length));
}

/**
 * The most useful concrete issue behind `issue`: for a union, the branch whose discriminating
 * literal matched (or that got furthest), recursively.
 */
function concrete(issue: ZodIssue): ZodIssue {
  if (issue.code !== 'invalid_union' || issue.unionErrors.length === 0) return issue;
  const branches = issue.unionErrors.map((e) => e.issues);
  const matched = branches.filter(
    (b) => !b.some((i) => (i.code === 'invalid_literal' || i.code === 'invalid_enum_value') && i.path.length === issue.path.length + 1),
  );
  const pool = matched.length > 0 ? matched : branches;
  if (matched.length === 0) {
    // No branch matched its discriminator: say what the discriminator may be.
    const lit = branches.flatMap((b) => b.filter((i) => i.path.length === issue.path.length + 1 && (i.code === 'invalid_literal' || i.code === 'invalid_enum_value')));
    if (lit.length > 0 && lit[0]) {
      const allowed = lit.flatMap((i) => (i.code === 'invalid_literal' ? [String(i.expected)] : i.code === 'invalid_enum_value' ? i.options.map(String) : []));
      return { ...lit[0], code: 'custom', message: `expected one of ${allowed.join(', ')}` } as ZodIssue;
    }
  }
  const best = [...pool].sort((a, b) => depth(b) - depth(a))[0];
  const first = best?.[0];
  return first ? concrete(first) : issue;
}

/** One zod issue as `<field path>: <what was expected>` parts. */
export function describeIssue(raw: ZodIssue): { field: string; problem: string } {
  const issue = concrete(raw);
  const field = formatPath(issue.path);
  switch (issue.code) {
    case 'invalid_type':
      if (issue.received === 'undefined') return { field, problem: `required field is missing (expected ${typeName(issue.expected)})` };
      return { field, problem: `expected ${typeName(issue.expected)}, got ${typeName(issue.received)}` };
    case 'too_small':
      if (issue.type === 'string' && Number(issue.minimum) === 1) return { field, problem: 'expected a non-empty string' };
      if (issue.type === 'string') return { field, problem: `expected at least ${issue.minimum} characters` };
      if (issue.type === 'array') return { field, problem: `expected at least ${issue.minimum} items` };
      return { field, problem: `expected a value ${issue.inclusive ? '>=' : '>'} ${issue.minimum}` };
    case 'too_big':
      return { field, problem: `expected at most ${issue.maximum}` };
    case 'invalid_literal':
      return { field, problem: `expected ${JSON.stringify(issue.expected)}` };
    case 'invalid_enum_value':
      return { field, problem: `expected one of ${issue.options.join(', ')} (got ${JSON.stringify(issue.received)})` };
    case 'unrecognized_keys': {
      const key = issue.keys[0] ?? '';
      return { field: formatPath([...issue.path, key]), problem: `unknown field${issue.keys.length > 1 ? ` (also: ${issue.keys.slice(1).join(', ')})` : ''}` };
    }
    case 'invalid_string':
      return { field, problem: issue.validation === 'url' ? 'expected a URL' : `expected a valid ${String(issue.validation)}` };
    default:
      return { field, problem: issue.message.replace(/\s+/g, ' ') };
  }
}

/**
 * Parse `data` with `schema`; on failure throw a `CatalogError` naming `file` and the first issue's
 * field. Returns the parsed value.
 */
export function parseWithIssues<T>(schema: ZodType<T, ZodTypeDef, unknown>, data: unknown, file: string): T {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const first = result.error.issues[0];
  if (!first) throw new CatalogError(file, '', 'invalid content');
  const { field, problem } = describeIssue(first);
  throw new CatalogError(file, field, problem);
}
