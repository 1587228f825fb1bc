/**
 * Browser side of `/audit/`: reads the pasted or dropped config, fetches `/audit/index.json` and
 * the data files of only the servers the config matches, runs the same `src/lib/audit` code as
 * `mcp-risk audit`, and renders the report and the combined policy with DOM APIs only (config
 * text and tool text are untrusted: textContent everywhere, never markup).
 */
import {
  AUDIT_INDEX_URL,
  AuditDataError,
  AuditInputError,
  LEGS,
  auditParsed,
  exportAudit,
  isClientId,
  matchServer,
  parseAuditIndex,
  parseAuditServer,
  parseConfig,
  type AuditIndex,
  type AuditReport,
  type AuditServer,
  type ReportServer,
} from '../lib/audit/index.js';
import { isExportFormat, type ExportFormat } from '../lib/policy/export/index.js';
import { RISK_LEVELS } from '../lib/schema/classification.js';
import { byId, copyText, downloadText, h, riskBadge } from './builder-dom.js';

/** Largest file read from a drop or the file picker. */
const MAX_FILE_BYTES = 1_000_000;

async function fetchJson(url: string): Promise<unknown> {
  const res = await fetch(url, { credentials: 'same-origin' });
  if (!res.ok) throw new AuditDataError(url, '', `HTTP ${res.status}`);
  return (await res.json()) as unknown;
}

function names(list: readonly string[], max = 8): string {
  return list.length > max ? `${list.slice(0, max).join(', ')} and ${list.length - max} more` : list.join(', ');
}

function versionText(s: ReportServer): string {
  const c = s.catalogue;
  if (!c) return '';
  switch (c.version) {
    case 'exact':
      return `the catalogue listed ${c.configVersion ?? ''}, the version in your config`;
    case 'other':
      return `the catalogue listed ${c.catalogueVersion ?? '?'}; your config runs ${c.configVersion ?? '?'}: its tools may differ`;
    case 'unpinned':
      return `your config is unpinned (runs whatever is newest); the catalogue listed ${c.catalogueVersion ?? 'an unknown version'}`;
    case 'remote':
      return 'a remote server: the catalogue lists what it served at ingest';
  }
}

function row(dl: HTMLElement, term: string, value: Node | string): void {
  dl.append(h('dt', { text: term }), h('dd', {}, value));
}

function serverBlock(s: ReportServer): HTMLElement {
  const box = h('div', { class: 'audit-server', 'data-server': s.key, 'data-status': s.status });
  const title = h('h4', {}, h('code', { text: s.key }));
  if (s.disabled) title.append(' (disabled)');
  box.append(title);
  const dl = h('dl');
  if (s.catalogue) {
    row(dl, 'Catalogue', h('a', { href: s.catalogue.url, text: s.catalogue.name }));
    row(dl, 'Version', versionText(s));
  } else if (s.status === 'live') row(dl, 'Catalogue', 'listed live');
  else row(dl, 'Catalogue', 'not in the catalogue');
  row(dl, 'Runs', h('code', { text: s.transport === 'stdio' ? [s.command ?? '', ...s.args].join(' ') : `${s.transport} ${s.url ?? ''}` }));
  if (s.env.length > 0) row(dl, 'Env', `${s.env.join(', ')} (values not shown)`);
  if (s.headers.length > 0) row(dl, 'Headers', `${s.headers.join(', ')} (values not shown)`);
  if (s.tools) {
    const t = s.tools;
    const risks = h('span', { class: 'audit-risks' });
    for (const r of [...RISK_LEVELS].reverse()) risks.append(riskBadge(r), ` ${t.risk[r]}  `);
    row(dl, `Tools (${t.total})`, risks);
    if (t.exposed !== t.total) row(dl, 'Exposed', `${t.exposed} (your config's tool lists applied)`);
    if (t.critical.length > 0) row(dl, 'Critical', names(t.critical));
    if (t.high.length > 0) row(dl, 'High', names(t.high));
    row(dl, 'Annotation conflicts', t.conflicts.length === 0 ? 'none' : names(t.conflicts));
    const flags = Object.entries(t.flags);
    row(dl, 'Flags', flags.length === 0 ? 'none' : flags.map(([id, n]) => `${id} (${n})`).join(', '));
    if (t.trifecta.complete) row(dl, 'Trifecta', 'this server alone covers all three legs');
  }
  if (s.check) row(dl, 'Check it locally', h('code', { class: 'audit-check', text: s.check }));
  box.append(dl);
  return box;
}

function renderReport(report: AuditReport, els: Record<string, HTMLElement>): void {
  const t = report.totals;
  els.summary!.textContent =
    `${report.client.label} (detected by ${report.client.detectedBy}): ${t.servers} ${t.servers === 1 ? 'server' : 'servers'}, ` +
    `${t.known} in the catalogue, ${t.unknown} not; ${t.tools} tools, ${t.risk.Critical} Critical and ${t.risk.High} High. ` +
    `${report.findings.length === 0 ? 'No findings.' : `${report.findings.length} ${report.findings.length === 1 ? 'finding' : 'findings'}.`}`;
  els.findings!.replaceChildren(...(report.findings.length === 0 ? [h('li', { text: 'None.' })] : report.findings.map((f) => h('li', { 'data-kind': f.kind, text: f.message }))));
  els.servers!.replaceChildren(...report.servers.map(serverBlock));
  const tr = report.trifecta;
  if (tr.pathCount === 0) els.trifecta!.replaceChildren(h('p', { id: 'a-trifecta-count', text: 'No path across servers.' }));
  else {
    const list = h('ol');
    for (const p of tr.paths) {
      const li = h('li');
      LEGS.forEach((l, i) => {
        if (i > 0) li.append(' → ');
        li.append(h('code', { text: p[l].server }), ` ${tr.labels[l]} (${names(p[l].tools, 3)}${p[l].toolCount > p[l].tools.length ? ` +${p[l].toolCount - p[l].tools.length}` : ''})`);
      });
      list.append(li);
    }
    els.trifecta!.replaceChildren(
      h('p', { id: 'a-trifecta-count', text: `${tr.pathCount} ${tr.pathCount === 1 ? 'path' : 'paths'}${tr.pathCount > tr.paths.length ? ` (the first ${tr.paths.length} shown)` : ''}.` }),
      list,
    );
  }
  const shared = report.collisions;
  if (shared.length === 0) els.collisions!.replaceChildren(h('p', { text: 'None.' }));
  else {
    const list = h('ul');
    for (const c of shared) {
      const li = h('li', { 'data-name': c.name });
      li.append(h('code', { text: c.name }), ': ');
      c.servers.forEach((s, i) => li.append(...(i > 0 ? [', '] : []), h('code', { text: s })));
      list.append(li);
    }
    els.collisions!.replaceChildren(list);
  }
}

/** Wire up the audit page. */
export function initAudit(): void {
  const input = byId<HTMLTextAreaElement>('a-input');
  const file = byId<HTMLInputElement>('a-file');
  const fileName = byId<HTMLInputElement>('a-filename');
  const client = byId<HTMLSelectElement>('a-client');
  const run = byId<HTMLButtonElement>('a-run');
  const error = byId<HTMLElement>('a-error');
  const status = byId<HTMLElement>('a-status');
  const reportSection = byId<HTMLElement>('a-report');
  const outSection = byId<HTMLElement>('a-out');
  const formatSelect = byId<HTMLSelectElement>('a-format');
  const output = byId<HTMLElement>('a-output');
  const notes = byId<HTMLElement>('a-notes');
  const copyStatus = byId<HTMLElement>('a-copy-status');
  const downloadName = byId<HTMLElement>('a-download-name');
  const els = { summary: byId('a-summary'), findings: byId('a-findings'), servers: byId('a-servers'), trifecta: byId('a-trifecta'), collisions: byId('a-collisions') };

  let index: AuditIndex | undefined;
  const servers = new Map<string, AuditServer>();
  let report: AuditReport | undefined;
  let current = '';

  const fail = (message: string): void => {
    error.textContent = message;
    error.hidden = false;
    status.textContent = '';
  };

  const showPolicy = (): void => {
    if (!report) return;
    const format: ExportFormat = isExportFormat(formatSelect.value) ? formatSelect.value : 'policy';
    const out = exportAudit(report, format);
    current = out.text;
    output.textContent = out.text || 'No server of this config is in the catalogue: there is nothing to recommend.';
    notes.replaceChildren(...out.notes.map((n) => h('li', { text: n })));
    downloadName.textContent = out.filename;
  };

  const audit = async (): Promise<void> => {
    error.hidden = true;
    copyStatus.textContent = '';
    const text = input.value;
    if (text.trim() === '') return fail('Paste a config or choose a file first.');
    const name = fileName.value.trim() || 'pasted config';
    let parsed;
    try {
      parsed = parseConfig(text, name, isClientId(client.value) ? { client: client.value } : {});
    } catch (e) {
      if (e instanceof AuditInputError) return fail(e.message);
      throw e;
    }
    status.textContent = `Read as ${parsed.label}; loading the catalogue data of its servers…`;
    try {
      index ??= parseAuditIndex(await fetchJson(AUDIT_INDEX_URL), AUDIT_INDEX_URL);
      const ids = new Set<string>();
      for (const s of parsed.servers) {
        const m = matchServer(s, index);
        if (m && !servers.has(m.server.id)) ids.add(m.server.id);
      }
      const idx = index;
      await Promise.all(
        [...ids].map(async (id) => {
          const entry = idx.servers.find((x) => x.id === id);
          if (!entry) return;
          servers.set(id, parseAuditServer(await fetchJson(entry.data), entry.data));
        }),
      );
    } catch (e) {
      return fail(`Could not load the catalogue data: ${(e as Error).message}`);
    }
    report = auditParsed(parsed, { index, servers });
    renderReport(report, els);
    reportSection.hidden = false;
    outSection.hidden = false;
    showPolicy();
    status.textContent = `Audited ${report.totals.servers} servers: ${report.findings.length} ${report.findings.length === 1 ? 'finding' : 'findings'}.`;
    byId('a-report-h').focus();
  };

  const readFile = async (f: File): Promise<void> => {
    if (f.size > MAX_FILE_BYTES) return fail(`${f.name}: the file is over ${MAX_FILE_BYTES} bytes`);
    input.value = await f.text();
    fileName.value = f.name;
    await audit();
  };

  run.addEventListener('click', () => void audit());
  formatSelect.addEventListener('change', showPolicy);
  file.addEventListener('change', () => {
    const f = file.files?.[0];
    if (f) void readFile(f);
  });
  input.addEventListener('dragover', (e) => {
    e.preventDefault();
    input.classList.add('drop');
  });
  input.addEventListener('dragleave', () => input.classList.remove('drop'));
  input.addEventListener('drop', (e) => {
    e.preventDefault();
    input.classList.remove('drop');
    const f = e.dataTransfer?.files[0];
    if (f) void readFile(f);
  });
  byId('a-copy').addEventListener('click', () => {
    copyText(current).then(
      () => (copyStatus.textContent = 'Copied.'),
      () => (copyStatus.textContent = 'Copy failed: select the text and copy it.'),
    );
  });
  byId('a-download').addEventListener('click', () => {
    if (!report) return;
    const out = exportAudit(report, isExportFormat(formatSelect.value) ? formatSelect.value : 'policy');
    downloadText(out.text, out.filename, out.mediaType);
  });
}
