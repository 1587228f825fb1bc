/**
 * Slugs for file names and URLs. Tool and server names are untrusted: a name of 1-100 characters
 * from `A-Z a-z 0-9 _ -`, with no sibling differing only by case, is its own slug (case kept);
 * anything else becomes a cleaned-up form plus `-` and a short hash of the exact name, so
 * `../../etc/passwd` becomes `etc-passwd-<hash>` and never a path.
 */
import { createHash } from 'node:crypto';

const PLAIN = /^[A-Za-z0-9_-]{1,100}$/;
/** Names Windows refuses as file names, whatever the extension. */
const RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;

/** First 6 hex characters of sha256 over the exact UTF-8 name. */
export function shortHash(name: string): string {
  return createHash('sha256').update(name, 'utf8').digest('hex').slice(0, 6);
}

function cleaned(name: string): string {
  const ascii = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9_-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^[-_]+|[-_]+$/g, '')
    .slice(0, 60)
    .replace(/[-_]+$/g, '');
  return ascii;
}

/**
 * Slug for `name` among `siblings` (all names in the same server, `name` included or not).
 * Deterministic: the same name among the same siblings always gives the same slug.
 */
export function slugFor(name: string, siblings: Iterable<string> = []): string {
  if (PLAIN.test(name) && !RESERVED.test(name)) {
    const lower = name.toLowerCase();
    let twin = false;
    for (const s of siblings) {
      if (s !== name && s.toLowerCase() === lower) {
        twin = true;
        break;
      }
    }
    if (!twin) return name;
  }
  const base = cleaned(name);
  return base ? `${base}-${shortHash(name)}` : `tool-${shortHash(name)}`;
}

/**
 * Slugs for a server's whole tool list, one per position (the usual call). A name listed more than
 * once keeps its slug for the first occurrence; the k-th repeat (k >= 1) gets a hash of the name and
 * k, so duplicate tools are kept in separate files, stable across re-ingests of the same list.
 */
export function slugsForList(names: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((n) => {
    const k = seen.get(n) ?? 0;
    seen.set(n, k + 1);
    if (k === 0) return slugFor(n, names);
    return `${cleaned(n) || 'tool'}-${shortHash(`${n}\u0000${k}`)}`;
  });
}
