/**
 * Writing generated snapshots into a catalogue folder through the real catalogue writer
 * (`writeServerSnapshot`), so generated catalogues have exactly the files ingestion would produce.
 */
import { writeServerSnapshot, type SnapshotInput } from '../catalog/index.js';

/** What `writeSnapshots` wrote. */
export interface WrittenCatalog {
  /** Absolute path of the catalogue folder. */
  dir: string;
  servers: number;
  tools: number;
}

/**
 * Write every snapshot into `<dir>/servers/<id>/` (each server atomically, as ingestion does).
 * `onServer` is called after each server (progress for long runs).
 */
export function writeSnapshots(dir: string, inputs: readonly SnapshotInput[], onServer?: (id: string, done: number) => void): WrittenCatalog {
  let tools = 0;
  inputs.forEach((input, i) => {
    writeServerSnapshot(dir, input);
    tools += input.tools.length;
    onServer?.(input.server.id, i + 1);
  });
  return { dir, servers: inputs.length, tools };
}
