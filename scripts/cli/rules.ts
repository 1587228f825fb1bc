/** Which classifier rules and policy mapping a command uses: the catalogue's own, else the shipped ones. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadRules, type RuleSet } from '../../src/lib/classify/index.js';
import { POLICY_MAPPING_FILE, defaultPolicyMapping, loadPolicyMapping, type PolicyMapping } from '../../src/lib/policy/index.js';

/** `<catalog>/rules` when it exists (so a catalogue's edits apply), else the rules shipped with mcp-risk. */
export function rulesFor(catalog: string): RuleSet {
  return loadRules(catalog);
}

/** `<catalog>/policy-mapping.yaml` when it exists, else the shipped mapping. */
export function mappingFor(catalog: string): PolicyMapping {
  return existsSync(join(catalog, POLICY_MAPPING_FILE)) ? loadPolicyMapping(catalog) : defaultPolicyMapping();
}
