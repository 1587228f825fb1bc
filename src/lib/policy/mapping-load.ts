/**
 * Loading `policy-mapping.yaml` from a catalogue folder (Node only; bundles use
 * `defaultPolicyMapping()` instead).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { PolicyError } from './errors.js';
import { parsePolicyMapping, type PolicyMapping } from './mapping.js';

/** File name of the mapping inside the catalogue folder. */
export const POLICY_MAPPING_FILE = 'policy-mapping.yaml';

/**
 * Read and validate `<catalogDir>/policy-mapping.yaml` (default `catalog`). A missing file, bad
 * YAML or a bad field throws a `PolicyError` naming the file and field.
 */
export function loadPolicyMapping(catalogDir = 'catalog'): PolicyMapping {
  const file = join(catalogDir, POLICY_MAPPING_FILE);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new PolicyError(file, '', code === 'ENOENT' ? 'file not found' : `cannot read file (${code ?? 'error'})`);
  }
  let value: unknown;
  try {
    value = parseYaml(text, { maxAliasCount: 50 });
  } catch (e) {
    throw new PolicyError(file, '', `invalid YAML (${(e as Error).message.split('\n')[0] ?? 'parse error'})`);
  }
  return parsePolicyMapping(value, file);
}
