/**
 * The trifecta rules file (`catalog/analysis/trifecta.yaml`): zod schema, parsing with one-line
 * errors naming the file and field, compilation of patterns, and loading (a catalogue's own file,
 * else the shipped copy embedded in `trifecta-shipped.ts`).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { describeIssue, displayPath } from '../catalog/errors.js';
import { parseYaml } from '../catalog/format.js';
import { tokenize } from '../classify/index.js';
import { CategorySchema, type Category } from '../schema/index.js';
import { SHIPPED_TRIFECTA_YAML } from './trifecta-shipped.js';

/** The three legs, in display order. */
export const TRIFECTA_LEGS = ['privateData', 'untrustedContent', 'externalSend'] as const;
/** One leg of the trifecta. */
export type TrifectaLeg = (typeof TRIFECTA_LEGS)[number];

/** Path of the rules file inside a catalogue folder. */
export const TRIFECTA_FILE = join('analysis', 'trifecta.yaml');

/** A malformed or unreadable trifecta rules file: `<file>: <field>: <problem>`. */
export class AnalysisError extends Error {
  override readonly name = 'AnalysisError';
  constructor(
    readonly file: string,
    readonly field: string,
    problem: string,
  ) {
    super(field ? `${displayPath(file)}: ${field}: ${problem}` : `${displayPath(file)}: ${problem}`);
  }
}

const WordSchema = z.string().regex(/^[a-z0-9]+( [a-z0-9]+)*$/, 'expected lowercase words separated by single spaces');

const SignalSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, 'expected a kebab-case id'),
    summary: z.string().min(1),
    categories: z.array(CategorySchema).min(1).optional(),
    open_world: z.boolean().optional(),
    name_words: z.array(WordSchema).optional(),
    description_patterns: z.array(z.string().min(1)).optional(),
    param_words: z.array(WordSchema).optional(),
    evidence_rules: z.array(z.string().min(1)).optional(),
  })
  .strict()
  .refine((s) => Boolean(s.name_words?.length || s.description_patterns?.length || s.param_words?.length || s.evidence_rules?.length), {
    message: 'expected at least one of name_words, description_patterns, param_words, evidence_rules',
  });

const LegSchema = z.object({ label: z.string().min(1), summary: z.string().min(1), signals: z.array(SignalSchema).min(1) }).strict();

/** The rules file's shape. */
export const TrifectaFileSchema = z
  .object({ legs: z.object({ privateData: LegSchema, untrustedContent: LegSchema, externalSend: LegSchema }).strict() })
  .strict();
/** The rules file, parsed. */
export type TrifectaFile = z.infer<typeof TrifectaFileSchema>;

/** One signal, compiled. */
export interface CompiledSignal {
  id: string;
  summary: string;
  categories?: ReadonlySet<Category>;
  openWorld?: boolean;
  nameWords: readonly string[][];
  description?: RegExp;
  paramWords: readonly string[][];
  evidenceRules: ReadonlySet<string>;
}

/** Compiled trifecta rules. */
export interface TrifectaRules {
  file: string;
  legs: Record<TrifectaLeg, { label: string; summary: string; signals: CompiledSignal[] }>;
}

function compileSignal(s: z.infer<typeof SignalSchema>, file: string, path: string): CompiledSignal {
  const patterns = s.description_patterns ?? [];
  patterns.forEach((p, i) => {
    try {
      new RegExp(p, 'iu');
    } catch (e) {
      throw new AnalysisError(file, `${path}.description_patterns[${i}]`, `invalid regular expression (${(e as Error).message})`);
    }
  });
  const out: CompiledSignal = {
    id: s.id,
    summary: s.summary,
    nameWords: (s.name_words ?? []).map((w) => w.split(' ')),
    paramWords: (s.param_words ?? []).map((w) => w.split(' ')),
    evidenceRules: new Set(s.evidence_rules ?? []),
  };
  if (patterns.length > 0) out.description = new RegExp(patterns.map((p) => `(?:${p})`).join('|'), 'iu');
  if (s.categories) out.categories = new Set(s.categories);
  if (s.open_world !== undefined) out.openWorld = s.open_world;
  return out;
}

/** Parse and compile the rules file's text; `file` names it in errors. Signal ids must be unique. */
export function parseTrifectaRules(text: string, file: string): TrifectaRules {
  let data: unknown;
  try {
    data = parseYaml(text, file);
  } catch (e) {
    throw new AnalysisError(file, '', (e as Error).message.replace(/^[^:]*: /, ''));
  }
  const parsed = TrifectaFileSchema.safeParse(data);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const { field, problem } = first ? describeIssue(first) : { field: '', problem: 'invalid rules' };
    throw new AnalysisError(file, field, problem);
  }
  const seen = new Set<string>();
  const legs = {} as TrifectaRules['legs'];
  for (const leg of TRIFECTA_LEGS) {
    const def = parsed.data.legs[leg];
    legs[leg] = {
      label: def.label,
      summary: def.summary,
      signals: def.signals.map((s, i) => {
        const path = `legs.${leg}.signals[${i}]`;
        if (seen.has(s.id)) throw new AnalysisError(file, `${path}.id`, `duplicate signal id "${s.id}"`);
        seen.add(s.id);
        return compileSignal(s, file, path);
      }),
    };
  }
  return { file, legs };
}

let shipped: TrifectaRules | undefined;

/** The shipped rules (embedded copy of `catalog/analysis/trifecta.yaml`), compiled once. */
export function defaultTrifectaRules(): TrifectaRules {
  shipped ??= parseTrifectaRules(SHIPPED_TRIFECTA_YAML, 'catalog/analysis/trifecta.yaml');
  return shipped;
}

/**
 * The trifecta rules of a catalogue folder: `<catalogDir>/analysis/trifecta.yaml` when it exists,
 * else the shipped rules. Throws `AnalysisError` naming the file and field when the file is invalid.
 */
export function loadTrifectaRules(catalogDir?: string): TrifectaRules {
  if (catalogDir === undefined) return defaultTrifectaRules();
  const file = join(catalogDir, TRIFECTA_FILE);
  if (!existsSync(file)) return defaultTrifectaRules();
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new AnalysisError(file, '', `cannot read file (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  return parseTrifectaRules(text, file);
}

/** Whether `tokens` contain `words` consecutively (a trailing "s"/"es" plural on the last word matches). */
export function findWords(tokens: readonly string[], words: readonly string[]): boolean {
  const n = words.length;
  for (let i = 0; i + n <= tokens.length; i += 1) {
    let ok = true;
    for (let k = 0; k < n && ok; k += 1) {
      const t = tokens[i + k] as string;
      const w = words[k] as string;
      ok = t === w || (k === n - 1 && (t === `${w}s` || t === `${w}es`));
    }
    if (ok) return true;
  }
  return false;
}

/** Lowercase words of a name (the classifier's tokenizer). */
export function nameTokens(name: string): string[] {
  return tokenize(name);
}
