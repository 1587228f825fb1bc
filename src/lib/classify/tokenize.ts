/**
 * Word splitting for tool names and prose. Names come in every casing convention
 * (`BinanceOptionsDeleteListenKey`, `get_file_info`, `browser-navigate`, `fs.readFile`), and the rules
 * match on lowercase words, so every convention must split the same way.
 */

/**
 * One token: an upper-case run not followed by lower case (an acronym), an optional capital plus
 * lower-case letters (a word), a run of uncased letters (CJK...), or a run of digits.
 */
const NAME_TOKEN = /\p{Lu}+(?![\p{Ll}\p{M}])|\p{Lu}?[\p{Ll}\p{M}]+|\p{Lu}[\p{M}]*|[\p{Lo}\p{Lm}]+|\p{N}+/gu;

/** The same split for pure-ASCII names, several times faster than the Unicode-aware expression. */
const ASCII_NAME_TOKEN = /[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+/g;
/** Pure ASCII (most names are). */
const ASCII = /^[\x00-\x7F]*$/;

/** A word in prose: letters and digits; everything else separates words. */
const PROSE_WORD = /[\p{L}\p{M}\p{N}]+/gu;

/**
 * Splits an identifier into lowercase words: camelCase, PascalCase, acronyms, snake_case, kebab-case,
 * dots and digits all separate words.
 *
 * @example tokenize('BinanceOptionsDeleteListenKey') // ['binance', 'options', 'delete', 'listen', 'key']
 * @example tokenize('getHTTPResponse2') // ['get', 'http', 'response', '2']
 * @param name any string; non-letters other than digits only separate words
 * @param maxTokens stop after this many tokens (names are untrusted and may be huge)
 */
export function tokenize(name: string, maxTokens = 64): string[] {
  const out: string[] = [];
  const re = name.length < 256 && ASCII.test(name) ? ASCII_NAME_TOKEN : NAME_TOKEN;
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while (out.length < maxTokens && (m = re.exec(name)) !== null) {
    out.push(m[0].toLowerCase());
  }
  return out;
}

/**
 * Splits prose (a description) into lowercase words, keeping only letters and digits.
 *
 * @example words('Close/delete an options listen key.') // ['close', 'delete', 'an', 'options', 'listen', 'key']
 * @param text any string
 * @param maxWords stop after this many words
 */
export function words(text: string, maxWords = 4096): string[] {
  const out: string[] = [];
  PROSE_WORD.lastIndex = 0;
  let m: RegExpExecArray | null;
  while (out.length < maxWords && (m = PROSE_WORD.exec(text)) !== null) {
    out.push(m[0].toLowerCase());
  }
  return out;
}
