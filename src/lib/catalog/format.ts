/**
 * The catalogue's text formats: YAML 1.2 (the `yaml` package) with sorted keys and no line folding,
 * Markdown tool files with YAML front matter, and canonical JSON for hashes and comparisons.
 * One set of options everywhere, so every writer produces the same bytes for the same data.
 */
import { createHash } from 'node:crypto';
import matter from 'gray-matter';
import YAML from 'yaml';
import { CatalogError } from './errors.js';
import { canonicalJsonText } from './json-text.js';

const STRINGIFY_OPTIONS = {
  sortMapEntries: true,
  lineWidth: 0,
  minContentWidth: 0,
  aliasDuplicateObjects: false,
  indent: 2,
} as const;

/** Deterministic YAML for `value`: sorted keys, no folding, newline at end. */
export function stringifyYaml(value: unknown): string {
  return YAML.stringify(value, STRINGIFY_OPTIONS);
}

/**
 * Parse YAML 1.2 text; throws `CatalogError` `<file>: line L, column C: <reason>` on broken YAML.
 * Duplicate keys are errors.
 */
export function parseYaml(text: string, file: string): unknown {
  try {
    return parseYamlText(text, file);
  } catch (e) {
    // The yaml package recurses while composing and converting: a hand-edited file nested about a
    // thousand levels deep overflows the stack (ingestion never writes one: see ./bound.ts).
    if (e instanceof RangeError) throw new CatalogError(file, 'YAML', 'invalid YAML: nested too deeply to read (ingestion never writes a definition part deeper than 64 levels)');
    throw e;
  }
}

function parseYamlText(text: string, file: string): unknown {
  const doc = YAML.parseDocument(text, { uniqueKeys: true, prettyErrors: true });
  const err = doc.errors[0];
  if (err && /call stack/i.test(err.message)) throw new RangeError(err.message);
  if (err) {
    const pos = err.linePos?.[0];
    const where = pos ? `line ${pos.line}, column ${pos.col}` : 'YAML';
    const reason = err.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? 'invalid YAML';
    throw new CatalogError(file, where, `invalid YAML: ${reason}`);
  }
  return doc.toJS({ maxAliasCount: 100 });
}

/**
 * JSON with object keys sorted at every level (arrays keep their order), no whitespace. Written
 * without recursion (`canonicalJsonText`), so a listing of any depth can be hashed; the text is the
 * one `JSON.stringify` of the key-sorted copy always gave, so existing hashes stay valid.
 */
export function canonicalJson(value: unknown): string {
  return canonicalJsonText(value) as string;
}

/** `sha256:<hex>` over the canonical JSON of a listed tools array. */
export function toolsHash(tools: readonly unknown[]): string {
  return `sha256:${createHash('sha256').update(canonicalJson(tools), 'utf8').digest('hex')}`;
}

/** A tool file split into parsed front matter data and the Markdown body. */
export interface ToolFileParts {
  data: unknown;
  body: string;
}

const refuse = (): never => {
  throw new Error('only YAML front matter is accepted');
};

/**
 * Split a tool file. The first line must be exactly `---`; the front matter is YAML 1.2 parsed by
 * the `yaml` package (gray-matter's own engines, including its JavaScript one, are never used).
 */
export function parseToolFile(text: string, file: string): ToolFileParts {
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  if (!(text.startsWith('---\n', start) || text.startsWith('---\r\n', start))) {
    throw new CatalogError(file, '', 'expected YAML front matter starting with a "---" line');
  }
  const parsed = matter(text, {
    language: 'yaml',
    engines: {
      yaml: (s: string): object => (parseYaml(s, file) ?? {}) as object,
      javascript: refuse,
      js: refuse,
      json: refuse,
      coffee: refuse,
      toml: refuse,
    },
  } as unknown as Parameters<typeof matter>[1]);
  if (!/\r?\n---[ \t]*(\r?\n|$)/.test(text.slice(start + 3))) {
    throw new CatalogError(file, '', 'front matter is not closed by a "---" line');
  }
  return { data: parsed.data, body: parsed.content };
}

/** The text of a tool file: `---`, sorted YAML front matter, `---`, then the body unchanged. */
export function renderToolFile(frontMatter: Record<string, unknown>, body: string): string {
  return `---\n${stringifyYaml(frontMatter)}---\n${body}`;
}
