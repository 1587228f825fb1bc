/**
 * `checkTool`: findings for server authors (`mcp-risk check`). A declared hint that contradicts
 * strong evidence is an error that says what to set; a missing hint is a warning that says what to
 * declare; flags that hide text from users are errors, other flags warnings.
 */
import type { Classification, Evidence } from '../schema/classification.js';
import { HINT_KEYS, type HintKey, type ToolDefinition } from '../schema/tool-definition.js';
import { classify } from './classify.js';
import { annotationConflicts, CATEGORY_ACTS, cue } from './conflicts.js';
import { RECORD_NOUN_RULE } from './decide.js';
import { defaultRules } from './default-rules.js';
import { patternFlags, structuralFlags, type LocatedFlag } from './flags.js';
import type { RuleSet } from './rule-set.js';
import { viewTool } from './tool-view.js';

/** One finding of `mcp-risk check`. */
export interface CheckFinding {
  severity: 'error' | 'warning';
  /** The tool's name as listed. */
  tool: string;
  /** Where: `annotations.readOnlyHint`, `description`, `inputSchema.properties.password`, `name`... */
  field: string;
  /** Why, and what to set. */
  message: string;
}

/** Flags that are errors for an author: they hide or reorder text, or break the protocol. */
const ERROR_FLAGS: ReadonlySet<string> = new Set(['hidden-instructions', 'invisible-unicode', 'bidi-unicode', 'schema-not-object']);
/** Flags that are expected for some tools and say nothing an author should change. */
const SILENT_FLAGS: ReadonlySet<string> = new Set(['code-param']);
/** MCP's recommended tool-name alphabet and length. */
const NAME_OK = /^[A-Za-z0-9_.-]{1,128}$/;

const ADVICE: Readonly<Record<string, string>> = {
  'empty-description': 'add a description that says what the tool does and what it changes',
  'long-description': 'shorten the description to what the agent needs',
  'url-in-description': 'make sure the agent is not expected to fetch it',
  'credential-param': 'read credentials from the server configuration instead of tool arguments',
};

function isRuleSet(x: unknown): x is RuleSet {
  return typeof x === 'object' && x !== null && 'verbRules' in x && 'limits' in x;
}

function isCategoryRule(id: string, rules: RuleSet): boolean {
  return (
    id === RECORD_NOUN_RULE ||
    rules.verbRules.has(id) ||
    rules.objects.some((o) => o.rule.id === id) ||
    rules.phrases.some((p) => p.rule.id === id) ||
    rules.schema.some((s) => s.rule.id === id)
  );
}

function flagFinding(tool: string, f: LocatedFlag): CheckFinding | undefined {
  if (SILENT_FLAGS.has(f.id)) return undefined;
  const advice = ADVICE[f.id];
  return {
    severity: ERROR_FLAGS.has(f.id) ? 'error' : 'warning',
    tool,
    field: f.field || 'description',
    message: advice ? `${f.message.replace(/\.$/, '')}; ${advice}.` : f.message,
  };
}

function why(c: Classification, decider: Evidence | undefined): string {
  if (decider) return `it ${CATEGORY_ACTS[c.category]} (${cue(decider)})`;
  // No category rule fired: nothing says what the tool does, so the spec's cautious default stands.
  return c.category === 'Other' ? "no verb the rules know says what it does, so the spec's default applies" : `it ${CATEGORY_ACTS[c.category]}`;
}

/**
 * Findings for one tool.
 *
 * @param tool the tool as listed
 * @param classificationOrRules a classification computed earlier, or the rules to classify with
 * @param rules rules, when a classification is passed as second argument (defaults to the shipped rules)
 */
export function checkTool(
  tool: ToolDefinition,
  classificationOrRules?: Classification | RuleSet,
  rules?: RuleSet,
): CheckFinding[] {
  const rs = isRuleSet(classificationOrRules) ? classificationOrRules : (rules ?? defaultRules());
  const c = classificationOrRules && !isRuleSet(classificationOrRules) ? classificationOrRules : classify(tool, rs);
  const view = viewTool(tool, rs.limits);
  const name = view.name;
  const out: CheckFinding[] = [];

  if (!NAME_OK.test(name)) {
    out.push({
      severity: 'warning',
      tool: name,
      field: 'name',
      message: 'use 1-128 characters from A-Z a-z 0-9 _ - . so every client accepts and displays the name',
    });
  }
  if (view.annotationsMalformed) {
    out.push({ severity: 'error', tool: name, field: 'annotations', message: 'annotations must be an object of boolean hints' });
  }
  const decider = c.evidence.find((e) => isCategoryRule(e.rule, rs));
  const conflicts = annotationConflicts(view.declared, c.category, c.annotations, decider);
  for (const k of conflicts) {
    out.push({ severity: 'error', tool: name, field: `annotations.${k.hint}`, message: `${k.reason}; ${k.fix}` });
  }
  const conflicted = new Set<HintKey>(conflicts.map((k) => k.hint));
  for (const k of HINT_KEYS) {
    if (conflicted.has(k)) continue;
    const declared = view.declared[k];
    const predicted = c.annotations[k];
    if (declared === undefined) {
      if ((k === 'destructiveHint' || k === 'idempotentHint') && c.annotations.readOnlyHint) continue;
      out.push({
        severity: 'warning',
        tool: name,
        field: `annotations.${k}`,
        message: `not declared; declare ${k}: ${predicted} (${why(c, decider)})`,
      });
    } else if (k === 'readOnlyHint' && declared === false && c.category === 'Read' && predicted) {
      out.push({
        severity: 'warning',
        tool: name,
        field: 'annotations.readOnlyHint',
        message: `declares readOnlyHint: false, but ${why(c, decider)}; set readOnlyHint: true so clients can call it without confirmation`,
      });
    }
  }
  const firedSchema = new Map<string, Evidence>();
  for (const e of c.evidence) if (e.field.startsWith('inputSchema') && !firedSchema.has(e.rule)) firedSchema.set(e.rule, e);
  for (const f of [...patternFlags(view, rs, firedSchema), ...structuralFlags(view, rs)]) {
    const finding = flagFinding(name, f);
    if (finding) out.push(finding);
  }
  return out;
}
