/**
 * Parsing and validation of the rules data: YAML texts in, a compiled `RuleSet` out. Pure: the caller
 * reads the files (see `load-rules.ts`). A bad file throws a `RulesError` naming the file, the field
 * path and what was expected, e.g. `verbs.yaml: verbs[2].category: Invalid enum value. Expected ...`.
 */
import { parse as parseYaml, YAMLParseError } from 'yaml';
import type { ZodIssue } from 'zod';
import { RulesFileSchema, type RulesFile } from './rules-schema.js';
import { BUILTIN_FLAG_IDS } from './builtin-flags.js';
import { compileRules, PatternError, type MergedRules } from './compile-rules.js';
import type { RuleSet } from './rule-set.js';

export type { RuleSet } from './rule-set.js';

/** A rules file is invalid. `file` and `path` locate the problem; the message repeats both. */
export class RulesError extends Error {
  override readonly name = 'RulesError';
  constructor(
    readonly file: string,
    readonly path: string,
    readonly detail: string,
  ) {
    super(`${file}: ${path ? `${path}: ` : ''}${detail}`);
  }
}

/** One rules file as text, named for error messages (e.g. `catalog/rules/verbs.yaml`). */
export interface RulesSource {
  file: string;
  text: string;
}

/** `verbs[2].words[0]` from a zod path. */
export function formatPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${p}` : p;
  return out;
}

function issueText(issue: ZodIssue): string {
  if (issue.code === 'invalid_type' && issue.received === 'undefined') return `required (expected ${issue.expected})`;
  return issue.message;
}

function parseOne(src: RulesSource): RulesFile {
  let data: unknown;
  try {
    data = parseYaml(src.text, { prettyErrors: true });
  } catch (err) {
    const line = err instanceof YAMLParseError && err.linePos ? ` at line ${err.linePos[0].line}` : '';
    const msg = err instanceof Error ? err.message.split('\n')[0] : String(err);
    throw new RulesError(src.file, '', `invalid YAML${line}: ${msg}`);
  }
  if (data === null || data === undefined) return {};
  const parsed = RulesFileSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new RulesError(src.file, formatPath(issue.path), issueText(issue));
  }
  return parsed.data;
}

/** Where a rule id was first defined, for duplicate and reference errors. */
interface Origin {
  file: string;
  path: string;
}

/**
 * Parses, validates, merges and compiles rules files. Sections from several files are concatenated in
 * the order given; a later `limits` section replaces an earlier one.
 *
 * @throws RulesError when a file is not valid YAML, does not match the schema, repeats a rule id or a
 *   verb, refers to an unknown rule or flag id, or holds a pattern that is not a valid regular expression.
 */
export function parseRules(files: readonly RulesSource[]): RuleSet {
  const merged: MergedRules = {
    files: [],
    verbs: [],
    compounds: [],
    leadIn: [],
    recordNouns: [],
    objects: [],
    phrases: [],
    schema: [],
    modifiers: [],
    destructiveHints: [],
    readOnlyHints: [],
    flags: [],
    closed: [],
    open: [],
    commonTools: [],
    limits: undefined,
  };
  const ids = new Map<string, Origin>();
  const verbWords = new Map<string, Origin>();
  const claim = (id: string, at: Origin): void => {
    const prev = ids.get(id);
    if (prev) throw new RulesError(at.file, at.path, `duplicate rule id "${id}" (first defined in ${prev.file} at ${prev.path})`);
    ids.set(id, at);
  };

  for (const src of files) {
    const f = parseOne(src);
    merged.files.push(src.file);
    f.verbs?.forEach((v, i) => {
      claim(v.id, { file: src.file, path: `verbs[${i}].id` });
      v.words.forEach((w, j) => {
        const at = { file: src.file, path: `verbs[${i}].words[${j}]` };
        const prev = verbWords.get(w);
        if (prev) throw new RulesError(at.file, at.path, `verb "${w}" is already listed (${prev.file} at ${prev.path})`);
        verbWords.set(w, at);
      });
      v.nounable.forEach((w, j) => {
        if (!v.words.includes(w)) {
          throw new RulesError(src.file, `verbs[${i}].nounable[${j}]`, `"${w}" must also be listed in words`);
        }
      });
      merged.verbs.push({ rule: v, file: src.file, index: i });
    });
    for (const [section, list] of [
      ['objects', f.objects],
      ['phrases', f.phrases],
      ['schema', f.schema],
      ['modifiers', f.modifiers],
      ['destructive_hints', f.destructive_hints],
      ['read_only_hints', f.read_only_hints],
      ['flags', f.flags],
    ] as const) {
      list?.forEach((r, i) => claim(r.id, { file: src.file, path: `${section}[${i}].id` }));
    }
    f.objects?.forEach((rule, index) => merged.objects.push({ rule, file: src.file, index }));
    f.phrases?.forEach((rule, index) => merged.phrases.push({ rule, file: src.file, index }));
    f.schema?.forEach((rule, index) => merged.schema.push({ rule, file: src.file, index }));
    f.modifiers?.forEach((rule, index) => merged.modifiers.push({ rule, file: src.file, index }));
    f.destructive_hints?.forEach((rule, index) => merged.destructiveHints.push({ rule, file: src.file, index }));
    f.read_only_hints?.forEach((rule, index) => merged.readOnlyHints.push({ rule, file: src.file, index }));
    f.flags?.forEach((rule, index) => merged.flags.push({ rule, file: src.file, index }));
    merged.compounds.push(...(f.compound_nouns ?? []));
    merged.leadIn.push(...(f.lead_in_words ?? []));
    merged.recordNouns.push(...(f.record_nouns ?? []));
    merged.closed.push(...(f.open_world?.closed ?? []));
    merged.open.push(...(f.open_world?.open ?? []));
    merged.commonTools.push(...(f.common_tools ?? []));
    if (f.limits) merged.limits = f.limits;
  }
  checkReferences(merged);
  try {
    return compileRules(merged);
  } catch (err) {
    if (err instanceof PatternError) throw new RulesError(err.file, err.path, err.detail);
    throw err;
  }
}

function checkReferences(m: MergedRules): void {
  const verbIds = new Set(m.verbs.map((v) => v.rule.id));
  const schemaIds = new Set(m.schema.map((s) => s.rule.id));
  const flagIds = new Set([...m.flags.map((f) => f.rule.id), ...BUILTIN_FLAG_IDS]);
  for (const o of m.objects) {
    o.rule.with_rules.forEach((id, j) => {
      if (!verbIds.has(id)) {
        throw new RulesError(o.file, `objects[${o.index}].with_rules[${j}]`, `unknown verb rule id "${id}"`);
      }
    });
  }
  for (const [section, list] of [
    ['destructive_hints', m.destructiveHints],
    ['read_only_hints', m.readOnlyHints],
  ] as const) {
    for (const h of list) {
      h.rule.with_rules.forEach((id, j) => {
        if (!verbIds.has(id)) throw new RulesError(h.file, `${section}[${h.index}].with_rules[${j}]`, `unknown verb rule id "${id}"`);
      });
    }
  }
  for (const mod of m.modifiers) {
    mod.rule.flags.forEach((id, j) => {
      if (!flagIds.has(id)) throw new RulesError(mod.file, `modifiers[${mod.index}].flags[${j}]`, `unknown flag id "${id}"`);
    });
  }
  for (const f of m.flags) {
    f.rule.from_rules.forEach((id, j) => {
      if (!schemaIds.has(id)) {
        throw new RulesError(f.file, `flags[${f.index}].from_rules[${j}]`, `unknown schema rule id "${id}"`);
      }
    });
  }
}
