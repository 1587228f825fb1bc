/**
 * Ingestion: list a server's tools over the official MCP SDK (stdio, Streamable HTTP, legacy SSE)
 * or read them from a saved file, always within `ListLimits`, then normalise the raw entries.
 */
export { IngestError, isIngestError, type IngestErrorCode } from './errors.js';
export { DEFAULT_LIMITS, SDK_VERSION, resolveLimits, type ListLimits } from './limits.js';
export { CLIENT_INFO, listTools, type ListResult, type ListTarget } from './list.js';
export { parseToolsJson, readToolsFile } from './file.js';
export {
  INGEST_FLAG_IDS,
  LARGE_DEFINITION_CHARS,
  LONG_DESCRIPTION_CHARS,
  normalizeListedTools,
  type NormalizedList,
  type NormalizedTool,
} from './normalize.js';
export { MAX_GARBAGE_MESSAGES } from './session.js';
export { stopAllServers } from './stdio-transport.js';
