/**
 * The builder's state in the URL fragment, versioned and compact:
 *
 *     #v=1&s=<group>;<group>...&f=<format>
 *     group = <server id>[.d] ":" <slug>.<code> ("," <slug>.<code>)*
 *
 * e.g. `#v=1&s=filesystem:write_file.p,move_file.a;github.d:push_files.h`. Ids and slugs are
 * escaped with `escapePart` (so they never contain a separator), `.d` marks a server whose
 * unselected tools are refused, codes are `actions.ts`'s. The fragment never reaches a server, so
 * a large selection is no problem for static hosting. Decoding is purely syntactic (checking
 * against the catalogue is `resolveSelection`); every malformed piece is skipped with a notice.
 */
import { choiceCode, parseChoiceCode } from './actions.js';
import { clip, escapePart, unescapePart } from './escape.js';
import type { SelectedServer, SelectedTool, Selection } from './selection.js';

/** The current state version (`v=`). */
export const STATE_VERSION = '1';
/** Bounds on what a fragment may hold; anything beyond is ignored with a notice. */
export const STATE_LIMITS = { chars: 1_000_000, servers: 1_000, tools: 50_000 } as const;

/** What the URL fragment holds. */
export interface BuilderState {
  selection: Selection;
  /** Id of the export format shown (absent: the default). */
  format?: string;
}

/** The fragment (without `#`) for a state. */
export function encodeState(state: BuilderState): string {
  const groups = state.selection.servers
    .filter((s) => s.tools.length > 0)
    .map((s) => `${escapePart(s.id)}${s.defaultDeny ? '.d' : ''}:${s.tools.map((t) => `${escapePart(t.slug)}.${choiceCode(t.choice)}`).join(',')}`);
  let out = `v=${STATE_VERSION}&s=${groups.join(';')}`;
  if (state.format && /^[a-z0-9-]{1,32}$/.test(state.format)) out += `&f=${state.format}`;
  return out;
}

/** A decoded fragment: the state when the fragment holds one, and notices about skipped pieces. */
export interface DecodedState {
  state?: BuilderState;
  notices: string[];
}

/** `key=value` pairs of a fragment or query, values percent-decoded once (bad escapes kept raw). */
export function fragmentParams(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const pair of text.replace(/^[#?]/, '').split('&')) {
    const eq = pair.indexOf('=');
    if (eq <= 0) continue;
    const key = pair.slice(0, eq);
    if (out.has(key)) continue;
    let value = pair.slice(eq + 1).replace(/\+/g, ' ');
    try {
      value = decodeURIComponent(value);
    } catch {
      // keep the raw text; the grammar check below rejects what does not fit
    }
    out.set(key, value);
  }
  return out;
}

/** Parse one group's header (`<id>[.d]`); undefined when malformed. */
function parseHeader(header: string): { id: string; defaultDeny: boolean } | undefined {
  const [rawId = '', flags, ...extra] = header.split('.');
  const id = unescapePart(rawId);
  if (!id || extra.length > 0 || (flags !== undefined && flags !== 'd')) return undefined;
  return { id, defaultDeny: flags === 'd' };
}

/** Parse one `<slug>.<code>` entry; undefined when malformed. */
function parseEntry(entry: string): SelectedTool | undefined {
  const [rawSlug = '', code = '', ...extra] = entry.split('.');
  const slug = unescapePart(rawSlug);
  const choice = parseChoiceCode(code);
  if (!slug || !choice || extra.length > 0) return undefined;
  return { slug, choice };
}

/**
 * Decode the selection in a URL fragment (with or without `#`). No `s=` means no state (the
 * caller keeps its own); a version other than `STATE_VERSION` gives an empty state and a notice.
 * A server listed twice is merged; a tool listed twice keeps its first choice.
 */
export function decodeState(fragment: string): DecodedState {
  const notices: string[] = [];
  if (fragment.length > STATE_LIMITS.chars) {
    return { state: { selection: { servers: [] } }, notices: [`The link's selection is longer than ${STATE_LIMITS.chars.toLocaleString('en-US')} characters and was ignored.`] };
  }
  const params = fragmentParams(fragment);
  const s = params.get('s');
  if (s === undefined) return { notices };
  const v = params.get('v') ?? '';
  if (v !== STATE_VERSION) {
    return { state: { selection: { servers: [] } }, notices: [`The link was made by another version of the builder (v=${clip(v, 12) || 'none'}); its selection could not be read.`] };
  }
  const servers = new Map<string, SelectedServer>();
  let bad = 0;
  let tools = 0;
  let dropped = 0;
  for (const group of s.split(';')) {
    if (group === '') continue;
    const colon = group.indexOf(':');
    const header = colon < 0 ? undefined : parseHeader(group.slice(0, colon));
    if (!header) {
      bad += 1;
      continue;
    }
    let server = servers.get(header.id);
    if (!server) {
      if (servers.size >= STATE_LIMITS.servers) {
        dropped += 1;
        continue;
      }
      server = { id: header.id, defaultDeny: header.defaultDeny, tools: [] };
      servers.set(header.id, server);
    }
    const have = new Set(server.tools.map((t) => t.slug));
    for (const raw of group.slice(colon + 1).split(',')) {
      const entry = parseEntry(raw);
      if (!entry) bad += 1;
      else if (tools >= STATE_LIMITS.tools) dropped += 1;
      else if (!have.has(entry.slug)) {
        have.add(entry.slug);
        server.tools.push(entry);
        tools += 1;
      }
    }
  }
  if (bad > 0) notices.push(`${bad === 1 ? 'One part' : `${bad} parts`} of the link's selection could not be read and ${bad === 1 ? 'was' : 'were'} skipped.`);
  if (dropped > 0) notices.push(`The link selects more than ${STATE_LIMITS.tools.toLocaleString('en-US')} tools or ${STATE_LIMITS.servers.toLocaleString('en-US')} servers; ${dropped.toLocaleString('en-US')} beyond that ${dropped === 1 ? 'was' : 'were'} skipped.`);
  const state: BuilderState = { selection: { servers: [...servers.values()].filter((x) => x.tools.length > 0).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)) } };
  const f = params.get('f');
  if (f && /^[a-z0-9-]{1,32}$/.test(f)) state.format = f;
  return { state, notices };
}
