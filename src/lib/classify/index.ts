/** The classifier: rules loading, classification, effective verdicts, author checks and server-wide flags. */
export { tokenize, words } from './tokenize.js';
export { parseRules, RulesError, formatPath, type RulesSource } from './rules.js';
export type { RuleSet } from './rule-set.js';
export { DEFAULT_LIMITS } from './rule-set.js';
export * from './rules-schema.js';
export * from './hint-rules-schema.js';
export { loadRules, readRulesDir, shippedRulesDir } from './load-rules.js';
export { defaultRules } from './default-rules.js';
export { SHIPPED_RULES_FILES } from './shipped-rules.generated.js';
export { classify, DECLARED_ANNOTATION_RULE } from './classify.js';
export { PRECEDENCE, RECORD_NOUN_RULE } from './decide.js';
export { RISK_FLOORS } from './risk.js';
export { CATEGORY_HINTS } from './hints.js';
export { effectiveVerdict, type EffectiveVerdict } from './effective.js';
export { checkTool, type CheckFinding } from './check.js';
export { catalogToolNames, peerFlags, type CatalogNames, type PeerContext } from './peer-flags.js';
export { BUILTIN_FLAG_IDS, PEER_FLAG_IDS, TOOL_FLAG_IDS } from './builtin-flags.js';
