/**
 * The catalogue on disk: load (sync), write snapshots (atomic), formats and errors. The glue from
 * listings to snapshots is in `./listing.js` (not re-exported here: it pulls in the MCP SDK, and the
 * site build only needs the loader).
 */
export { CatalogError, parseWithIssues, describeIssue, formatPath, displayPath } from './errors.js';
export { stringifyYaml, parseYaml, canonicalJson, toolsHash, parseToolFile, renderToolFile } from './format.js';
export type { ToolFileParts } from './format.js';
export { toolSlugs } from './slugs.js';
export { catalogDir, loadCatalog, loadServer, listServerIds, parseToolText, toolNames, toolNameLists } from './load.js';
export type { Catalog, CatalogServer, CatalogTool, ToolParser } from './load.js';
export { writeServerSnapshot, recoverServerFolder } from './write.js';
export type { ServerInput, SnapshotInput, SnapshotResult, RemovedNotes, WriterFs, WriteOptions } from './write.js';
