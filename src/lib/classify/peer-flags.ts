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

/** The tool names of a catalogue's servers: name (as `tokenize` joins it) -> ids of servers listing it. */
export type CatalogNames = ReadonlyMap<string, readonly string[]>;

function shadowKey(name: string): string {
  return tokenize(name).join('_');
}

/** Index every server's tool names (compared after `tokenize`, so readFile = read_file). */
export function catalogToolNames(servers: Iterable<{ id: string; names: Iterable<string> }>): CatalogNames {
  const out = new Map<string, string[]>();
  for (const s of servers) {
    for (const name of s.names) {
      const key = typeof name === 'string' ? shadowKey(name) : '';
      if (!key) continue;
      const ids = out.get(key);
      if (!ids) out.set(key, [s.id]);
      else if (!ids.includes(s.id)) ids.push(s.id);
    }
  }
  return out;
}

/** Where a server sits: its id and the catalogue's names, so shadowing means "another server lists it". */
export interface PeerContext {
  serverId: string;
  catalogNames: CatalogNames;
}

/**
 * Server-wide flags by position in the tool list (positions without flags are absent).
 * `shadows-common-tool`: with a `context`, a name that another server of the catalogue also lists
 * (so a server alone with a well-known name, e.g. the filesystem server's own `read_file`, is not
 * flagged); without one (a lone tool list, as `mcp-risk classify` reads), a name in the rules'
 * `common_tools`, the names popular servers already use.
 *
 * @param tools the server's tools, in listing order
 * @param rules thresholds (`limits`) and the well-known names (`common_tools`); shipped rules by default
 */
export function peerFlags(tools: readonly ToolDefinition[], rules: RuleSet = defaultRules(), context?: PeerContext): Map<number, Flag[]> {
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
    if (context) {
      const others = (context.catalogNames.get(shadowKey(name)) ?? []).filter((id) => id !== context.serverId);
      if (others.length > 0) {
        const listed = others.slice(0, 3).map((id) => `"${quote(id)}"`).join(', ') + (others.length > 3 ? ` and ${others.length - 3} more` : '');
        add(i, {
          id: 'shadows-common-tool',
          message: `The name "${quote(name)}" is also a tool of ${others.length === 1 ? 'the server' : 'the servers'} ${listed} in the catalogue; an agent connected to both may call the wrong one.`,
        });
      }
      return;
    }
    const common = rules.commonTools.get(shadowKey(name));
    if (common !== undefined) {
      add(i, {
        id: 'shadows-common-tool',
        message: `The name "${quote(name)}" matches the well-known tool "${common}" of other servers; an agent connected to several servers may call the wrong one.`,
      });
    }
  });
  return out;
}
