import { describe, expect, it } from 'vitest';
import { treeKey, type VisibleItem } from '../../../../renderer/src/features/folder-tree/tree-keys.js';

const items: VisibleItem[] = [
  { id: 'unified', parentId: null, expandable: false, expanded: false },
  { id: 'acct', parentId: null, expandable: true, expanded: true },
  { id: 'inbox', parentId: 'acct', expandable: false, expanded: false },
  { id: 'work', parentId: 'acct', expandable: true, expanded: false },
];

describe('folder tree keys', () => {
  it('moves up and down through visible items and stops at the ends', () => {
    expect(treeKey(items, 'unified', 'ArrowDown')).toEqual({ kind: 'focus', id: 'acct' });
    expect(treeKey(items, 'acct', 'ArrowUp')).toEqual({ kind: 'focus', id: 'unified' });
    expect(treeKey(items, 'unified', 'ArrowUp')).toEqual({ kind: 'none' });
    expect(treeKey(items, 'work', 'ArrowDown')).toEqual({ kind: 'none' });
    expect(treeKey(items, 'inbox', 'Home')).toEqual({ kind: 'focus', id: 'unified' });
    expect(treeKey(items, 'inbox', 'End')).toEqual({ kind: 'focus', id: 'work' });
  });

  it('Right expands a closed item and enters an open one; Left collapses or goes to the parent', () => {
    expect(treeKey(items, 'work', 'ArrowRight')).toEqual({ kind: 'expand', id: 'work' });
    expect(treeKey(items, 'acct', 'ArrowRight')).toEqual({ kind: 'focus', id: 'inbox' });
    expect(treeKey(items, 'acct', 'ArrowLeft')).toEqual({ kind: 'collapse', id: 'acct' });
    expect(treeKey(items, 'inbox', 'ArrowLeft')).toEqual({ kind: 'focus', id: 'acct' });
    expect(treeKey(items, 'inbox', 'ArrowRight')).toEqual({ kind: 'none' });
  });

  it('Enter and Space select; an unknown focus goes to the first item', () => {
    expect(treeKey(items, 'inbox', 'Enter')).toEqual({ kind: 'select', id: 'inbox' });
    expect(treeKey(items, 'inbox', ' ')).toEqual({ kind: 'select', id: 'inbox' });
    expect(treeKey(items, 'gone', 'ArrowDown')).toEqual({ kind: 'focus', id: 'unified' });
    expect(treeKey([], 'gone', 'ArrowDown')).toEqual({ kind: 'none' });
  });
});
