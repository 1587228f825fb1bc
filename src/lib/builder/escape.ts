/**
 * Escaping of server ids and tool slugs inside the builder's URL state. Slugs are normally
 * `A-Z a-z 0-9 _ -` already and pass through unchanged; any other character (including the
 * state's separators `. : , ; & = #` and `%`) is written as `~XX` per UTF-8 byte. `~` is
 * unreserved in URLs, so no browser, messenger or `URLSearchParams` rewrites it, and after any
 * amount of percent-decoding a separator in the state is always a separator.
 */

const SAFE = /^[A-Za-z0-9_-]$/;
const HEX = '0123456789ABCDEF';
const ENCODER = new TextEncoder();

/** `s` with every character outside `A-Z a-z 0-9 _ -` written as `~XX` per UTF-8 byte. */
export function escapePart(s: string): string {
  let out = '';
  for (const ch of s) {
    if (SAFE.test(ch)) {
      out += ch;
      continue;
    }
    for (const byte of ENCODER.encode(ch)) out += `~${HEX[byte >> 4]}${HEX[byte & 15]}`;
  }
  return out;
}

const ESCAPED = /^(?:[A-Za-z0-9_-]|~[0-9A-Fa-f]{2})*$/;

/**
 * The string `escapePart` wrote, or `undefined` when `s` is not an escaped part (a stray
 * character, a broken `~` escape or bytes that are not UTF-8).
 */
export function unescapePart(s: string): string | undefined {
  if (!ESCAPED.test(s)) return undefined;
  if (!s.includes('~')) return s;
  const bytes: number[] = [];
  for (let i = 0; i < s.length; ) {
    if (s[i] === '~') {
      bytes.push(parseInt(s.slice(i + 1, i + 3), 16));
      i += 3;
    } else {
      bytes.push(s.charCodeAt(i));
      i += 1;
    }
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(new Uint8Array(bytes));
  } catch {
    return undefined;
  }
}

/** `text` cut to `max` characters with an ellipsis, for quoting untrusted input in notices. */
export function clip(text: string, max = 60): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
