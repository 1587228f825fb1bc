/**
 * Browser side of `/search/`: opens the sharded index on first use (only `meta.json`; each query
 * then fetches the few index files it needs), searches as you type, keeps the query and filters in
 * the URL (history.replaceState), and handles the keys (`/` focuses the box, ArrowDown from the box
 * selects the first result, arrows move, Enter opens). Only the latest query's results are shown.
 * Results are built with DOM APIs and `textContent` only; tool text never becomes markup.
 */
import { openEngine, type Engine, type EngineHit, type SearchFilters } from './engine.js';
import type { Category, Risk } from '../schema/index.js';

/** Element ids the search page renders. */
export const SEARCH_IDS = {
  form: 'search-form',
  input: 'q',
  risk: 'f-risk',
  category: 'f-category',
  server: 'f-server',
  annotation: 'f-annotation',
  flag: 'f-flag',
  results: 'search-results',
  status: 'search-status',
} as const;

/** Results shown at once (their index files are fetched first), and in all. */
const FIRST_SCREEN = 10;
const MAX_RESULTS = 50;

const PARAMS = { q: 'q', risk: 'risk', category: 'category', server: 'server', annotation: 'annotation', flag: 'flag' } as const;

function el<T extends HTMLElement>(id: string): T {
  const e = document.getElementById(id);
  if (!e) throw new Error(`search page is missing #${id}`);
  return e as T;
}

async function fetchJson(path: string): Promise<unknown> {
  const r = await fetch(path);
  if (!r.ok) throw new Error(`index request failed (${r.status})`);
  return r.json();
}

/** Wire up the search page. `indexBase` is the folder of the sharded index (`/search-index/`). */
export function initSearch(indexBase: string): void {
  const form = el<HTMLFormElement>(SEARCH_IDS.form);
  const input = el<HTMLInputElement>(SEARCH_IDS.input);
  const risk = el<HTMLSelectElement>(SEARCH_IDS.risk);
  const category = el<HTMLSelectElement>(SEARCH_IDS.category);
  const server = el<HTMLSelectElement>(SEARCH_IDS.server);
  const annotation = el<HTMLSelectElement>(SEARCH_IDS.annotation);
  const flag = el<HTMLSelectElement>(SEARCH_IDS.flag);
  const list = el<HTMLOListElement>(SEARCH_IDS.results);
  const status = el<HTMLElement>(SEARCH_IDS.status);

  const params = new URLSearchParams(location.search);
  input.value = params.get(PARAMS.q) ?? '';
  const setSelect = (s: HTMLSelectElement, v: string | null): void => {
    if (v && [...s.options].some((o) => o.value === v)) s.value = v;
  };
  setSelect(risk, params.get(PARAMS.risk));
  setSelect(category, params.get(PARAMS.category));
  setSelect(server, params.get(PARAMS.server));
  setSelect(annotation, params.get(PARAMS.annotation));
  setSelect(flag, params.get(PARAMS.flag));

  let engine: Promise<Engine> | undefined;
  const load = (): Promise<Engine> => {
    if (!engine) {
      engine = openEngine(indexBase, fetchJson);
      engine.catch(() => (engine = undefined));
    }
    return engine;
  };
  /** Number of the latest query; results of older ones are dropped. */
  let latest = 0;

  const filters = (): SearchFilters => ({
    risk: risk.value as Risk | '',
    category: category.value as Category | '',
    server: server.value,
    annotation: annotation.value as SearchFilters['annotation'],
    flag: flag.value,
  });

  const syncUrl = (): void => {
    const p = new URLSearchParams();
    if (input.value) p.set(PARAMS.q, input.value);
    if (risk.value) p.set(PARAMS.risk, risk.value);
    if (category.value) p.set(PARAMS.category, category.value);
    if (server.value) p.set(PARAMS.server, server.value);
    if (annotation.value) p.set(PARAMS.annotation, annotation.value);
    if (flag.value) p.set(PARAMS.flag, flag.value);
    const qs = p.toString();
    history.replaceState(null, '', qs ? `${location.pathname}?${qs}` : location.pathname);
  };

  const item = (doc: EngineHit): HTMLLIElement => {
    const li = document.createElement('li');
    li.className = 'result';
    const a = document.createElement('a');
    a.href = doc.url;
    a.className = 'result-link';
    const name = document.createElement('span');
    name.className = 'result-name';
    name.textContent = doc.name;
    a.append(name);
    const meta = document.createElement('span');
    meta.className = 'result-meta';
    const badge = document.createElement('span');
    badge.className = `badge risk-${doc.risk.toLowerCase()}`;
    badge.textContent = doc.risk;
    const cat = document.createElement('span');
    cat.className = 'badge badge-plain';
    cat.textContent = doc.category;
    const srv = document.createElement('span');
    srv.className = 'result-server';
    srv.textContent = doc.serverName;
    meta.append(badge, cat, srv);
    a.append(meta);
    if (doc.description) {
      const d = document.createElement('span');
      d.className = 'result-desc';
      d.textContent = doc.description;
      a.append(d);
    }
    li.append(a);
    return li;
  };

  const say = (shown: number, total: number): void => {
    const cut = shown < total ? ` (showing the first ${shown})` : '';
    status.textContent = `${total.toLocaleString('en-US')} ${total === 1 ? 'tool' : 'tools'} found${cut}.`;
  };

  /**
   * Search with the current box and filters: the first screen of results as soon as its few index
   * files are in, then the rest appended (the ranking is the same, so the first screen stays put and
   * keeps any focus). Resolves false when a newer query superseded it before anything was shown, or
   * when it failed (said in the status; a superseded query's failure is dropped).
   */
  const run = async (): Promise<boolean> => {
    const mine = ++latest;
    list.setAttribute('aria-busy', 'true');
    try {
      const e = await load();
      const q = input.value;
      const f = filters();
      const first = await e.search(q, f, FIRST_SCREEN);
      if (mine !== latest) return false;
      list.replaceChildren(...first.hits.map(item));
      say(first.hits.length, first.total);
      if (first.total > first.hits.length) {
        const all = await e.search(q, f, MAX_RESULTS);
        if (mine !== latest) return true;
        list.append(...all.hits.slice(first.hits.length).map(item));
        say(all.hits.length, all.total);
      }
    } catch (e: unknown) {
      // A superseded query's failure says nothing about the newer one, which is still busy.
      if (mine !== latest) return false;
      status.textContent = `Search is unavailable: ${e instanceof Error ? e.message : String(e)}`;
      list.setAttribute('aria-busy', 'false');
      return false;
    }
    list.setAttribute('aria-busy', 'false');
    return true;
  };

  let timer: number | undefined;
  const update = (): void => {
    // A query still in flight is stale from this moment, not from when the debounce fires.
    ++latest;
    list.setAttribute('aria-busy', 'true');
    syncUrl();
    window.clearTimeout(timer);
    timer = window.setTimeout(() => {
      status.textContent = 'Searching…';
      void run();
    }, 60);
  };

  const links = (): HTMLAnchorElement[] => [...list.querySelectorAll<HTMLAnchorElement>('a.result-link')];

  input.addEventListener('input', update);
  input.addEventListener('focus', () => void load().catch(() => undefined), { once: true });
  for (const s of [risk, category, server, annotation, flag]) s.addEventListener('change', update);

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    window.clearTimeout(timer);
    void run().then((current) => {
      const first = current ? links()[0] : undefined;
      if (first) location.assign(first.href);
    });
  });

  input.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown') {
      const first = links()[0];
      if (first) {
        e.preventDefault();
        first.focus();
      }
    }
  });

  list.addEventListener('keydown', (e) => {
    const all = links();
    const i = all.indexOf(document.activeElement as HTMLAnchorElement);
    if (i < 0) return;
    if (e.key === 'ArrowDown' && i < all.length - 1) {
      e.preventDefault();
      all[i + 1]!.focus();
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      (i === 0 ? input : all[i - 1]!).focus();
    }
  });

  document.addEventListener('keydown', (e) => {
    if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey) return;
    const t = e.target as HTMLElement | null;
    if (t && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName))) return;
    e.preventDefault();
    input.focus();
    input.select();
  });

  if (input.value || risk.value || category.value || server.value || annotation.value || flag.value) update();
}
