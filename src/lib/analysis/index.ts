/**
 * Server-level analysis: the "lethal trifecta" (private data + untrusted content + a way out) per
 * tool and per server, and annotation coverage and status.
 */
export {
  AnalysisError,
  TRIFECTA_FILE,
  TRIFECTA_LEGS,
  TrifectaFileSchema,
  defaultTrifectaRules,
  findWords,
  loadTrifectaRules,
  parseTrifectaRules,
  type CompiledSignal,
  type TrifectaFile,
  type TrifectaLeg,
  type TrifectaRules,
} from './trifecta-rules.js';
export { DESCRIPTION_SCAN_CHARS, MAX_PARAMS, serverTrifecta, trifectaLegs, type ServerTrifecta, type TrifectaLegs } from './trifecta.js';
export {
  NOT_DECLARED_TEXT,
  annotationCoverage,
  annotationStatus,
  declaredHints,
  type AnnotationCoverage,
  type AnnotationStatus,
  type HintCoverage,
} from './annotations.js';
export { analyseServer, type ServerAnalysis, type ToolAnalysis } from './server.js';
export { MAX_PATH_TOOLS, MAX_STACK_PATHS, STACK_LEGS, stackTrifecta, type StackLeg, type StackPath, type StackServer, type StackTrifecta } from './stack.js';
