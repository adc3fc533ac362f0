/**
 * Keyboard behaviour of the folder tree, per the WAI-ARIA tree view pattern: Up/Down move
 * between visible items, Right expands a closed item or enters an open one, Left collapses an
 * open item or goes to its parent, Home/End jump to the ends, Enter/Space select. Pure: the
 * component gives the visible items in order and applies the result.
 */

export interface VisibleItem {
  readonly id: string;
  readonly parentId: string | null;
  readonly expandable: boolean;
  readonly expanded: boolean;
}

export type TreeKeyResult =
  | { readonly kind: 'focus'; readonly id: string }
  | { readonly kind: 'expand'; readonly id: string }
  | { readonly kind: 'collapse'; readonly id: string }
  | { readonly kind: 'select'; readonly id: string }
  | { readonly kind: 'none' };

const NONE: TreeKeyResult = { kind: 'none' };

export function treeKey(items: readonly VisibleItem[], focusedId: string, key: string): TreeKeyResult {
  const index = items.findIndex((item) => item.id === focusedId);
  const item = items[index];
  if (item === undefined) return items[0] === undefined ? NONE : { kind: 'focus', id: items[0].id };
  switch (key) {
    case 'ArrowDown': {
      const next = items[index + 1];
      return next === undefined ? NONE : { kind: 'focus', id: next.id };
    }
    case 'ArrowUp': {
      const previous = items[index - 1];
      return previous === undefined ? NONE : { kind: 'focus', id: previous.id };
    }
    case 'ArrowRight': {
      if (!item.expandable) return NONE;
      if (!item.expanded) return { kind: 'expand', id: item.id };
      const child = items[index + 1];
      return child !== undefined && child.parentId === item.id ? { kind: 'focus', id: child.id } : NONE;
    }
    case 'ArrowLeft':
      if (item.expandable && item.expanded) return { kind: 'collapse', id: item.id };
      return item.parentId === null ? NONE : { kind: 'focus', id: item.parentId };
    case 'Home':
      return { kind: 'focus', id: items[0]!.id };
    case 'End':
      return { kind: 'focus', id: items[items.length - 1]!.id };
    case 'Enter':
    case ' ':
      return { kind: 'select', id: item.id };
    default:
      return NONE;
  }
}
