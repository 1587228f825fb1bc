/**
 * JSON for inline `<script>` elements (JSON-LD). The text may contain tool descriptions, which are
 * attacker-controlled: `<`, `>` and `&` are written as `\u003c`, `\u003e`, `\u0026`, and U+2028/2029
 * escaped, so the output can never contain `</script`, `<!--` or a line terminator, and still parses
 * as the same JSON.
 */

/** A JSON-LD FAQ question/answer pair (plain text). */
export interface FaqEntry {
  question: string;
  answer: string;
}

/** `JSON.stringify(value)` made safe to place between `<script ...>` and `</script>`. */
export function jsonForScript(value: unknown): string {
  const json = JSON.stringify(value) ?? 'null';
  return json
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** schema.org `FAQPage` object for a list of questions and answers. */
export function faqPageLd(entries: readonly FaqEntry[]): Record<string, unknown> {
  return {
    '@context': 'https://schema.org',
    '@type': 'FAQPage',
    mainEntity: entries.map((e) => ({
      '@type': 'Question',
      name: e.question,
      acceptedAnswer: { '@type': 'Answer', text: e.answer },
    })),
  };
}
