/**
 * Loading rules from disk. A catalogue may carry its own `rules/` folder; without one, the rules
 * shipped in this repository's `catalog/rules/` apply, read from disk when they sit beside this module
 * (development) and from the embedded copy otherwise (a bundled CLI).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseRules, RulesError, type RuleSet, type RulesSource } from './rules.js';
import { defaultRules } from './default-rules.js';
import { SHIPPED_RULES_FILES } from './shipped-rules.generated.js';

/** Absolute path of this repository's `catalog/rules/`, resolved from this module's location. */
export function shippedRulesDir(): string {
  return fileURLToPath(new URL('../../../catalog/rules/', import.meta.url));
}

function isDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Reads every `*.yaml` / `*.yml` file of a folder, sorted by name.
 * @throws RulesError when the folder holds no rules file or a file cannot be read.
 */
export function readRulesDir(dir: string): RulesSource[] {
  const names = readdirSync(dir)
    .filter((n) => /\.ya?ml$/i.test(n))
    .sort();
  if (names.length === 0) throw new RulesError(dir, '', 'no .yaml rules files in this folder');
  return names.map((n) => {
    const file = join(dir, n);
    try {
      return { file, text: readFileSync(file, 'utf8') };
    } catch (err) {
      throw new RulesError(file, '', `cannot read: ${err instanceof Error ? err.message : String(err)}`);
    }
  });
}

/** This package's name: `catalog/rules/` is only read from a checkout of this very package. */
const PACKAGE_NAME = 'mcp-risk-catalog';

/**
 * True when `dir` is this repository's `catalog/rules/`: the package.json two levels up is this
 * package's, and every shipped file is there. A bundled CLI resolves the same relative path to some
 * unrelated folder, and must use the embedded copy instead.
 */
function looksShipped(dir: string): boolean {
  try {
    const pkg = JSON.parse(readFileSync(join(dir, '..', '..', 'package.json'), 'utf8')) as { name?: unknown };
    if (pkg.name !== PACKAGE_NAME) return false;
  } catch {
    return false;
  }
  return SHIPPED_RULES_FILES.every((f) => existsSync(join(dir, f.file.replace(/^catalog\/rules\//, ''))));
}

/**
 * The rules for a catalogue: `<catalogDir>/rules/*.yaml` when that folder exists, else the shipped
 * rules (from `catalog/rules/` beside this module if present, else the embedded copy).
 *
 * @param catalogDir a catalogue folder (the one holding `servers/`); omit for the shipped rules
 * @throws RulesError when a rules file is invalid (message names file and field)
 */
export function loadRules(catalogDir?: string): RuleSet {
  if (catalogDir !== undefined) {
    const own = join(catalogDir, 'rules');
    if (isDir(own)) return parseRules(readRulesDir(own));
  }
  const shipped = shippedRulesDir();
  if (isDir(shipped) && looksShipped(shipped)) return parseRules(readRulesDir(shipped));
  return defaultRules();
}
