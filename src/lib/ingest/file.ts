/**
 * `readToolsFile`: a saved `tools/list` result read from disk instead of a live server, bounded by
 * `maxBytes` and `maxTools`. Accepted shapes: `{ "tools": [...] }`, a bare array of tools, or a whole
 * JSON-RPC response `{ "result": { "tools": [...] } }`.
 */
import { open, stat } from 'node:fs/promises';
import { IngestError, describeError, describeType } from './errors.js';
import { resolveLimits, type ListLimits } from './limits.js';
import type { ListResult } from './list.js';

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Reads the tool list saved at `path`: stat first (only regular files, at most `maxBytes`), then a
 * read bounded by `maxBytes`. Errors are `IngestError('bad-file' | 'too-large' | 'too-many-tools')`
 * with one line naming the file (as given) and what was wrong.
 */
export async function readToolsFile(path: string, limits: Partial<ListLimits> = {}): Promise<ListResult> {
  const { maxBytes, maxTools } = resolveLimits(limits);
  let text: string;
  let size: number;
  let handle;
  try {
    // stat before open: opening a FIFO would block until something writes to it.
    const info = await stat(path);
    if (!info.isFile()) throw new IngestError('bad-file', `${path}: not a regular file`);
    if (info.size > maxBytes) throw new IngestError('too-large', `${path}: file is ${info.size} bytes, over ${maxBytes} bytes (maxBytes)`);
    handle = await open(path, 'r');
  } catch (e) {
    if (e instanceof IngestError) throw e;
    throw new IngestError('bad-file', `${path}: cannot open: ${describeError(e)}`, { cause: e });
  }
  try {
    const opened = await handle.stat();
    if (!opened.isFile()) throw new IngestError('bad-file', `${path}: not a regular file`);
    // Read at most maxBytes + 1 even if the file grows after the stat.
    const buf = Buffer.alloc(Math.min(maxBytes + 1, Math.max(opened.size + 1, 1)));
    let read = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buf, read, buf.length - read, read);
      if (bytesRead === 0) break;
      read += bytesRead;
      if (read > maxBytes) throw new IngestError('too-large', `${path}: file is over ${maxBytes} bytes (maxBytes)`);
      if (read === buf.length) break;
    }
    size = read;
    text = buf.toString('utf8', 0, read);
  } catch (e) {
    if (e instanceof IngestError) throw e;
    throw new IngestError('bad-file', `${path}: cannot read: ${describeError(e)}`, { cause: e });
  } finally {
    await handle.close().catch(() => undefined);
  }

  return { ...parseToolsJson(text, path, { maxTools }), bytes: size };
}

/**
 * Parses the text of a saved tool list (same shapes and errors as `readToolsFile`); `label` names
 * the input in messages (a path, or e.g. `<stdin>`). The caller bounds the text's size.
 */
export function parseToolsJson(text: string, label: string, limits: Partial<ListLimits> = {}): ListResult {
  const { maxTools } = resolveLimits(limits);
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new IngestError('bad-file', `${label}: invalid JSON: ${describeError(e)}`, { cause: e });
  }
  const tools = extractTools(label, data);
  if (tools.length > maxTools) {
    throw new IngestError('too-many-tools', `${label}: lists ${tools.length} tools, over ${maxTools} (maxTools)`);
  }
  return { tools, pages: 1, bytes: Buffer.byteLength(text), transport: 'file', warnings: [] };
}

const EXPECTED = 'expected {"tools": [...]} or an array of tools';

function extractTools(path: string, data: unknown): unknown[] {
  if (Array.isArray(data)) return data;
  if (!isPlainObject(data)) throw new IngestError('bad-file', `${path}: ${EXPECTED}, got ${describeType(data)}`);
  let holder: Record<string, unknown> = data;
  let where = '';
  if (!('tools' in data) && isPlainObject(data.result)) {
    holder = data.result;
    where = 'result.';
  }
  if (!('tools' in holder)) throw new IngestError('bad-file', `${path}: ${EXPECTED}, got object without "tools"`);
  if (!Array.isArray(holder.tools)) {
    throw new IngestError('bad-file', `${path}: field "${where}tools" must be an array, got ${describeType(holder.tools)}`);
  }
  return holder.tools;
}
