/**
 * Where a table (or a key/value list) breaks across pages, decided from the measured row heights before
 * anything is drawn. The rules a typesetter keeps: rows stay whole; no page holds fewer than two rows of the
 * table (a table of three rows or fewer is not split at all), so no row stands alone under a repeated header
 * or at the foot of a page; the last rows keep what closes the table (its caption) on their page.
 */

export interface BreakSpace {
  /** Room left on the current page. */
  room: number;
  /** Room on a fresh page. */
  page: number;
  /** Height drawn above the rows on every page (the header row, repeated). */
  head: number;
  /** Height that must follow the last row on its page (the caption). */
  tail: number;
  /** The current page is empty: moving to the next one gains nothing. */
  atTop: boolean;
}

export interface BreakPlan {
  /** Start the table on a new page (too little of it fits on the current one). */
  newPage: boolean;
  /** Row indexes per page, in order; `parts[0]` goes on the page the table starts on. */
  parts: number[][];
}

/** Rows that must stay together at either side of a break. */
export const keepRows = (n: number): number => (n <= 3 ? n : 2);

/** The height a table needs where it starts: its head and the rows that may not be separated from it. */
export function leadHeight(heights: number[], head: number, tail: number): number {
  const k = keepRows(heights.length);
  return head + heights.slice(0, k).reduce((s, h) => s + h, 0) + (k === heights.length ? tail : 0);
}

/** How many rows from `from` fit into `space`, the tail counted with the last row. */
function fitting(heights: number[], from: number, space: number, tail: number): number {
  let used = 0;
  let m = 0;
  while (from + m < heights.length) {
    const h = heights[from + m]! + (from + m === heights.length - 1 ? tail : 0);
    if (used + h > space + 1e-6) break;
    used += heights[from + m]!;
    m++;
  }
  return m;
}

export function planBreaks(heights: number[], s: BreakSpace): BreakPlan {
  const n = heights.length;
  const k = keepRows(n);
  let newPage = !s.atTop && s.head + (n === 0 ? s.tail : 0) > s.room;
  const parts: number[][] = [];
  let from = 0;
  while (from < n) {
    const fresh = parts.length > 0 || newPage || s.atTop;
    const room = parts.length > 0 || newPage ? s.page : s.room;
    const fits = fitting(heights, from, room - s.head, s.tail);
    let m = fits;
    // Leave at least k rows for the next page, and put at least k on this one.
    if (m < n - from && n - from - m < k) m = n - from - k;
    if (m < k && m < n - from) {
      if (!fresh) {
        newPage = true;
        continue;
      }
      // Rows too tall for the rule even on an empty page: take what fits, at least one row so the table ends.
      m = Math.max(1, fits);
    }
    parts.push(Array.from({ length: m }, (_, i) => from + i));
    from += m;
  }
  return { newPage, parts: parts.length ? parts : [[]] };
}
