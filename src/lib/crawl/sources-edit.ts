/**
 * Saving what a second try found into `sources.yaml`: the entry of that source gets the added env
 * (dummy values), args or main, with the rest of the file (comments, order) left as it was.
 */
import { Document, isMap, isSeq, parseDocument, type YAMLMap } from 'yaml';

export interface SourceFix {
  env?: Record<string, string>;
  args?: string[];
  main?: string;
}

/** `text` (a sources.yaml) with `fix` applied to the entry `id`; unchanged text when there is no such entry. Pure. */
export function applySourceFix(text: string, id: string, fix: SourceFix): string {
  const doc = parseDocument(text);
  const servers = doc.get('servers');
  if (!isSeq(servers)) return text;
  const entry = servers.items.find((it) => isMap(it) && it.get('id') === id) as YAMLMap | undefined;
  if (!entry) return text;
  if (fix.main !== undefined) {
    entry.delete('bin');
    entry.set('main', fix.main);
  }
  if (fix.args?.length) {
    const old = entry.get('args');
    const have = isSeq(old) ? (old.toJSON() as string[]) : [];
    const seq = doc.createNode([...have, ...fix.args.filter((a) => !have.includes(a))]);
    seq.flow = true;
    entry.set('args', seq);
  }
  if (fix.env && Object.keys(fix.env).length) {
    const old = entry.get('env');
    const have = isMap(old) ? (old.toJSON() as Record<string, string>) : {};
    entry.set('env', doc.createNode({ ...have, ...fix.env }));
  }
  // Only this entry's text is rewritten (the rest of the file stays byte for byte as it was).
  const [start, , end] = entry.range ?? [0, 0, 0];
  const body = new Document(entry).toString({ lineWidth: 0, flowCollectionPadding: true }).trimEnd();
  const indent = ' '.repeat(start - text.lastIndexOf('\n', start - 1) - 1);
  const replaced = body.split('\n').map((l, i) => (i === 0 ? l : `${indent}${l}`)).join('\n');
  const tail = text.slice(start, end).match(/\s*$/)?.[0] ?? '';
  return text.slice(0, start) + replaced + tail + text.slice(end);
}

/**
 * `text` without the entry `id` (its lines, from its `- ` to the next entry), the rest byte for
 * byte; unchanged when there is no such entry. Pure.
 */
export function removeSourceEntry(text: string, id: string): string {
  const doc = parseDocument(text);
  const servers = doc.get('servers');
  if (!isSeq(servers)) return text;
  const i = servers.items.findIndex((it) => isMap(it) && it.get('id') === id);
  const entry = servers.items[i] as YAMLMap | undefined;
  if (!entry?.range) return text;
  const lineStart = text.lastIndexOf('\n', entry.range[0] - 1) + 1;
  const next = servers.items[i + 1] as YAMLMap | undefined;
  let end: number;
  if (next?.range) {
    // Up to the line of the next entry's dash, keeping comments that sit right above it.
    end = text.lastIndexOf('\n', next.range[0] - 1) + 1;
    const between = text.slice(entry.range[2], end);
    const comment = /(?:^|\n)[ \t]*#/.exec(between);
    if (comment) end = entry.range[2] + comment.index + (comment[0].startsWith('\n') ? 1 : 0);
  } else {
    end = entry.range[2];
  }
  return text.slice(0, lineStart) + text.slice(Math.max(end, lineStart));
}
