/**
 * A leave-one-server-out style sanity check for hand-written rules. Rules cannot be re-learned
 * without a server, so this estimates it: for each server, every rule entry (a verb word, or a whole
 * phrase, object, schema, modifier or hint rule) that fired on that server's labelled tools and on
 * no other server's labelled tools is removed (no other server's labels could have motivated it),
 * and the server is measured again with what is left. A server whose figures drop relies on rules
 * only it supports: the place to look for overfitting.
 */
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { classify, parseRules, type RuleSet, type RulesSource } from '../classify/index.js';
import type { Evidence } from '../schema/index.js';
import { isLabelled, maintainerLabels, stripAnnotations } from './labels.js';
import { evaluateItems, type EvalItem, type Measures, measuresOf, emptyConfusion, type Confusion } from './measure.js';

/** Sections whose rules are removed whole (by id). Flags are not ablated: modifiers refer to them. */
const WHOLE_SECTIONS = ['objects', 'phrases', 'schema', 'modifiers', 'destructive_hints', 'read_only_hints'] as const;
/** Evidence that is not a rule entry. */
const NOT_ENTRIES: ReadonlySet<string> = new Set(['annotation-declared', 'record-noun']);

/** One server's figures with all rules and with the entries only it supports removed. */
export interface HeldOutServer {
  readonly server: string;
  readonly full: Measures;
  readonly heldOut: Measures;
  /** The entries removed, e.g. `verb-write-change:interact`, `hint-page-interaction`. */
  readonly removed: readonly string[];
}

/** The held-out estimate: overall figures from each server's held-out predictions, and per server. */
export interface HeldOutReport {
  readonly overall: Measures;
  readonly servers: readonly HeldOutServer[];
}

/** The verb word behind a matched text ("creates" -> "create"), or undefined. */
function verbWord(match: string, words: readonly string[]): string | undefined {
  const m = match.toLowerCase();
  for (const c of [m, m.replace(/ies$/, 'y'), m.replace(/es$/, ''), m.replace(/s$/, '')]) if (words.includes(c)) return c;
  return undefined;
}

/** The rule entries an evidence list names: `verb-id:word` for verbs, the rule id otherwise. */
export function entryKeys(evidence: readonly Evidence[], rules: RuleSet): string[] {
  const out = new Set<string>();
  for (const e of evidence) {
    if (NOT_ENTRIES.has(e.rule)) continue;
    const verb = rules.verbRules.get(e.rule);
    if (verb) {
      const w = verbWord(e.match, verb.words);
      if (w) out.add(`${e.rule}:${w}`);
    } else out.add(e.rule);
  }
  return [...out];
}

type Doc = Record<string, unknown>;

function withoutEntries(doc: Doc, remove: ReadonlySet<string>): Doc {
  const out: Doc = { ...doc };
  if (Array.isArray(doc.verbs)) {
    out.verbs = (doc.verbs as Doc[])
      .map((v) => {
        const keep = (w: unknown) => !remove.has(`${String(v.id)}:${String(w)}`);
        return { ...v, words: (v.words as unknown[]).filter(keep), nounable: ((v.nounable as unknown[]) ?? []).filter(keep) };
      })
      .filter((v) => (v.words as unknown[]).length > 0);
  }
  for (const section of WHOLE_SECTIONS) {
    if (Array.isArray(doc[section])) out[section] = (doc[section] as Doc[]).filter((r) => !remove.has(String(r.id)));
  }
  return out;
}

/**
 * The rules without some entries (`verb-id:word` or a rule id). References to a removed verb group
 * (an object's or hint's `with_rules`) are dropped with it.
 */
export function ablateRules(sources: readonly RulesSource[], remove: ReadonlySet<string>): RuleSet {
  const docs = sources.map((s) => ({ file: s.file, doc: (parseYaml(s.text) ?? {}) as Doc }));
  const ablated = docs.map(({ file, doc }) => ({ file, doc: withoutEntries(doc, remove) }));
  const groups = new Set(ablated.flatMap(({ doc }) => ((doc.verbs as Doc[] | undefined) ?? []).map((v) => String(v.id))));
  for (const { doc } of ablated) {
    for (const section of ['objects', 'destructive_hints', 'read_only_hints']) {
      for (const r of (doc[section] as Doc[] | undefined) ?? []) {
        if (Array.isArray(r.with_rules)) r.with_rules = (r.with_rules as unknown[]).filter((id) => groups.has(String(id)));
      }
    }
  }
  return parseRules(ablated.map(({ file, doc }) => ({ file, text: stringifyYaml(doc) })));
}

function add(into: Confusion, c: Confusion): void {
  into.tp += c.tp;
  into.fp += c.fp;
  into.fn += c.fn;
  into.tn += c.tn;
}

/** The held-out estimate over labelled items, from the rules files (`readRulesDir` or the embedded copy). */
export function heldOutEstimate(items: readonly EvalItem[], sources: readonly RulesSource[]): HeldOutReport {
  const rules = parseRules(sources);
  const labelled = items.filter((i) => isLabelled(maintainerLabels(i.definition)));
  const support = new Map<string, Set<string>>();
  const keysByItem = labelled.map((item) => {
    const keys = entryKeys(classify(stripAnnotations(item.definition), rules).evidence, rules);
    for (const k of keys) {
      let s = support.get(k);
      if (!s) support.set(k, (s = new Set()));
      s.add(item.server);
    }
    return keys;
  });
  const servers = [...new Set(labelled.map((i) => i.server))];
  const overallRo = emptyConfusion();
  const overallD = emptyConfusion();
  let overallLabelled = 0;
  const out: HeldOutServer[] = [];
  for (const server of servers) {
    const own = labelled.filter((i) => i.server === server);
    const removed = new Set<string>();
    labelled.forEach((i, n) => {
      if (i.server !== server) return;
      for (const k of keysByItem[n]!) if (support.get(k)!.size === 1) removed.add(k);
    });
    const full = evaluateItems(own, rules).overall;
    const heldOut = removed.size === 0 ? full : evaluateItems(own, ablateRules(sources, removed)).overall;
    add(overallRo, heldOut.readOnly);
    add(overallD, heldOut.destructive);
    overallLabelled += heldOut.labelled;
    out.push({ server, full, heldOut, removed: [...removed].sort() });
  }
  return { overall: measuresOf(overallLabelled, overallRo, overallD), servers: out };
}
