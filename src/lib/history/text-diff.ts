/**
 * Small, bounded diffs for pages and the CLI: words for prose (a description), lines for JSON (a
 * schema). Common prefix and suffix are trimmed first; the middle is an LCS when it is small enough,
 * else shown as removed-then-added (never quadratic on a huge, hostile definition).
 */

/** One piece of a diff. */
export interface DiffPart {
  op: 'same' | 'add' | 'del';
  text: string;
}

/** Cells of the LCS table above which the middle is shown as a plain replacement. */
export const LCS_MAX_CELLS = 1_000_000;

function merge(parts: DiffPart[], joiner: string): DiffPart[] {
  const out: DiffPart[] = [];
  for (const p of parts) {
    const last = out[out.length - 1];
    if (last && last.op === p.op) last.text += joiner + p.text;
    else out.push({ ...p });
  }
  return out;
}

/** Diff of two token lists; parts hold tokens joined by `joiner`. */
export function diffTokens(a: readonly string[], b: readonly string[], joiner = ''): DiffPart[] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start += 1;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA -= 1;
    endB -= 1;
  }
  const parts: DiffPart[] = [];
  for (let i = 0; i < start; i += 1) parts.push({ op: 'same', text: a[i] as string });
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  if ((midA.length + 1) * (midB.length + 1) > LCS_MAX_CELLS) {
    for (const t of midA) parts.push({ op: 'del', text: t });
    for (const t of midB) parts.push({ op: 'add', text: t });
  } else {
    parts.push(...lcsDiff(midA, midB));
  }
  for (let i = endA; i < a.length; i += 1) parts.push({ op: 'same', text: a[i] as string });
  return merge(parts, joiner);
}

function lcsDiff(a: readonly string[], b: readonly string[]): DiffPart[] {
  const n = a.length;
  const m = b.length;
  const w = m + 1;
  const table = new Uint32Array((n + 1) * w);
  for (let i = n - 1; i >= 0; i -= 1) {
    for (let j = m - 1; j >= 0; j -= 1) {
      table[i * w + j] = a[i] === b[j] ? (table[(i + 1) * w + j + 1] as number) + 1 : Math.max(table[(i + 1) * w + j] as number, table[i * w + j + 1] as number);
    }
  }
  const out: DiffPart[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      out.push({ op: 'same', text: a[i] as string });
      i += 1;
      j += 1;
    } else if ((table[(i + 1) * w + j] as number) >= (table[i * w + j + 1] as number)) {
      out.push({ op: 'del', text: a[i] as string });
      i += 1;
    } else {
      out.push({ op: 'add', text: b[j] as string });
      j += 1;
    }
  }
  while (i < n) out.push({ op: 'del', text: a[i++] as string });
  while (j < m) out.push({ op: 'add', text: b[j++] as string });
  return out;
}

/** Word diff of two texts; whitespace is kept, so joining every part's text gives back either side. */
export function diffWords(before: string, after: string): DiffPart[] {
  const split = (s: string): string[] => s.match(/\s+|[^\s]+/g) ?? [];
  return diffTokens(split(before), split(after));
}

/** Line diff of two texts; parts hold lines joined by `\n`. */
export function diffLines(before: string, after: string): DiffPart[] {
  const split = (s: string): string[] => (s === '' ? [] : s.split('\n'));
  return diffTokens(split(before), split(after), '\n');
}
