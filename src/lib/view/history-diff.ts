/**
 * Diffs as pages show them: long unchanged stretches folded to a little context, the whole diff cut
 * at a size bound (a hostile definition can be megabytes), line diffs prefixed `- `/`+ ` like a
 * unified diff (so a change never reads by colour alone), and invisible or bidirectional characters
 * made visible as `<U+XXXX>`. Output is plain text parts; pages escape it.
 */
import type { DiffPart, HistoryField } from '../history/index.js';

/** A diff part as shown; `skip` stands for folded unchanged text. */
export interface ShownPart {
  op: 'same' | 'add' | 'del' | 'skip';
  text: string;
}

/** Readable names of the tracked parts. */
export const FIELD_LABEL: Record<HistoryField, string> = {
  name: 'Name',
  title: 'Title',
  description: 'Description',
  inputSchema: 'Input schema',
  outputSchema: 'Output schema',
  annotations: 'Annotations',
  other: 'Other keys',
};

/** Characters of diff text shown per changed part at most. */
export const MAX_DIFF_CHARS = 6000;
/** Unchanged lines kept around a change in a line diff. */
export const CONTEXT_LINES = 3;
/** Unchanged characters kept around a change in a word diff. */
export const CONTEXT_CHARS = 80;

// Zero-width, soft hyphen, bidirectional controls, tag characters and other invisible code points.
const DISGUISING = /[\u00AD\u034F\u061C\u115F\u1160\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2069\u3164\uFEFF\uFFA0]|\uDB40[\uDC00-\uDC7F]/g;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/** Untrusted text with invisible, bidirectional and control characters written as `<U+XXXX>`. */
export function visibleText(text: string): string {
  const code = (c: string): string => `<U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}>`;
  return text.replace(DISGUISING, code).replace(CONTROL, code);
}

/** `text.slice(start, end)` without splitting a surrogate pair. */
function safeSlice(text: string, start: number, end = text.length): string {
  const isLow = (i: number): boolean => i > 0 && i < text.length && (text.charCodeAt(i) & 0xfc00) === 0xdc00;
  let s = Math.max(0, start);
  let e = Math.min(text.length, end);
  if (isLow(s)) s += 1;
  if (isLow(e)) e -= 1;
  return text.slice(s, e);
}

function foldSame(text: string, mode: 'words' | 'lines', first: boolean, last: boolean): ShownPart[] {
  if (mode === 'lines') {
    const lines = text.split('\n');
    const head = first ? 0 : CONTEXT_LINES;
    const tail = last ? 0 : CONTEXT_LINES;
    if (lines.length <= head + tail + 1) return [{ op: 'same', text }];
    const out: ShownPart[] = [];
    if (head > 0) out.push({ op: 'same', text: lines.slice(0, head).join('\n') });
    out.push({ op: 'skip', text: `… ${lines.length - head - tail} unchanged lines …` });
    if (tail > 0) out.push({ op: 'same', text: lines.slice(lines.length - tail).join('\n') });
    return out;
  }
  const head = first ? 0 : CONTEXT_CHARS;
  const tail = last ? 0 : CONTEXT_CHARS;
  if (text.length <= head + tail + 20) return [{ op: 'same', text }];
  const out: ShownPart[] = [];
  if (head > 0) out.push({ op: 'same', text: safeSlice(text, 0, head) });
  out.push({ op: 'skip', text: ' … ' });
  if (tail > 0) out.push({ op: 'same', text: safeSlice(text, text.length - tail) });
  return out;
}

function prefixLines(text: string, op: ShownPart['op']): string {
  if (op === 'skip') return text;
  const mark = op === 'add' ? '+ ' : op === 'del' ? '- ' : '  ';
  return text
    .split('\n')
    .map((l) => mark + l)
    .join('\n');
}

/**
 * The parts of a diff as shown: unchanged stretches folded, at most `maxChars` characters of text
 * (then `truncated`), line parts prefixed with `- `, `+ ` or two spaces, text made visible.
 */
export function boundDiff(parts: readonly DiffPart[], mode: 'words' | 'lines', maxChars = MAX_DIFF_CHARS): { parts: ShownPart[]; truncated: boolean } {
  const folded: ShownPart[] = [];
  parts.forEach((p, i) => {
    if (p.op === 'same') folded.push(...foldSame(p.text, mode, i === 0, i === parts.length - 1));
    else folded.push({ op: p.op, text: p.text });
  });
  const out: ShownPart[] = [];
  let used = 0;
  let truncated = false;
  for (const p of folded) {
    const room = maxChars - used;
    if (room <= 0) {
      truncated = true;
      break;
    }
    let text = p.text;
    if (text.length > room) {
      text = `${safeSlice(text, 0, room)}…`;
      truncated = true;
    }
    used += text.length;
    out.push({ op: p.op, text: visibleText(mode === 'lines' ? prefixLines(text, p.op) : text) });
    if (truncated) break;
  }
  return { parts: out, truncated };
}
