import type { ListSort } from '../../data/queries.js';

/**
 * Clicking a column header: the same column flips its direction; another column starts in the
 * direction people expect of it (newest and largest first, names and subjects A→Z).
 */
export function nextSort(current: { readonly sort: ListSort; readonly descending: boolean }, clicked: ListSort): { sort: ListSort; descending: boolean } {
  if (current.sort === clicked) return { sort: clicked, descending: !current.descending };
  return { sort: clicked, descending: clicked === 'date' || clicked === 'size' };
}

export function ariaSort(current: { readonly sort: ListSort; readonly descending: boolean }, column: ListSort): 'ascending' | 'descending' | 'none' {
  if (current.sort !== column) return 'none';
  return current.descending ? 'descending' : 'ascending';
}
