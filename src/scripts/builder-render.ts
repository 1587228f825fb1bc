/**
 * Rendering of the policy builder's three parts (picker, selection, output) from plain data, with
 * DOM APIs and `textContent` only. Event handlers are passed in; no state lives here.
 */
import { CHOICE_ACTIONS, choiceFor, choiceLabel, recommendedChoice, sameChoice, type Choice, type ChoiceAction } from '../lib/builder/actions.js';
import type { BuilderServer, BuilderTool } from '../lib/builder/data.js';
import type { CombinedExport } from '../lib/builder/export.js';
import type { Selection } from '../lib/builder/selection.js';
import { KeyIds, h, riskBadge, srOnly } from './builder-dom.js';

/** What the selection view calls back. */
export interface SelectionHandlers {
  setChoice(server: BuilderServer, tool: BuilderTool, action: ChoiceAction): void;
  setDefaultDeny(server: BuilderServer, deny: boolean): void;
  removeTool(server: BuilderServer, tool: BuilderTool): void;
  removeServer(server: BuilderServer): void;
}

/** Ids of the selection's controls, stable across re-renders (for keeping focus). */
export const rowIds = new KeyIds('b-row');
/** Ids of the per-server controls. */
export const serverIds = new KeyIds('b-srv');

/** Path of a tool's page. */
export function toolHref(server: BuilderServer, tool: BuilderTool): string {
  return `${server.url}tools/${encodeURIComponent(tool.slug)}/`;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

/** One picker row: the tool, its verdict and an Add button (aria-disabled once selected). */
export function pickerItem(server: BuilderServer, tool: BuilderTool, selected: boolean, onAdd: () => void): HTMLLIElement {
  const button = h('button', { type: 'button', class: 'btn btn-small', 'aria-disabled': selected ? 'true' : undefined, 'data-slug': tool.slug });
  button.append(selected ? 'Added' : 'Add', srOnly(` ${tool.name}`));
  button.addEventListener('click', () => {
    if (button.getAttribute('aria-disabled') !== 'true') onAdd();
  });
  return h(
    'li',
    { class: 'builder-pick' },
    button,
    h('a', { href: toolHref(server, tool) }, h('code', { text: tool.name })),
    riskBadge(tool.risk),
    h('span', { class: 'muted small', text: tool.category }),
  );
}

function actionSelect(server: BuilderServer, tool: BuilderTool, choice: Choice, id: string, handlers: SelectionHandlers): HTMLSelectElement {
  const rec = recommendedChoice(tool);
  const select = h('select', { id, 'data-action-for': tool.name });
  for (const action of CHOICE_ACTIONS) {
    const option = choice.action === action ? choice : choiceFor(action, tool);
    const label = `${choiceLabel(option)}${sameChoice(option, rec) ? ' (recommended)' : ''}`;
    select.append(h('option', { value: action, selected: choice.action === action, text: label }));
  }
  select.addEventListener('change', () => handlers.setChoice(server, tool, select.value as ChoiceAction));
  return select;
}

function serverSection(server: BuilderServer, tools: { tool: BuilderTool; choice: Choice }[], defaultDeny: boolean, handlers: SelectionHandlers): HTMLElement {
  const sid = serverIds.id(server.id);
  const def = h('select', { id: `${sid}-default` });
  def.append(
    h('option', { value: 'allow', selected: !defaultDeny, text: 'are allowed (default: allow)' }),
    h('option', { value: 'deny', selected: defaultDeny, text: 'are refused (default: deny)' }),
  );
  def.addEventListener('change', () => handlers.setDefaultDeny(server, def.value === 'deny'));
  const removeAll = h('button', { type: 'button', class: 'btn', id: `${sid}-remove` });
  removeAll.append('Remove server', srOnly(` ${server.name}`));
  removeAll.addEventListener('click', () => handlers.removeServer(server));
  const rows = tools.map(({ tool, choice }) => {
    const rid = rowIds.id(`${server.id}\n${tool.slug}`);
    const remove = h('button', { type: 'button', class: 'btn btn-small', id: `${rid}-remove` });
    remove.append('Remove', srOnly(` ${tool.name}`));
    remove.addEventListener('click', () => handlers.removeTool(server, tool));
    return h(
      'tr',
      { 'data-server': server.id, 'data-tool': tool.name },
      h('th', { scope: 'row' }, h('a', { href: toolHref(server, tool) }, h('code', { text: tool.name }))),
      h('td', {}, riskBadge(tool.risk), ' ', h('span', { class: 'small', text: `${tool.category}${tool.reviewed ? ' (reviewed)' : ''}` })),
      h('td', {}, h('label', { class: 'visually-hidden', for: `${rid}-action`, text: `Action for ${tool.name}` }), actionSelect(server, tool, choice, `${rid}-action`, handlers)),
      h('td', {}, remove),
    );
  });
  const head = h('tr', {}, h('th', { scope: 'col', text: 'Tool' }), h('th', { scope: 'col', text: 'Verdict' }), h('th', { scope: 'col', text: 'Action' }), h('th', { scope: 'col' }, srOnly('Remove')));
  return h(
    'section',
    { class: 'builder-server', 'aria-labelledby': `${sid}-h` },
    h('h3', { id: `${sid}-h` }, h('a', { href: server.url, text: server.name }), ' ', h('span', { class: 'muted small', text: `(${plural(tools.length, 'tool')} of ${server.tools.length} selected)` })),
    h(
      'div',
      { class: 'controls' },
      h('div', { class: 'field' }, h('label', { for: def.id, text: `Tools of ${server.name} not in the selection` }), def),
      removeAll,
    ),
    h('div', { class: 'table-wrap' }, h('table', {}, h('caption', { class: 'visually-hidden', text: `Selected tools of ${server.name}` }), h('thead', {}, head), h('tbody', {}, ...rows))),
  );
}

/** The selection, one section per server (servers must be loaded; others are skipped). */
export function renderSelection(root: HTMLElement, sel: Selection, servers: ReadonlyMap<string, BuilderServer>, handlers: SelectionHandlers): void {
  const sections: HTMLElement[] = [];
  for (const s of sel.servers) {
    const server = servers.get(s.id);
    if (!server) continue;
    const tools = s.tools.flatMap((t) => {
      const tool = server.bySlug.get(t.slug);
      return tool ? [{ tool, choice: t.choice }] : [];
    });
    sections.push(serverSection(server, tools, s.defaultDeny, handlers));
  }
  if (sections.length === 0) sections.push(h('p', { class: 'muted', text: 'Nothing selected yet: pick a server above and add tools.' }));
  root.replaceChildren(...sections);
}

/** Show one export: its text, notes and file name. */
export function renderOutput(out: { text: HTMLElement; notes: HTMLElement; filename: HTMLElement }, ex: CombinedExport): void {
  out.text.textContent = ex.text || 'Add tools to see the policy.';
  out.notes.replaceChildren(...ex.notes.map((n) => h('li', { text: n })));
  out.filename.textContent = ex.filename;
}
