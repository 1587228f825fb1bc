/**
 * The policy module: schema helpers, evaluator, generator, JSON Schema and export formats.
 * Semantics: README.md in this folder. Everything here is pure and browser-safe except
 * `loadPolicyMapping` (reads a file with node:fs); bundles that must avoid Node built-ins import
 * the individual modules instead of this index.
 */
export { PolicyError } from './errors.js';
export { parsePolicy, serializePolicy, canonicalPolicy } from './parse.js';
export { evaluate, namedTools, unnamedToolName, callsInWindow, firstRuleIndex, type Decision, type Outcome } from './evaluate.js';
export { explainDecision } from './explain.js';
export {
  PolicyMappingSchema,
  MappingEntrySchema,
  MappingOverrideSchema,
  parsePolicyMapping,
  mappingEntryFor,
  type PolicyMapping,
  type MappingEntry,
  type MappingOverride,
  type Verdict,
} from './mapping.js';
export { SHIPPED_POLICY_MAPPING, defaultPolicyMapping } from './mapping-data.js';
export { loadPolicyMapping, POLICY_MAPPING_FILE } from './mapping-load.js';
export { generateToolPolicy, generateServerPolicy, type ToolVerdict } from './generate.js';
export { policyJsonSchema, POLICY_SCHEMA_ID } from './json-schema.js';
export { exportPolicy, exportPolicyFormats, isExportFormat, EXPORT_FORMATS, EXPORT_SERVER_NAME, type ExportFormat, type ExportOptions, type ExportResult } from './export/index.js';
