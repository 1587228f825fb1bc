/**
 * Regenerates src/lib/classify/shipped-rules.generated.ts from catalog/rules/*.yaml, so a bundled CLI
 * carries the shipped rules without reading the repository at run time.
 *
 * Usage:
 *   npx tsx scripts/gen-rules.ts          write the file
 *   npx tsx scripts/gen-rules.ts --check  exit 1 if the file is out of date
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readRulesDir, shippedRulesDir } from '../src/lib/classify/load-rules.js';
import { renderShippedRules } from '../src/lib/classify/shipped-rules-render.js';

const target = fileURLToPath(new URL('../src/lib/classify/shipped-rules.generated.ts', import.meta.url));
const wanted = renderShippedRules(readRulesDir(shippedRulesDir()));
let current = '';
try {
  current = readFileSync(target, 'utf8');
} catch {
  current = '';
}
if (process.argv.includes('--check')) {
  if (current !== wanted) {
    console.error('src/lib/classify/shipped-rules.generated.ts is out of date: run npx tsx scripts/gen-rules.ts');
    process.exit(1);
  }
  console.log('shipped rules are up to date');
} else if (current !== wanted) {
  writeFileSync(target, wanted);
  console.log('wrote src/lib/classify/shipped-rules.generated.ts');
} else {
  console.log('src/lib/classify/shipped-rules.generated.ts already up to date');
}
