/**
 * JSON with comments and trailing commas (VS Code's and Cursor's `mcp.json` accept both), parsed
 * without ever echoing the text: a syntax error reports only its line and column, because the
 * text around it may be a secret.
 */
import { AuditInputError } from './errors.js';

/** Remove `//` and `/* *\/` comments and trailing commas outside strings; keeps line breaks. */
export function stripJsonc(text: string): string {
  let out = '';
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i] as string;
    if (c === '"') {
      const start = i;
      i += 1;
      while (i < n && text[i] !== '"' && text[i] !== '\n') i += text[i] === '\\' ? 2 : 1;
      i += 1;
      out += text.slice(start, i);
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < n && text[i] !== '\n') i += 1;
    } else if (c === '/' && text[i + 1] === '*') {
      i += 2;
      while (i < n && !(text[i] === '*' && text[i + 1] === '/')) {
        out += text[i] === '\n' ? '\n' : ' ';
        i += 1;
      }
      i += 2;
    } else if (c === ',') {
      let j = i + 1;
      for (;;) {
        while (j < n && /\s/.test(text[j] as string)) j += 1;
        if (text[j] === '/' && text[j + 1] === '/') while (j < n && text[j] !== '\n') j += 1;
        else if (text[j] === '/' && text[j + 1] === '*') {
          j += 2;
          while (j < n && !(text[j] === '*' && text[j + 1] === '/')) j += 1;
          j += 2;
        } else break;
      }
      if (text[j] === '}' || text[j] === ']') {
        out += ' ';
        i += 1;
      } else {
        out += c;
        i += 1;
      }
    } else {
      out += c;
      i += 1;
    }
  }
  return out;
}

function lineCol(text: string, pos: number): string {
  const before = text.slice(0, Math.max(0, Math.min(pos, text.length)));
  const line = before.split('\n').length;
  const col = pos - before.lastIndexOf('\n');
  return `line ${line} column ${col}`;
}

/** Parse JSONC; throws `AuditInputError` naming only the position of a syntax error. */
export function parseJsonc(text: string, file: string): unknown {
  const clean = stripJsonc(text.replace(/^\uFEFF/, ''));
  try {
    return JSON.parse(clean) as unknown;
  } catch (e) {
    // V8's message quotes the text around the error: keep only the position.
    const m = /position (\d+)/.exec((e as Error).message);
    const where = m ? ` at ${lineCol(clean, Number(m[1]))}` : '';
    throw new AuditInputError(file, '', `invalid JSON${where}`);
  }
}
