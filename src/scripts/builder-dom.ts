/**
 * DOM helpers of the policy builder's client: element creation with text only (tool and server
 * names never become markup), copy to clipboard and file download.
 */

/** Attributes `h` sets (`false`/`undefined` leave one out). */
export type Attrs = Record<string, string | number | boolean | undefined>;

/** A new element with attributes and children; strings become text nodes. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    if (k === 'text') e.textContent = String(v);
    else e.setAttribute(k, v === true ? '' : String(v));
  }
  e.append(...children);
  return e;
}

/** The element with id `id`, or an error naming it. */
export function byId<T extends HTMLElement>(id: string): T {
  const e = document.getElementById(id);
  if (!e) throw new Error(`policy builder: the page is missing #${id}`);
  return e as T;
}

/** A risk badge as the site draws it (the word always shown). */
export function riskBadge(risk: string): HTMLSpanElement {
  return h('span', { class: `badge risk-${risk.toLowerCase()}`, text: risk });
}

/** Visually hidden text for screen readers. */
export function srOnly(text: string): HTMLSpanElement {
  return h('span', { class: 'visually-hidden', text });
}

export { copyText, downloadText } from './clipboard.js';

/** Stable element ids for keys (server ids, slugs) that may hold any character. */
export class KeyIds {
  private readonly ids = new Map<string, string>();
  constructor(private readonly prefix: string) {}
  /** The id for `key` (the same key always gets the same id). */
  id(key: string): string {
    let id = this.ids.get(key);
    if (!id) {
      id = `${this.prefix}-${this.ids.size}`;
      this.ids.set(key, id);
    }
    return id;
  }
}
