/**
 * Synthetic catalogues of realistic MCP tools for benchmarks: servers of 20-2,000 tools (sizes drawn
 * log-uniformly), names in the naming styles real servers use, one- to many-sentence descriptions,
 * input schemas with typed, described, sometimes nested or enum parameters, and declared annotations
 * on some tools. Pure and deterministic: the same options always give the same catalogue.
 */
import type { SnapshotInput } from '../catalog/write.js';
import type { ToolDefinition } from '../schema/index.js';
import { createRng, type Rng } from './prng.js';
import { DOMAINS, EXTRAS, LEADS, MODIFIERS, PARAMS, STATUS_ENUM, SUFFIXES, VERBS, type Domain, type VerbKind } from './vocab.js';

/** Options of `syntheticCatalog`. */
export interface SyntheticOptions {
  /** Total number of tools across all servers. */
  tools: number;
  /** PRNG seed (default 42). */
  seed?: number | string;
  /** Smallest and largest server (default 20 and 2,000 tools). */
  minPerServer?: number;
  maxPerServer?: number;
  /** `ingestedAt` written for every server (fixed, so files are byte-stable). */
  ingestedAt?: string;
}

/** Naming styles seen on real servers. */
export const NAME_STYLES = ['snake', 'prefixed-snake', 'camel', 'pascal-prefixed', 'kebab'] as const;
export type NameStyle = (typeof NAME_STYLES)[number];

/** Fixed ingest time of synthetic servers. */
export const SYNTHETIC_INGESTED_AT = '2026-01-01T00:00:00.000Z';

const cap = (w: string): string => (w ? w[0]!.toUpperCase() + w.slice(1) : w);

/** Join name words in a style, e.g. `['create', 'pull', 'request']` -> `createPullRequest` (camel). */
export function styleName(words: readonly string[], style: NameStyle, prefix: string): string {
  switch (style) {
    case 'snake':
      return words.join('_');
    case 'prefixed-snake':
      return [prefix, ...words].join('_');
    case 'camel':
      return words.map((w, i) => (i === 0 ? w : cap(w))).join('');
    case 'pascal-prefixed':
      return [prefix, ...words].map(cap).join('');
    case 'kebab':
      return words.join('-');
  }
}

/**
 * Server sizes adding up to exactly `total`: each drawn log-uniformly in [min, max]; the remainder
 * becomes one last server (or joins the previous one when it is smaller than `min`).
 */
export function serverSizes(total: number, rng: Rng, min = 20, max = 2000): number[] {
  const sizes: number[] = [];
  let left = total;
  while (left > 0) {
    const n = Math.min(left, rng.logInt(min, max));
    if (n < min && sizes.length > 0) sizes[sizes.length - 1]! += n;
    else sizes.push(n);
    left -= n;
  }
  return sizes;
}

function pickKind(rng: Rng, domain: Domain): VerbKind {
  const x = rng.next();
  if (x < 0.45) return 'read';
  if (x < 0.7) return 'write';
  if (x < 0.82) return 'destructive';
  if (x < 0.9) return 'execute';
  return domain.financial ? 'financial' : 'read';
}

function fill(text: string, verb: string, noun: string, product: string): string {
  return text.replaceAll('{Verb}', cap(verb)).replaceAll('{verb}', verb).replaceAll('{noun}', noun).replaceAll('{product}', product);
}

function schemaFor(rng: Rng, kind: VerbKind, noun: string): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  const params = rng.sample(PARAMS, rng.int(0, 6));
  if (kind === 'financial' && !params.some((p) => p.name === 'amount')) params.push(PARAMS.find((p) => p.name === 'amount')!);
  for (const p of params) {
    const prop: Record<string, unknown> = { type: p.type, description: p.description.replaceAll('{noun}', noun) };
    if (p.type === 'array') prop.items = { type: 'string' };
    if (p.name === 'limit') Object.assign(prop, { minimum: 1, maximum: 100, default: 20 });
    properties[p.name] = prop;
  }
  if (rng.chance(0.25)) properties.status = { type: 'string', enum: rng.sample(STATUS_ENUM, rng.int(2, 5)), description: `Status of the ${noun}.` };
  if (rng.chance(0.1)) {
    properties.filter = {
      type: 'object',
      description: 'Advanced filter.',
      properties: { field: { type: 'string' }, op: { type: 'string', enum: ['eq', 'ne', 'gt', 'lt', 'contains'] }, value: { type: 'string' } },
      required: ['field', 'op'],
    };
  }
  const names = Object.keys(properties);
  const schema: Record<string, unknown> = { type: 'object', properties };
  if (names.length > 0 && rng.chance(0.7)) schema.required = rng.sample(names, rng.int(1, Math.min(3, names.length)));
  if (rng.chance(0.3)) schema.additionalProperties = false;
  return schema;
}

/** One synthetic tool of `domain`; `used` holds names already taken in its server (updated). */
export function syntheticTool(rng: Rng, domain: Domain, style: NameStyle, used: Set<string>): ToolDefinition {
  const kind = pickKind(rng, domain);
  const verb = rng.pick(VERBS[kind]);
  const noun = rng.pick(domain.nouns);
  const words = [verb];
  if (rng.chance(0.3)) words.push(rng.pick(MODIFIERS));
  words.push(...noun.split(' '));
  if (kind === 'read' && (verb === 'list' || verb === 'search')) words[words.length - 1] += 's';
  if (rng.chance(0.25)) words.push(...rng.pick(SUFFIXES).split(' '));
  let name = styleName(words, style, domain.prefix);
  for (let n = 2; used.has(name); n += 1) name = styleName([...words, String(n)], style, domain.prefix);
  used.add(name);

  const sentences = [fill(rng.pick(LEADS[kind]), verb, noun, domain.product)];
  const extras = rng.chance(0.05) ? rng.int(6, 10) : rng.int(0, 3);
  for (const e of rng.sample(EXTRAS, extras)) sentences.push(fill(e, verb, noun, domain.product));
  const tool: ToolDefinition = { name, description: sentences.join(' '), inputSchema: schemaFor(rng, kind, noun) };
  if (rng.chance(0.3)) tool.title = words.map(cap).join(' ');
  if (rng.chance(0.4)) {
    tool.annotations = {
      readOnlyHint: kind === 'read',
      destructiveHint: kind === 'destructive',
      idempotentHint: kind === 'read' || rng.chance(0.2),
      openWorldHint: rng.chance(0.6),
    };
  }
  return tool;
}

/** The snapshots of a synthetic catalogue of exactly `options.tools` tools. */
export function syntheticCatalog(options: SyntheticOptions): SnapshotInput[] {
  if (!Number.isSafeInteger(options.tools) || options.tools < 0) throw new RangeError(`tools must be a non-negative integer, got ${String(options.tools)}`);
  const rng = createRng(options.seed ?? 42);
  const sizes = serverSizes(options.tools, rng, options.minPerServer ?? 20, options.maxPerServer ?? 2000);
  const digits = Math.max(3, String(sizes.length).length);
  return sizes.map((size, s) => {
    const domain = rng.pick(DOMAINS);
    const style = rng.pick(NAME_STYLES);
    const used = new Set<string>();
    const tools = Array.from({ length: size }, (_, position) => ({ position, definition: syntheticTool(rng, domain, style, used) }));
    const number = String(s + 1).padStart(digits, '0');
    return {
      server: {
        id: `${domain.prefix}-${number}`,
        name: `${domain.product} MCP Server ${number}`,
        description: `Synthetic ${domain.product} server with ${size} tools (benchmark data).`,
        launch: { transport: 'file' as const, file: `synthetic/${domain.prefix}-${number}.json` },
        ingestedAt: options.ingestedAt ?? SYNTHETIC_INGESTED_AT,
      },
      tools,
    };
  });
}
