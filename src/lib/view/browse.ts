/**
 * Paginated listings (`/tools/`, `/categories/<c>/`, `/risk/<level>/`): page slicing and the
 * `getStaticPaths` entries for `[...page]` routes (page 1 has no segment).
 */

/** Tools per listing page. */
export const PAGE_SIZE = 100;

/** One page of a listing. */
export interface PageSlice<T> {
  /** 1-based page number. */
  page: number;
  pages: number;
  items: T[];
  /** Index of the first item on the page (0-based) within the full list. */
  start: number;
  total: number;
}

/** Split `items` into pages of `size` (at least one page, possibly empty). */
export function paginate<T>(items: readonly T[], size = PAGE_SIZE): PageSlice<T>[] {
  const pages = Math.max(1, Math.ceil(items.length / size));
  return Array.from({ length: pages }, (_, i) => ({
    page: i + 1,
    pages,
    items: items.slice(i * size, (i + 1) * size),
    start: i * size,
    total: items.length,
  }));
}

/** The `[...page]` route parameter for page `n`: undefined for page 1, else `"n"`. */
export function pageParam(n: number): string | undefined {
  return n <= 1 ? undefined : String(n);
}

/**
 * What a column sort covers when a table holds one page of a longer list (the sort runs in the
 * browser over the rows it has): said beside the table. Undefined when the table holds the whole list.
 */
export function pageSortNote(shown: number, total: number): string | undefined {
  if (shown >= total) return undefined;
  return `Sorting by a column orders only the ${shown.toLocaleString('en-US')} ${shown === 1 ? 'tool' : 'tools'} on this page, not all ${total.toLocaleString('en-US')}.`;
}
