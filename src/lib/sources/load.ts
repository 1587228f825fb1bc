/**
 * Reading `catalog/sources.yaml`: schema check plus the checks the schema cannot make (unique ids,
 * pinned npm versions, env names, `files:` paths). Problems come back as one-line issues naming the
 * file and field; nothing throws for bad data.
 */
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { type Source, SourcesFileSchema } from '../schema/source.js';
import { checkSourceEnv } from './env.js';
import { checkSourceFiles } from './files.js';
import { parseNpmSpec } from './npm-spec.js';
import { checkPypiFields } from './pypi-spec.js';

/** One problem in a sources file: `file:path  message`. */
export interface SourceIssue {
  file: string;
  /** Field path, e.g. `servers[3].npm` or `servers[3].env.HOME`. */
  path: string;
  message: string;
}

/** Issue formatted as one line. */
export function formatSourceIssue(i: SourceIssue): string {
  return `${i.file}:${i.path}  ${i.message}`;
}

const ID = /^[a-z0-9][a-z0-9._-]{0,99}$/;

/** Parse and check the text of a sources file. `file` is only used in issues. Pure. */
export function parseSources(text: string, file: string): { sources: Source[]; issues: SourceIssue[] } {
  let data: unknown;
  try {
    data = parse(text);
  } catch (e) {
    return { sources: [], issues: [{ file, path: '', message: `not valid YAML: ${(e as Error).message.split('\n')[0]}` }] };
  }
  const parsed = SourcesFileSchema.safeParse(data);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({
      file,
      path: i.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('').replace(/^\./, ''),
      message: i.message,
    }));
    return { sources: [], issues };
  }
  const issues: SourceIssue[] = [];
  const seen = new Map<string, number>();
  parsed.data.servers.forEach((s, n) => {
    const at = `servers[${n}]`;
    if (!ID.test(s.id) || s.id.includes('..')) issues.push({ file, path: `${at}.id`, message: `"${s.id}" must be lowercase letters, digits, ".", "_" or "-"` });
    const dup = seen.get(s.id);
    if (dup !== undefined) issues.push({ file, path: `${at}.id`, message: `"${s.id}" is already used by servers[${dup}]` });
    else seen.set(s.id, n);
    if (s.npm) {
      const spec = parseNpmSpec(s.npm);
      if (!spec.ok) issues.push({ file, path: `${at}.npm`, message: spec.message });
    }
    for (const i of [...checkPypiFields(s), ...checkSourceEnv(s.env), ...checkSourceFiles(s.files ?? {})]) {
      issues.push({ file, path: `${at}.${i.field}`, message: i.message });
    }
  });
  return { sources: parsed.data.servers, issues };
}

/** Read and check a sources file from disk (see {@link parseSources}). */
export async function loadSources(file: string): Promise<{ sources: Source[]; issues: SourceIssue[] }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    return { sources: [], issues: [{ file, path: '', message: `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` }] };
  }
  return parseSources(text, file);
}
