/**
 * Renders `trifecta-shipped.ts`, the embedded copy of `catalog/analysis/trifecta.yaml` (so the rules
 * work in a bundle with no files beside it). Regenerate after editing the YAML with:
 *   npx tsx -e "import('./src/lib/analysis/shipped-render.ts').then((m) => m.writeShippedTrifecta())"
 * A unit test fails while the two differ.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Repository path of the YAML, relative to this module. */
export const TRIFECTA_YAML_URL = new URL('../../../catalog/analysis/trifecta.yaml', import.meta.url);
/** Repository path of the generated module, relative to this module. */
export const SHIPPED_MODULE_URL = new URL('./trifecta-shipped.ts', import.meta.url);

/** The generated module's text for the YAML `text`. */
export function renderShippedTrifecta(text: string): string {
  return [
    '// Generated from catalog/analysis/trifecta.yaml by src/lib/analysis/shipped-render.ts. Do not edit.',
    '/** The shipped trifecta rules file, verbatim. */',
    `export const SHIPPED_TRIFECTA_YAML: string = ${JSON.stringify(text)};`,
    '',
  ].join('\n');
}

/** Rewrite `trifecta-shipped.ts` from the YAML file. */
export function writeShippedTrifecta(): void {
  const text = readFileSync(fileURLToPath(TRIFECTA_YAML_URL), 'utf8');
  writeFileSync(fileURLToPath(SHIPPED_MODULE_URL), renderShippedTrifecta(text), 'utf8');
}
