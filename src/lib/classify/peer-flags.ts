/**
 * Flags that need a server's whole tool list: a description far longer than its peers (a place to
 * bury instructions), names listed twice, and names that shadow well-known tools of other servers.
 */
import type { Flag } from '../schema/classification.js';
import type { ToolDefinition } from '../schema/tool-definition.js';
import { defaultRules } from './default-rules.js';
import { quote } from './flags.js';
import type { RuleSet } from './rule-set.js';
import { tokenize } from './tokenize.js';

function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function nameOf(t: ToolDefinition): string {
  return typeof t?.name === 'string' ? t.name : '';
}

/**
 * Server-wide flags by position in the tool list (positions without flags are absent).
 *
 * @param tools the server's tools, in listing order
 * @param rules thresholds (`limits`) and the well-known names (`common_tools`); shipped rules by default
 */
export function peerFlags(tools: readonly ToolDefinition[], rules: RuleSet = defaultRules()): Map<number, Flag[]> {
  const out = new Map<number, Flag[]>();
  const add = (i: number, f: Flag): void => {
    const list = out.get(i) ?? [];
    list.push(f);
    out.set(i, list);
  };
  const lengths = tools.map((t) => (typeof t?.description === 'string' ? t.description.length : 0));
  const med = median(lengths);
  const { peer_long_factor: factor, peer_long_min_chars: minChars } = rules.limits;
  const counts = new Map<string, number>();
  for (const t of tools) counts.set(nameOf(t), (counts.get(nameOf(t)) ?? 0) + 1);

  tools.forEach((t, i) => {
    const len = lengths[i]!;
    if (tools.length > 1 && len > minChars && len > factor * med) {
      add(i, {
        id: 'long-description-peer',
        message: `The description is ${len} characters, over ${factor}x this server's median (${Math.round(med)}); an outlier is a place to bury instructions.`,
      });
    }
    const name = nameOf(t);
    const n = counts.get(name) ?? 0;
    if (n > 1) {
      add(i, {
        id: 'duplicate-name',
        message: `The name "${quote(name)}" is listed ${n} times by this server; a client may call the wrong definition.`,
      });
    }
    const common = rules.commonTools.get(tokenize(name).join('_'));
    if (common !== undefined) {
      add(i, {
        id: 'shadows-common-tool',
        message: `The name "${quote(name)}" matches the well-known tool "${common}" of other servers; an agent connected to several servers may call the wrong one.`,
      });
    }
  });
  return out;
}
