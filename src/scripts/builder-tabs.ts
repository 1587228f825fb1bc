/**
 * The builder's export-format tabs: one tab list (`#b-tabs`, buttons with `data-format`) over one
 * panel (`#b-panel`) whose content follows the chosen format. Arrow keys, Home and End move
 * between tabs (roving tabindex), as in the site's policy blocks.
 */
import { byId } from './builder-dom.js';

/** Control of the tabs. */
export interface Tabs {
  /** Show `format` as chosen (does not call `onChange`). */
  select(format: string): void;
}

/** Wire up the tabs; `onChange` gets the chosen format id when the user picks a tab. */
export function initTabs<F extends string>(formats: readonly F[], onChange: (format: F) => void): Tabs {
  const list = byId<HTMLElement>('b-tabs');
  const panel = byId<HTMLElement>('b-panel');
  const tabs = [...list.querySelectorAll<HTMLButtonElement>('[role="tab"]')];
  const formatOf = (t: HTMLButtonElement): F | undefined => formats.find((f) => f === t.dataset.format);
  const select = (format: string, focus = false): void => {
    for (const t of tabs) {
      const on = t.dataset.format === format;
      t.setAttribute('aria-selected', on ? 'true' : 'false');
      t.tabIndex = on ? 0 : -1;
      if (on) {
        panel.setAttribute('aria-labelledby', t.id);
        if (focus) t.focus();
      }
    }
  };
  const choose = (i: number): void => {
    const t = tabs[(i + tabs.length) % tabs.length];
    const f = t && formatOf(t);
    if (!t || !f) return;
    select(f, true);
    onChange(f);
  };
  tabs.forEach((t, i) => {
    t.addEventListener('click', () => choose(i));
    t.addEventListener('keydown', (e) => {
      const to = e.key === 'ArrowRight' ? i + 1 : e.key === 'ArrowLeft' ? i - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? tabs.length - 1 : undefined;
      if (to === undefined) return;
      e.preventDefault();
      choose(to);
    });
  });
  return { select: (format) => select(format) };
}
