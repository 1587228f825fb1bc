/**
 * The one error type of the policy module: a malformed policy, mapping or export request. Every
 * message is one line, `<file>: <field path>: <problem>`, so a hand-edited `policy.json` or
 * `policy-mapping.yaml` can be fixed without reading a stack trace.
 */
import type { ZodIssue } from 'zod';

/** A bad policy, mapping file or export option. `field` is the dotted path ('' when none). */
export class PolicyError extends Error {
  override readonly name = 'PolicyError';
  /** The file (or input label) the problem is in, e.g. `policy.json`. */
  readonly file: string;
  /** Dotted field path, e.g. `rules[2].rate_limit.window` (empty when the whole input is at fault). */
  readonly field: string;

  constructor(file: string, field: string, problem: string) {
    super(field ? `${file}: ${field}: ${problem}` : `${file}: ${problem}`);
    this.file = file;
    this.field = field;
  }
}

/** `['rules', 2, 'rate_limit']` -> `rules[2].rate_limit`. */
export function fieldPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? key : `.${key}`;
  }
  return out;
}

/** One zod issue as a field path and a short, single-line problem statement. */
export function describeIssue(issue: ZodIssue): { field: string; problem: string } {
  const field = fieldPath(issue.path);
  switch (issue.code) {
    case 'invalid_type':
      return issue.received === 'undefined'
        ? { field, problem: `required field is missing (expected ${issue.expected})` }
        : { field, problem: `expected ${issue.expected}, got ${issue.received}` };
    case 'invalid_enum_value':
      return { field, problem: `expected one of ${issue.options.join(', ')} (got ${JSON.stringify(issue.received)})` };
    case 'invalid_literal':
      return { field, problem: `expected ${JSON.stringify(issue.expected)}` };
    case 'unrecognized_keys':
      return { field: fieldPath([...issue.path, issue.keys[0] ?? '']), problem: 'unknown field' };
    case 'too_small':
      if (issue.type === 'string') return { field, problem: 'expected a non-empty string' };
      return { field, problem: `expected a value ${issue.inclusive ? '>=' : '>'} ${String(issue.minimum)}` };
    case 'invalid_union_discriminator':
      return { field, problem: `expected one of ${issue.options.map(String).join(', ')}` };
    default:
      return { field, problem: issue.message.replace(/\s+/g, ' ') };
  }
}
