/** Which rows of a long list are on screen, and which window of rows to ask the server for. */

export interface RowRange {
  /** First row, from 0. */
  first: number;
  /** One past the last row. */
  end: number;
}

/** Rows [first, end) at least partly inside a viewport scrolled `scrollTop` px, of `height` px, with rows of `rowHeight` px. */
export function visibleRows(scrollTop: number, height: number, rowHeight: number, total: number): RowRange {
  const first = Math.min(total, Math.max(0, Math.floor(scrollTop / rowHeight)));
  const end = Math.min(total, Math.ceil((Math.max(0, scrollTop) + height) / rowHeight));
  return { first, end: Math.max(first, end) };
}

/**
 * The window to fetch so the visible rows are covered with `margin` rows either side: null
 * when the loaded window [loadedOffset, loadedOffset + loadedCount) already covers them
 * (with `total` rows there is nothing past the end to load).
 */
export function windowToFetch(visible: RowRange, loadedOffset: number, loadedCount: number, total: number, margin: number): { offset: number; limit: number } | null {
  const loadedEnd = loadedOffset + loadedCount;
  const covered = visible.first >= loadedOffset && (visible.end <= loadedEnd || loadedEnd >= total);
  if (covered) return null;
  const offset = Math.max(0, visible.first - margin);
  return { offset, limit: visible.end - visible.first + 2 * margin };
}
