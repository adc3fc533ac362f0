/**
 * Which rows of a fixed-row-height list to render. Only the visible rows plus
 * a small overscan exist in the DOM, so 100,000 messages cost as much as 40.
 */

/** Rows rendered above and below the viewport so fast scrolling shows no gaps. */
export const OVERSCAN_ROWS = 8;

export interface VirtualWindow {
  /** First rendered row index (inclusive). */
  readonly start: number;
  /** One past the last rendered row index. */
  readonly end: number;
  /** Pixel offset of the first rendered row. */
  readonly offsetTop: number;
  /** Height of the whole list, so the scrollbar is true to its length. */
  readonly totalHeight: number;
}

export function virtualWindow(rowCount: number, rowHeight: number, scrollTop: number, viewportHeight: number, overscan = OVERSCAN_ROWS): VirtualWindow {
  const count = Math.max(0, Math.floor(rowCount));
  if (count === 0 || !(rowHeight > 0)) return { start: 0, end: 0, offsetTop: 0, totalHeight: 0 };
  const totalHeight = count * rowHeight;
  const top = Math.min(Math.max(0, scrollTop), Math.max(0, totalHeight - viewportHeight));
  const first = Math.floor(top / rowHeight);
  const visible = Math.ceil(Math.max(0, viewportHeight) / rowHeight) + 1;
  const start = Math.max(0, first - overscan);
  const end = Math.min(count, first + visible + overscan);
  return { start, end, offsetTop: start * rowHeight, totalHeight };
}

/** The scrollTop that brings `index` into view, or the current one when it already is. */
export function scrollToRow(index: number, rowHeight: number, scrollTop: number, viewportHeight: number): number {
  const rowTop = index * rowHeight;
  if (rowTop < scrollTop) return rowTop;
  const rowBottom = rowTop + rowHeight;
  if (rowBottom > scrollTop + viewportHeight) return rowBottom - viewportHeight;
  return scrollTop;
}
