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

/** Copy `text` to the clipboard (Clipboard API, else a hidden textarea). */
export function copyText(text: string): Promise<void> {
  if (navigator.clipboard?.writeText) return navigator.clipboard.writeText(text);
  return new Promise((resolve, reject) => {
    const ta = h('textarea', { readonly: true, style: 'position:fixed;opacity:0' });
    ta.value = text;
    document.body.append(ta);
    ta.select();
    const ok = document.execCommand('copy');
    ta.remove();
    if (ok) resolve();
    else reject(new Error('copy failed'));
  });
}

/** Offer `text` as a file download named `filename`. */
export function downloadText(text: string, filename: string, mediaType: string): void {
  const a = h('a', { download: filename, hidden: true });
  a.href = URL.createObjectURL(new Blob([text], { type: mediaType }));
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

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
