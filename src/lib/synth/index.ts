/**
 * Generated catalogues: synthetic ones of realistic tools for benchmarks, and a hostile one for the
 * hardening tests. Everything is deterministic and written through the real catalogue writer.
 */
export { createRng, seedFrom, type Rng } from './prng.js';
export { syntheticCatalog, syntheticTool, serverSizes, styleName, NAME_STYLES, SYNTHETIC_INGESTED_AT } from './synthetic.js';
export type { SyntheticOptions, NameStyle } from './synthetic.js';
export { writeSnapshots, type WrittenCatalog } from './write.js';
export {
  hostileTools,
  hostileCatalog,
  bulkTools,
  writeHostileCatalog,
  writeBadServer,
  BAD_SERVERS,
  HOSTILE_NOTES_BODY,
  HOSTILE_SERVER_ID,
  BULK_SERVER_ID,
  PAYLOADS,
  ALL_PAYLOADS,
  INVISIBLE,
  PWNED_GLOBAL,
  deepSchema,
  longText,
} from './hostile.js';
export type { HostileOptions, BadServerKind } from './hostile.js';
