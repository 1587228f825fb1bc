/**
 * Auditing a whole MCP client config (see README "Audit your own stack"). Browser-safe: the
 * `/audit/` page bundles this. Node-only pieces are imported from their files: `load.ts` (the
 * CLI's loader from `catalog/`) and `build-data.ts` (the site's data files, live listings).
 */
export { AuditInputError } from './errors.js';
export { CLIENTS, MAX_CONFIG_CHARS, MAX_CONFIG_SERVERS, clientFromFileName, clientFromShape, isClientId, parseConfig, type ClientId, type ConfigServer, type ParseOptions, type ParsedConfig, type ServerSecrets } from './config.js';
export { REDACTED, isSecretName, looksLikeToken, redactArgs, redactUrl } from './redact.js';
export { launchPackage, normalizePypiName, normalizeUrl, parseNpmArg, parsePypiArg, programName, type LaunchPackage } from './launch.js';
export { configPackage, matchServer, type CatalogueMatch, type MatchKind, type VersionMatch } from './match.js';
export {
  AUDIT_DATA_VERSION,
  AUDIT_INDEX_URL,
  AuditDataError,
  LEGS,
  auditServerFileUrl,
  auditServerJson,
  parseAuditIndex,
  parseAuditServer,
  type AuditIndex,
  type AuditServer,
  type AuditServerFile,
  type AuditTool,
  type CatalogueIndex,
  type IndexServer,
  type Leg,
} from './data.js';
export {
  AUDIT_REPORT_VERSION,
  auditConfig,
  auditParsed,
  checkCommand,
  combinedPolicies,
  exportAudit,
  nameCollisions,
  reportKeys,
  shellWord,
  type AuditInput,
  type AuditOptions,
  type AuditReport,
  type Finding,
  type NameCollision,
  type ReportServer,
  type ServerStatus,
} from './report.js';
export { renderAuditTable } from './table.js';
