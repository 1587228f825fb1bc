/**
 * Browser side of `/builder/`: keeps the selection in the URL fragment (and, as the working
 * selection, in localStorage), fetches `/builder/servers/<id>.json` only for servers in use, and
 * re-renders the selection and the export on every change. Logic lives in `src/lib/builder/`.
 */
import { choiceFor, type ChoiceAction } from '../lib/builder/actions.js';
import { combinePolicies, tallyPolicies } from '../lib/builder/combine.js';
import { parseServerFile, type BuilderServer } from '../lib/builder/data.js';
import { exportCombined } from '../lib/builder/export.js';
import { parseEntryQuery } from '../lib/builder/links.js';
import { addTools, mergeSelections, removeServer, removeTool, resolveSelection, setChoice, setDefaultDeny, toolsAtOrAbove, EMPTY_SELECTION, type Selection } from '../lib/builder/selection.js';
import { decodeState, encodeState } from '../lib/builder/url-state.js';
import { EXPORT_FORMATS, isExportFormat, type ExportFormat } from '../lib/policy/export/index.js';
import type { Risk } from '../lib/schema/classification.js';
import { byId, copyText, downloadText, h } from './builder-dom.js';
import { filterTools, summaryText } from '../lib/builder/view.js';
import { pickerItem, renderOutput, renderSelection, rowIds, serverIds, type SelectionHandlers } from './builder-render.js';
import { initTabs } from './builder-tabs.js';

const STORE_KEY = 'mcp-risk-builder-selection';
const PICKER_LIMIT = 60;

/** Wire up the builder page. */
export function initBuilder(): void {
  const serverSelect = byId<HTMLSelectElement>('b-server');
  const filter = byId<HTMLInputElement>('b-filter');
  const minSelect = byId<HTMLSelectElement>('b-min');
  const addAll = byId<HTMLButtonElement>('b-add-all');
  const picks = byId<HTMLUListElement>('b-tools');
  const pickerStatus = byId<HTMLElement>('b-picker-status');
  const notices = byId<HTMLElement>('b-notices');
  const status = byId<HTMLElement>('b-status');
  const selectionRoot = byId<HTMLElement>('b-selection');
  const summary = byId<HTMLElement>('b-summary');
  const heading = byId<HTMLElement>('b-selection-h');
  const share = byId<HTMLInputElement>('b-share');
  const output = { text: byId<HTMLElement>('b-output'), notes: byId<HTMLElement>('b-notes'), filename: byId<HTMLElement>('b-filename') };
  const copyStatus = byId<HTMLElement>('b-copy-status');

  const dataUrls = new Map([...serverSelect.options].filter((o) => o.value).map((o) => [o.value, o.dataset.url ?? '']));
  const servers = new Map<string, BuilderServer>();
  const pending = new Map<string, Promise<void>>();
  let selection: Selection = EMPTY_SELECTION;
  let format: ExportFormat = 'policy';
  let current = exportCombined(format, []);

  const say = (text: string): void => {
    status.textContent = text;
  };
  const showNotices = (list: string[]): void => {
    notices.replaceChildren(...list.map((n) => h('p', { text: n })));
    notices.hidden = list.length === 0;
  };

  /** Fetch the data files of `ids` not loaded yet; failures become notices. */
  const load = async (ids: Iterable<string>, problems: string[]): Promise<void> => {
    await Promise.all(
      [...new Set(ids)].map((id) => {
        if (servers.has(id)) return Promise.resolve();
        const url = dataUrls.get(id);
        if (!url) return Promise.resolve();
        let p = pending.get(id);
        if (!p) {
          p = fetch(url)
            .then((r) => {
              if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
              return r.json() as Promise<unknown>;
            })
            .then((json) => void servers.set(id, parseServerFile(json, url)))
            .catch((e: unknown) => {
              pending.delete(id);
              problems.push(`Could not load the tools of a server: ${e instanceof Error ? e.message : String(e)}`);
            });
          pending.set(id, p);
        }
        return p;
      }),
    );
  };

  const persist = (): void => {
    const empty = selection.servers.length === 0 && format === 'policy';
    const fragment = encodeState({ selection, format: format === 'policy' ? undefined : format });
    history.replaceState(null, '', empty ? location.pathname : `${location.pathname}#${fragment}`);
    share.value = location.href;
    try {
      localStorage.setItem(STORE_KEY, encodeState({ selection }));
    } catch {
      // storage may be unavailable (private mode); the URL still holds the selection
    }
  };

  const renderExport = (): void => {
    const policies = combinePolicies(selection, servers);
    current = exportCombined(format, policies);
    byId<HTMLButtonElement>('b-copy').disabled = byId<HTMLButtonElement>('b-download').disabled = current.text === '';
    renderOutput(output, current);
    summary.textContent = summaryText(tallyPolicies(policies));
    copyStatus.textContent = '';
  };

  const renderPicker = (): void => {
    const server = servers.get(serverSelect.value);
    filter.disabled = addAll.disabled = !server;
    if (!server) {
      picks.replaceChildren();
      pickerStatus.textContent = serverSelect.value ? 'Loading the server\'s tools…' : 'Choose a server to list its tools.';
      return;
    }
    const chosen = new Set(selection.servers.find((s) => s.id === server.id)?.tools.map((t) => t.slug) ?? []);
    const { tools, total } = filterTools(server, filter.value, PICKER_LIMIT);
    picks.replaceChildren(...tools.map((t) => pickerItem(server, t, chosen.has(t.slug), () => update(addTools(selection, server, [t]), `Added ${t.name}.`))));
    const more = total > tools.length ? ` (showing the first ${tools.length}; type to narrow)` : '';
    pickerStatus.textContent = `${total.toLocaleString('en-US')} of ${server.tools.length.toLocaleString('en-US')} tools of ${server.name} match${more}.`;
  };

  /** Re-render everything after a change, keeping keyboard focus on the same control where it still exists. */
  const render = (focusId?: string): void => {
    const active = focusId ?? document.activeElement?.id;
    const slug = document.activeElement instanceof HTMLElement ? document.activeElement.dataset.slug : undefined;
    renderSelection(selectionRoot, selection, servers, handlers);
    renderPicker();
    renderExport();
    persist();
    const target = (active && document.getElementById(active)) || (slug !== undefined && [...picks.querySelectorAll<HTMLElement>('button[data-slug]')].find((b) => b.dataset.slug === slug));
    if (target && target !== document.activeElement) target.focus();
  };

  const update = (next: Selection, message: string, focusId?: string): void => {
    selection = next;
    render(focusId);
    say(message);
  };

  /** Id of the control to focus after the row `rowKey` goes away: the next row's, else the previous, else the heading. */
  const focusAfterRemoval = (ids: string[], removed: string[]): string => {
    const i = ids.indexOf(removed[0] ?? '');
    const rest = ids.filter((x) => !removed.includes(x));
    return rest[Math.min(Math.max(i, 0), rest.length - 1)] ?? heading.id;
  };
  const removeButtons = (): string[] => [...selectionRoot.querySelectorAll<HTMLElement>('tbody button')].map((b) => b.id);

  const handlers: SelectionHandlers = {
    setChoice(server, tool, action: ChoiceAction) {
      selection = setChoice(selection, server.id, tool.slug, choiceFor(action, tool));
      renderExport();
      persist();
      say(`${tool.name}: ${action.replace('_', ' ')}.`);
    },
    setDefaultDeny(server, deny) {
      selection = setDefaultDeny(selection, server.id, deny);
      renderExport();
      persist();
      say(`Tools of ${server.name} not in the selection are now ${deny ? 'refused' : 'allowed'}.`);
    },
    removeTool(server, tool) {
      const focus = focusAfterRemoval(removeButtons(), [`${rowIds.id(`${server.id}\n${tool.slug}`)}-remove`]);
      update(removeTool(selection, server.id, tool.slug), `Removed ${tool.name}.`, focus);
    },
    removeServer(server) {
      const sections = [...selectionRoot.querySelectorAll<HTMLElement>('.builder-server .controls button')].map((b) => b.id);
      const focus = focusAfterRemoval(sections, [`${serverIds.id(server.id)}-remove`]);
      update(removeServer(selection, server.id), `Removed every tool of ${server.name}.`, focus);
    },
  };

  /** Load the state from the URL (fragment, else the stored working selection) plus any entry link. */
  const start = async (): Promise<void> => {
    const problems: string[] = [];
    const fromHash = decodeState(location.hash);
    problems.push(...fromHash.notices);
    let base = fromHash.state?.selection;
    if (fromHash.state?.format && isExportFormat(fromHash.state.format)) format = fromHash.state.format;
    if (!base) {
      let stored: string | null = null;
      try {
        stored = localStorage.getItem(STORE_KEY);
      } catch {
        stored = null;
      }
      base = (stored ? decodeState(stored).state?.selection : undefined) ?? EMPTY_SELECTION;
    }
    const entry = parseEntryQuery(location.search);
    problems.push(...entry.notices);
    const wanted = [...base.servers.map((s) => s.id), ...entry.adds.map((a) => a.server), ...(entry.atOrAbove ? [entry.atOrAbove.server] : [])];
    await load(wanted, problems);
    let next = base;
    const unknown: string[] = [];
    for (const add of entry.adds) {
      const server = servers.get(add.server);
      const tools = server ? add.slugs.flatMap((slug) => server.bySlug.get(slug) ?? (unknown.push(`${add.server}:${slug}`), [])) : [];
      if (!server) unknown.push(add.server);
      if (server) next = mergeSelections(next, addTools(EMPTY_SELECTION, server, tools));
    }
    const pick = entry.atOrAbove ?? entry.adds[0];
    if (entry.atOrAbove) {
      const server = servers.get(entry.atOrAbove.server);
      const found = server ? toolsAtOrAbove(server, entry.atOrAbove.min) : [];
      if (server) next = mergeSelections(next, addTools(EMPTY_SELECTION, server, found));
      else unknown.push(entry.atOrAbove.server);
      if (server && found.length === 0) problems.push(`No tool of ${server.name} is at ${entry.atOrAbove.min} risk or above; pick tools or a lower level below.`);
    }
    if (unknown.length > 0) problems.push(`The link names ${unknown.length === 1 ? 'a server or tool' : `${unknown.length} servers or tools`} not in the catalogue: ${unknown.slice(0, 5).map((u) => `"${u.slice(0, 60)}"`).join(', ')}.`);
    const resolved = resolveSelection(next, servers);
    problems.push(...resolved.notices);
    selection = resolved.selection;
    if (pick && dataUrls.has(pick.server)) {
      serverSelect.value = pick.server;
      if (entry.atOrAbove) minSelect.value = entry.atOrAbove.min;
    }
    showNotices(problems);
    tabs.select(format);
    render();
    say(selection.servers.length > 0 ? summaryText(tallyPolicies(combinePolicies(selection, servers))) : '');
  };

  const tabs = initTabs(EXPORT_FORMATS.map((f) => f.id), (id) => {
    format = id;
    renderExport();
    persist();
  });

  serverSelect.addEventListener('change', () => {
    filter.value = '';
    renderPicker();
    const id = serverSelect.value;
    const problems: string[] = [];
    void load([id], problems).then(() => {
      if (problems.length > 0) showNotices(problems);
      // A server passed over (type-ahead goes through several) must not re-render the picker of the
      // one chosen since: that would drop keyboard focus from a tool's Add button.
      if (serverSelect.value === id) renderPicker();
    });
  });
  filter.addEventListener('input', renderPicker);
  addAll.addEventListener('click', () => {
    const server = servers.get(serverSelect.value);
    if (!server) return;
    const min = minSelect.value as Risk;
    const before = selection.servers.find((s) => s.id === server.id)?.tools.length ?? 0;
    const next = addTools(selection, server, toolsAtOrAbove(server, min));
    const added = (next.servers.find((s) => s.id === server.id)?.tools.length ?? 0) - before;
    update(next, `Added ${added} ${added === 1 ? 'tool' : 'tools'} of ${server.name} at ${min} risk or above.`);
  });
  byId<HTMLButtonElement>('b-clear').addEventListener('click', () => update(EMPTY_SELECTION, 'Cleared the selection.', heading.id));
  byId<HTMLButtonElement>('b-copy').addEventListener('click', () => {
    copyText(current.text).then(
      () => (copyStatus.textContent = `Copied ${current.filename}.`),
      () => (copyStatus.textContent = 'Copy failed: select the text and copy it.'),
    );
  });
  byId<HTMLButtonElement>('b-download').addEventListener('click', () => downloadText(current.text, current.filename, current.mediaType));
  byId<HTMLButtonElement>('b-copy-link').addEventListener('click', () => {
    copyText(share.value).then(
      () => say('Copied the link to this selection.'),
      () => say('Copy failed: select the link and copy it.'),
    );
  });
  window.addEventListener('hashchange', () => void start());
  void start();
}
