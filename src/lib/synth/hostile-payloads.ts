/**
 * Payloads for the hostile catalogue. Every script payload calls `alert(1)` AND sets
 * `window.__pwned`, so a browser test can catch a script that ran either way (a dialog, or the
 * global being defined).
 */

/** The global an injected script would set. */
export const PWNED_GLOBAL = '__pwned';

const RUN = `alert(1);window.${PWNED_GLOBAL}=1`;

/** Markup and script payloads, each a string a hostile server might put anywhere. */
export const PAYLOADS = {
  script: `<script>${RUN}</script>`,
  img: `"><img src=x onerror="${RUN}">`,
  imgSingle: `'><img src=x onerror='${RUN}'>`,
  svg: `<svg/onload=${RUN}>`,
  /** Closes a script element (were tool text ever put in one), then opens a new one. */
  closeScript: `</script><script>${RUN}</script>`,
  /** Closes a comment, a textarea, a title and a style, then injects. */
  breakout: `--></textarea></title></style><script>${RUN}</script>`,
  jsUrl: `javascript:${RUN}`,
  markdownLink: `[click me](javascript:${RUN})`,
  iframe: `<iframe srcdoc="<script>parent.${PWNED_GLOBAL}=1;parent.alert(1)</script>"></iframe>`,
  attr: `" autofocus onfocus="${RUN}" x="`,
  template: '{{constructor.constructor("alert(1)")()}} ${alert(1)} <%= alert(1) %>',
} as const;

/** Every payload, for loops. */
export const ALL_PAYLOADS: readonly string[] = Object.values(PAYLOADS);

/** Invisible and direction-changing characters real attacks use to hide text. */
export const INVISIBLE = {
  zeroWidthSpace: '\u200B',
  zeroWidthJoiner: '\u200D',
  byteOrderMark: '\uFEFF',
  rightToLeftOverride: '\u202E',
  leftToRightIsolate: '\u2066',
  popIsolate: '\u2069',
  /** Unicode "tag" characters (invisible ASCII look-alikes). */
  tagText: String.fromCodePoint(0xe0069, 0xe0067, 0xe006e, 0xe006f, 0xe0072, 0xe0065),
} as const;

/** Text of about `bytes` UTF-8 bytes: a repeated realistic sentence with `tail` appended. */
export function longText(bytes: number, tail = ''): string {
  const sentence = 'Deletes the selected records and every dependent object; this action cannot be undone. ';
  const n = Math.max(0, Math.ceil((bytes - Buffer.byteLength(tail)) / sentence.length));
  return sentence.repeat(n) + tail;
}

/** An `inputSchema` nested `depth` levels deep (`properties.level_1.properties.level_2...`). */
export function deepSchema(depth: number, leafName = 'leaf'): Record<string, unknown> {
  let node: Record<string, unknown> = { type: 'string', description: `The deepest value ${PAYLOADS.script}` };
  let name = leafName;
  for (let level = depth; level >= 1; level -= 1) {
    node = { type: 'object', description: `Level ${level}`, properties: { [name]: node }, required: [name] };
    name = `level_${level}`;
  }
  return node;
}
