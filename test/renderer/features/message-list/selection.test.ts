import { describe, expect, it } from 'vitest';
import { EMPTY_SELECTION, moveFocus, pruneSelection, rangeToFetch, reconcile, select, singleSelected, type Selection } from '../../../../renderer/src/features/message-list/selection.js';

const ids = (selection: Selection): string[] => [...selection.ids].sort();
const plain = { shift: false, toggle: false };
const shift = { shift: true, toggle: false };
const ctrl = { shift: false, toggle: true };
const ctrlShift = { shift: true, toggle: true };
const rowIds = (from: number, to: number): string[] => Array.from({ length: to - from + 1 }, (_, i) => `m${from + i}`);

describe('message list selection', () => {
  it('a plain click selects exactly one row and anchors there', () => {
    const one = select(EMPTY_SELECTION, 3, 'm3', plain);
    expect(ids(one)).toEqual(['m3']);
    expect(one.anchor).toBe(3);
    const other = select(one, 5, 'm5', plain);
    expect(ids(other)).toEqual(['m5']);
    expect(singleSelected(other)).toBe('m5');
  });

  it('ctrl/cmd+click toggles rows in and out without touching the others', () => {
    let s = select(EMPTY_SELECTION, 1, 'm1', plain);
    s = select(s, 4, 'm4', ctrl);
    s = select(s, 6, 'm6', ctrl);
    expect(ids(s)).toEqual(['m1', 'm4', 'm6']);
    s = select(s, 4, 'm4', ctrl);
    expect(ids(s)).toEqual(['m1', 'm6']);
    expect(s.anchor).toBe(4);
    expect(singleSelected(s)).toBeNull();
  });

  it('shift+click selects anchor..row in either direction and replaces the rest', () => {
    let s = select(EMPTY_SELECTION, 10, 'm10', plain);
    s = select(s, 12, 'm12', ctrl);
    const down = rangeToFetch(s, 15, shift);
    expect(down).toEqual({ from: 12, to: 15 });
    s = select(s, 15, 'm15', shift, rowIds(12, 15));
    expect(ids(s)).toEqual(['m12', 'm13', 'm14', 'm15']);
    expect(s.anchor).toBe(12);
    // Shift again from the same anchor, upwards: the range replaces the previous one.
    expect(rangeToFetch(s, 9, shift)).toEqual({ from: 9, to: 12 });
    s = select(s, 9, 'm9', shift, rowIds(9, 12));
    expect(ids(s)).toEqual(['m10', 'm11', 'm12', 'm9']);
  });

  it('ctrl+shift+click adds a range to the selection', () => {
    let s = select(EMPTY_SELECTION, 0, 'm0', plain);
    s = select(s, 5, 'm5', ctrl);
    s = select(s, 7, 'm7', ctrlShift, rowIds(5, 7));
    expect(ids(s)).toEqual(['m0', 'm5', 'm6', 'm7']);
  });

  it('shift without an anchor, or without the range ids, is a plain click', () => {
    expect(rangeToFetch(EMPTY_SELECTION, 4, shift)).toBeNull();
    expect(ids(select(EMPTY_SELECTION, 4, 'm4', shift))).toEqual(['m4']);
  });

  it('keyboard moves clamp to the list and start at the ends when nothing is focused', () => {
    expect(moveFocus(EMPTY_SELECTION, 1, 100)).toBe(0);
    expect(moveFocus(EMPTY_SELECTION, -1, 100)).toBe(99);
    const s = select(EMPTY_SELECTION, 99, 'm99', plain);
    expect(moveFocus(s, 1, 100)).toBe(99);
    expect(moveFocus(s, -10, 100)).toBe(89);
    expect(moveFocus(s, 1, 0)).toBeNull();
  });

  it('prunes ids that disappeared and keeps the same object when nothing did', () => {
    const s = select(select(EMPTY_SELECTION, 1, 'm1', plain), 2, 'm2', ctrl);
    expect(pruneSelection(s, () => true)).toBe(s);
    expect(ids(pruneSelection(s, (id) => id !== 'm1'))).toEqual(['m2']);
  });
});

describe('selection in a live list', () => {
  it('finds the anchor and focus again when rows above them came or went', () => {
    const s = select(select(EMPTY_SELECTION, 2, 'm2', { shift: false, toggle: false }), 3, 'm3', { shift: false, toggle: true });
    // A new message arrived on top: every row moved down by one.
    const rows = ['new', 'm0', 'm1', 'm2', 'm3'];
    const moved = reconcile(s, (i) => rows[i], (id) => (rows.includes(id) ? rows.indexOf(id) : undefined));
    expect(moved.anchor).toBe(4);
    expect(moved.focus).toBe(4);
    expect(rangeToFetch(moved, 5, { shift: true, toggle: false })).toEqual({ from: 4, to: 5 });
    // Nothing moved: the same object comes back.
    const same = ['m0', 'm1', 'm2', 'm3'];
    expect(reconcile(s, (i) => same[i], (id) => same.indexOf(id))).toBe(s);
  });
});
