/**
 * `mcp-risk merge`: fold catalogue shards (each written by `ingest --all --shard I/N --out DIR`)
 * into the catalogue, in the order given.
 */
import { resolve } from 'node:path';
import { catalogDir } from '../../src/lib/catalog/index.js';
import { MergeError, mergeShards } from '../../src/lib/crawl/merge.js';
import { CliError, EXIT, oneLine, parseFlags, type CliIO } from './common.js';

export const MERGE_HELP = `Usage:
  mcp-risk merge [--catalog DIR] [--results FILE] <shard-dir>...

Puts every server a shard listed into the catalogue (each server folder swapped in whole, its
history the catalogue's followed by what the shard appended), in the order the shards are given;
a server in two shards is an error, and every shard is checked before anything is written.
Second tries that worked in a shard are saved into <catalog>/sources.yaml; --results appends the
shards' attempt records to FILE.
Exit: 0 ok, 2 bad input.
`;

/** Run `mcp-risk merge`; returns the exit code. */
export async function runMerge(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseFlags('merge', args, { catalog: { type: 'string' }, results: { type: 'string' } });
  if (values.help) {
    io.stdout(MERGE_HELP);
    return EXIT.ok;
  }
  if (positionals.length === 0) throw new CliError('merge: expected one or more shard folders (see mcp-risk merge --help)');
  const catalog = catalogDir(values.catalog, io.env);
  try {
    const r = mergeShards(catalog, positionals, values.results ? { resultsFile: resolve(values.results) } : {});
    io.stderr(`mcp-risk: merge: ${positionals.length} shard(s), ${r.servers} server(s) merged, ${r.failed} failed in their shard (kept as they were), ${r.records} result record(s), ${r.fixes} source fix(es)\n`);
    return EXIT.ok;
  } catch (e) {
    if (e instanceof MergeError) throw new CliError(`merge: ${oneLine(e.message, 600)}`);
    throw e;
  }
}
