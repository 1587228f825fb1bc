/**
 * The benchmark's floor: the least work a static build of the same site can do, in one plain Node
 * process with template strings. It starts from the same loaded data as the build (`getSiteData`:
 * the catalogue loaded, every tool classified, policies generated) and writes the same kinds of files
 * in the same numbers:
 * - every tool page, from the same view model the tool page renders (`toolPageView`, with the
 *   policy in every export format, and `toolHistoryView`), escaped, padded to about `--page-bytes`
 *   so it writes as many bytes as the real site's tool pages;
 * - every tool's JSON file (the same text: `toolJsonText`);
 * - the search index files (`searchIndexFiles`);
 * - a page per server and the paginated lists (all tools, per category, per risk level), each a
 *   table of its tools;
 * - per server: its policy.json and every export format's file, its JSON and the builder's file; and
 *   the catalogue's JSON.
 * The site build is compared against this.
 *
 *   tsx scripts/bench/floor.ts --catalog DIR --out DIR [--page-bytes N]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { getSiteData, type SiteTool } from '../../src/lib/view/site-data.js';
import { toolPageView } from '../../src/lib/view/tool-page.js';
import { toolHistoryView } from '../../src/lib/view/history-view.js';
import { toolJsonFile, toolJsonText } from '../../src/lib/view/tool-json-files.js';
import { searchIndexFiles } from '../../src/lib/search/site-index.js';
import { paginate } from '../../src/lib/view/browse.js';
import { shorten } from '../../src/lib/search/documents.js';
import { CATEGORIES, RISK_LEVELS } from '../../src/lib/schema/index.js';
import { policyFormats, policyJsonText } from '../../src/lib/view/policy-view.js';
import { serverJson } from '../../src/lib/view/server-page.js';
import { builderServerFile } from '../../src/lib/builder/site.js';
import { catalogJson } from '../../src/lib/view/api.js';

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const esc = (s: unknown): string => String(s).replace(/[&<>"']/g, (c) => ESC[c]!);
const list = (items: readonly unknown[]): string => `<ul>${items.map((i) => `<li>${esc(i)}</li>`).join('')}</ul>`;

const FILLER =
  '<p>Prompt injection through tool output: text returned by this tool may carry instructions an agent follows. ' +
  'Mitigation: treat tool output as data, require approval for follow-up calls, and keep a policy in front of the server.</p>\n';

function shell(title: string, canonical: string, body: string): string {
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)} · MCP Risk Catalog</title>` +
    `<link rel="canonical" href="${esc(canonical)}"></head><body><header><a href="/">MCP Risk Catalog</a></header><main>${body}</main>` +
    '<footer>Verdicts come from a rule-based classifier.</footer></body></html>\n'
  );
}

function table(tools: readonly SiteTool[]): string {
  const rows = tools.map(
    (t) =>
      `<tr><th scope="row"><a href="${esc(t.url)}">${esc(t.name)}</a></th><td>${esc(t.serverName)}</td><td>${t.verdict.risk}</td>` +
      `<td>${t.verdict.category}</td><td>${esc(shorten(t.description, 100))}</td></tr>`,
  );
  return `<table><tbody>${rows.join('')}</tbody></table>`;
}

function toolPage(data: ReturnType<typeof getSiteData>, t: SiteTool, target: number): string {
  const v = toolPageView(data, t);
  const h = toolHistoryView(data, t);
  let body =
    `<h1>${esc(t.name)}</h1><p>${esc(t.title ?? '')} A tool of <a href="${esc(data.serverById.get(t.serverId)?.url ?? '')}">${esc(t.serverName)}</a> (${esc(v.positionText)}).</p>` +
    `<p>${esc(h.firstSeenText)} · ${esc(h.lastChangedText)}</p><p class="banner">${t.verdict.risk} · ${t.verdict.category}</p>` +
    `<blockquote>${esc(t.description)}</blockquote><h2>What it does</h2>${list(v.whatItDoes)}<h2>Why it needs a policy</h2>${list(v.whyPolicy)}` +
    `<h3>Evidence</h3>${list(v.evidence.map((e) => e.text))}` +
    `<dl>${v.attackPatterns.map((a) => `<dt>${esc(a.name)}</dt><dd>${esc(a.description)} ${esc(a.mitigation)}</dd>`).join('')}</dl>` +
    `<table>${v.annotations.map((a) => `<tr><th>${esc(a.hint)}</th><td>${esc(a.declaredText)}</td><td>${esc(a.predicted)}</td></tr>`).join('')}</table>` +
    `${list(v.flags.map((f) => `${f.id}: ${f.message}`))}${list(h.entries.map((e) => `${e.atText} ${e.kindText} ${e.verdict} ${e.fields.map((f) => f.summary.join(" ")).join(" ")}`))}` +
    `<table>${v.params.rows.map((r) => `<tr><th>${esc(r.name)}</th><td>${esc(r.type)}</td><td>${r.required ? 'yes' : 'no'}</td><td>${esc(r.description)}</td></tr>`).join('')}</table>` +
    `<p>${esc(v.policyEffect)}</p>${v.formats.map((f) => `<section><h3>${esc(f.label)} (${esc(f.filename)})</h3>${list(f.notes ?? [])}<pre><code>${esc(f.text)}</code></pre></section>`).join('')}` +
    `${list(v.applySteps)}<dl>${v.faq.map((f) => `<dt>${esc(f.question)}</dt><dd>${esc(f.answer)}</dd>`).join('')}</dl>` +
    `<ul>${v.related.map((r) => `<li><a href="${esc(r.url)}">${esc(r.name)}</a> ${esc(shorten(r.description, 140))}</li>`).join('')}</ul>`;
  const page = (b: string): string => shell(`${t.name} (${t.serverName}): ${t.verdict.risk} risk`, t.url, b);
  const missing = target - Buffer.byteLength(page(body));
  if (missing > 0) body += FILLER.repeat(Math.ceil(missing / FILLER.length));
  return page(body);
}

function write(out: string, path: string, text: string): void {
  const dir = join(out, path);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'index.html'), text);
}

function main(): void {
  const { values } = parseArgs({ options: { catalog: { type: 'string' }, out: { type: 'string' }, 'page-bytes': { type: 'string' } } });
  if (!values.catalog || !values.out) {
    process.stderr.write('usage: tsx scripts/bench/floor.ts --catalog DIR --out DIR [--page-bytes N]\n');
    process.exit(2);
  }
  const out = values.out;
  const target = Number(values['page-bytes'] ?? 0);
  const data = getSiteData(values.catalog);
  let files = 0;
  for (const s of data.servers) {
    for (const t of s.tools) {
      write(out, t.url, toolPage(data, t, target));
      files += 1;
    }
    write(out, s.url, shell(s.server.name, s.url, `<h1>${esc(s.server.name)}</h1>${table(s.tools)}`));
    files += 1;
  }
  const site = 'http://localhost:4321';
  const made = new Set<string>();
  const put = (path: string, text: string): void => {
    const dir = join(out, path, '..');
    if (!made.has(dir)) mkdirSync(dir, { recursive: true });
    made.add(dir);
    writeFileSync(join(out, path), text);
    files += 1;
  };
  for (const t of data.tools) put(toolJsonFile(t.serverId, t.slug).join('/'), toolJsonText(t, site));
  for (const s of data.servers) {
    put(`policy/${s.id}.json`, policyJsonText(s.policy));
    for (const f of policyFormats(s.policy, { serverId: s.id })) put(`policy/${s.id}/${f.filename}`, f.text);
    put(`api/servers/${s.id}.json`, JSON.stringify(serverJson(s, site)));
    put(`builder/servers/${s.id}.json`, JSON.stringify(builderServerFile(s)));
  }
  put('api/catalog.json', JSON.stringify(catalogJson(data, site)));
  for (const f of searchIndexFiles(data)) put(`search-index/${f.path}`, JSON.stringify(f.data));
  const lists: [string, readonly SiteTool[]][] = [
    ['tools', data.tools],
    ...CATEGORIES.map((c): [string, readonly SiteTool[]] => [`categories/${c.toLowerCase()}`, data.byCategory[c]]),
    ...RISK_LEVELS.map((r): [string, readonly SiteTool[]] => [`risk/${r.toLowerCase()}`, data.byRisk[r]]),
  ];
  for (const [base, tools] of lists) {
    for (const slice of paginate(tools)) {
      const path = slice.page === 1 ? `/${base}/` : `/${base}/${slice.page}/`;
      write(out, path, shell(`${base}, page ${slice.page}`, path, `<h1>${esc(base)}</h1>${table(slice.items)}`));
      files += 1;
    }
  }
  process.stdout.write(`floor: wrote ${files} files\n`);
}

main();
