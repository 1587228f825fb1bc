/**
 * The benchmark's floor: the least work a static build of the tool pages can do. Loads the catalogue
 * with `loadCatalog`, classifies every tool, and writes one HTML file per tool page with template
 * strings (escaped), padded to about `--page-bytes` so it writes as many bytes as the real site's
 * tool pages. The site build is compared against this.
 *
 *   tsx scripts/bench/floor.ts --catalog DIR --out DIR [--page-bytes N]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadCatalog } from '../../src/lib/catalog/index.js';
import { classify, loadRules } from '../../src/lib/classify/index.js';
import { generateToolPolicy } from '../../src/lib/policy/generate.js';

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => ESC[c]!);

const FILLER =
  '<p>Prompt injection through tool output: text returned by this tool may carry instructions an agent follows. ' +
  'Mitigation: treat tool output as data, require approval for follow-up calls, and keep a policy in front of the server.</p>\n';

function params(schema: unknown): string {
  const props = schema && typeof schema === 'object' && !Array.isArray(schema) ? (schema as { properties?: unknown }).properties : undefined;
  if (!props || typeof props !== 'object') return '<p>No parameters.</p>';
  const rows = Object.entries(props as Record<string, unknown>)
    .slice(0, 200)
    .map(([k, v]) => {
      const o = v && typeof v === 'object' ? (v as Record<string, unknown>) : {};
      return `<tr><th scope="row"><code>${esc(k)}</code></th><td>${esc(String(o.type ?? 'any'))}</td><td>${esc(String(o.description ?? ''))}</td></tr>`;
    });
  return `<table><thead><tr><th>Name</th><th>Type</th><th>Description</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function main(): void {
  const { values } = parseArgs({ options: { catalog: { type: 'string' }, out: { type: 'string' }, 'page-bytes': { type: 'string' } } });
  if (!values.catalog || !values.out) {
    process.stderr.write('usage: tsx scripts/bench/floor.ts --catalog DIR --out DIR [--page-bytes N]\n');
    process.exit(2);
  }
  const target = Number(values['page-bytes'] ?? 0);
  const catalog = loadCatalog(values.catalog);
  const rules = loadRules(values.catalog);
  let pages = 0;
  for (const s of catalog.servers) {
    for (const t of s.tools) {
      const name = t.definition.name;
      const c = classify(t.definition, rules);
      const policy = name ? generateToolPolicy(name, { category: c.category, risk: c.risk }) : { version: '1', default: 'deny', hide: [], rules: [] };
      const description = typeof t.definition.description === 'string' ? t.definition.description : '';
      let html =
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(name)} (${esc(s.server.name)}): ${c.risk} risk</title>` +
        `<meta name="description" content="${esc(description.slice(0, 150))}"><link rel="canonical" href="/servers/${s.id}/tools/${t.slug}/"></head>` +
        `<body><header><a href="/">MCP Risk Catalog</a></header><main><h1>${esc(name)}</h1>` +
        `<p class="banner">${c.risk} · ${c.category}</p><blockquote>${esc(description)}</blockquote>` +
        `<h2>Evidence</h2><ul>${c.evidence.map((e) => `<li>${esc(e.rule)}: ${esc(e.field)} "${esc(e.match)}"</li>`).join('')}</ul>` +
        `<p>${esc(c.rationale)}</p><h2>Flags</h2><ul>${c.flags.map((f) => `<li>${esc(f.id)}: ${esc(f.message)}</li>`).join('')}</ul>` +
        `<h2>Parameters</h2>${params(t.definition.inputSchema)}` +
        `<h2>Recommended policy</h2><pre>${esc(JSON.stringify(policy, null, 2))}</pre>`;
      const tail = '</main><footer>Verdicts come from a rule-based classifier.</footer></body></html>\n';
      const missing = target - Buffer.byteLength(html) - tail.length;
      if (missing > 0) html += FILLER.repeat(Math.ceil(missing / FILLER.length));
      html += tail;
      const dir = join(values.out, 'servers', s.id, 'tools', t.slug);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'index.html'), html);
      pages += 1;
    }
  }
  process.stdout.write(`floor: wrote ${pages} tool pages\n`);
}

main();
