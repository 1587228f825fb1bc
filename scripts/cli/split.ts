/**
 * Shell-like splitting of `--command "<cmd>"` into argv, without a shell: whitespace separates
 * words; single quotes keep everything literally; double quotes keep everything except `\"`, `\\`,
 * `\$` and `` \` `` escapes; a backslash outside quotes escapes the next character. No expansion of
 * variables, globs or `~`, no pipes or redirections (those characters are ordinary).
 */

/** A command line that cannot be split (unterminated quote, trailing backslash, empty). */
export class SplitError extends Error {
  override readonly name = 'SplitError';
}

/** Split `line` into words; throws `SplitError` with a one-line reason. */
export function splitCommand(line: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let i = 0;
  while (i < line.length) {
    const c = line[i] as string;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
      i += 1;
    } else if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end === -1) throw new SplitError(`unterminated single quote at character ${i + 1}`);
      word += line.slice(i + 1, end);
      inWord = true;
      i = end + 1;
    } else if (c === '"') {
      inWord = true;
      i += 1;
      let closed = false;
      while (i < line.length) {
        const d = line[i] as string;
        if (d === '"') {
          closed = true;
          i += 1;
          break;
        }
        if (d === '\\' && i + 1 < line.length && '"\\$`'.includes(line[i + 1] as string)) {
          word += line[i + 1];
          i += 2;
        } else {
          word += d;
          i += 1;
        }
      }
      if (!closed) throw new SplitError('unterminated double quote');
    } else if (c === '\\') {
      if (i + 1 >= line.length) throw new SplitError('trailing backslash');
      word += line[i + 1];
      inWord = true;
      i += 2;
    } else {
      word += c;
      inWord = true;
      i += 1;
    }
  }
  if (inWord) words.push(word);
  if (words.length === 0) throw new SplitError('empty command');
  return words;
}
