/**
 * One evaluation of a catalogue folder: its rules (the catalogue's own `rules/`, else the shipped
 * ones), the measurement, the held-out estimate and the targets. Used by `npm run eval` and the
 * integration test, so both report the same figures.
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadCatalog } from '../catalog/index.js';
import { parseRules, readRulesDir, shippedRulesDir, SHIPPED_RULES_FILES, type RulesSource } from '../classify/index.js';
import { heldOutEstimate, type HeldOutReport } from './heldout.js';
import { catalogItems, evaluateItems, type EvalReport } from './measure.js';
import { checkTargets, type TargetResult } from './targets.js';

/** Everything `npm run eval` reports. */
export interface Evaluation {
  /** Servers and tools in the catalogue. */
  readonly servers: number;
  readonly tools: number;
  readonly report: EvalReport;
  readonly targets: readonly TargetResult[];
  /** Absent when not asked for. */
  readonly heldOut: HeldOutReport | undefined;
  /** The rules files used, as named in them. */
  readonly rulesFiles: readonly string[];
}

function isDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** The rules files a catalogue is classified with (same choice as `loadRules`). */
export function rulesSourcesFor(catalogDir: string): readonly RulesSource[] {
  const own = join(catalogDir, 'rules');
  if (isDir(own)) return readRulesDir(own);
  const shipped = shippedRulesDir();
  return isDir(shipped) && existsSync(join(shipped, 'verbs.yaml')) ? readRulesDir(shipped) : SHIPPED_RULES_FILES;
}

/**
 * Loads the catalogue at `catalogDir` and measures the classifier on it.
 * @throws CatalogError / RulesError (one line naming the file and field) for a malformed catalogue or rules file
 */
export function runEvaluation(catalogDir: string, options: { heldOut?: boolean } = {}): Evaluation {
  const catalog = loadCatalog(catalogDir);
  const sources = rulesSourcesFor(catalog.dir);
  const rules = parseRules(sources);
  const items = catalogItems(catalog);
  const report = evaluateItems(items, rules);
  return {
    servers: catalog.servers.length,
    tools: items.length,
    report,
    targets: checkTargets(report.overall),
    heldOut: options.heldOut ? heldOutEstimate(items, sources) : undefined,
    rulesFiles: sources.map((s) => s.file),
  };
}
