/**
 * Everything the server page needs from the analysis in one call: the trifecta (with the warning
 * when complete), annotation coverage, and per tool its legs and annotation status (same order as given).
 */
import type { Classification, ToolDefinition } from '../schema/index.js';
import { annotationCoverage, annotationStatus, type AnnotationCoverage, type AnnotationStatus } from './annotations.js';
import { serverTrifecta, trifectaLegs, type ServerTrifecta, type TrifectaLegs } from './trifecta.js';
import { defaultTrifectaRules, type TrifectaRules } from './trifecta-rules.js';

/** One tool's analysis. */
export interface ToolAnalysis {
  name: string;
  legs: TrifectaLegs;
  annotationStatus: AnnotationStatus;
}

/** A server's analysis. */
export interface ServerAnalysis {
  trifecta: ServerTrifecta;
  coverage: AnnotationCoverage;
  tools: ToolAnalysis[];
}

/** Analyse a server's tools, each with its classification (category as the site shows it). */
export function analyseServer(
  tools: readonly { definition: ToolDefinition; classification: Classification }[],
  rules: TrifectaRules = defaultTrifectaRules(),
): ServerAnalysis {
  const perTool = tools.map((t) => ({
    name: t.definition.name,
    legs: trifectaLegs(t.definition, t.classification, rules),
    annotationStatus: annotationStatus(t.definition, t.classification),
  }));
  return {
    trifecta: serverTrifecta(tools.map((t, i) => ({ definition: t.definition, legs: (perTool[i] as ToolAnalysis).legs })), rules),
    coverage: annotationCoverage(tools.map((t) => t.definition)),
    tools: perTool,
  };
}
