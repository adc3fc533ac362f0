/**
 * Multi-selection in the message list, by row index and message id. Pure, so the rules are
 * tested without a DOM:
 * - a plain click selects one row and makes it the anchor;
 * - Ctrl (⌘ on macOS) + click toggles one row and moves the anchor there;
 * - Shift + click selects the range anchor…row (Ctrl+Shift adds it to what is selected);
 * - the keyboard moves the focus the same way (Shift extends from the anchor).
 * The list is virtual, so the ids of a range are fetched by the caller (`rangeIds`).
 */

export interface Selection {
  readonly ids: ReadonlySet<string>;
  /** Where a Shift range starts. */
  readonly anchor: number | null;
  /** The row keyboard moves start from (the last one clicked or moved to). */
  readonly focus: number | null;
  /** The messages at anchor and focus: the list is live, so their rows can move (see `reconcile`). */
  readonly anchorId?: string | null;
  readonly focusId?: string | null;
}

export const EMPTY_SELECTION: Selection = { ids: new Set(), anchor: null, focus: null };

/**
 * Puts anchor and focus back on their messages after the list changed under them (new mail
 * above, a message moved away): `indexOf` finds a message's current row among the loaded ones.
 */
export function reconcile(selection: Selection, idAt: (index: number) => string | undefined, indexOf: (id: string) => number | undefined): Selection {
  const fix = (index: number | null, id: string | null | undefined): number | null => {
    if (index === null || id === null || id === undefined || idAt(index) === id) return index;
    return indexOf(id) ?? index;
  };
  const anchor = fix(selection.anchor, selection.anchorId);
  const focus = fix(selection.focus, selection.focusId);
  return anchor === selection.anchor && focus === selection.focus ? selection : { ...selection, anchor, focus };
}

export interface SelectModifiers {
  readonly shift: boolean;
  /** Ctrl on Windows/Linux, ⌘ on macOS. */
  readonly toggle: boolean;
}

/** The inclusive index range a Shift selection to `index` covers, or null when none is needed. */
export function rangeToFetch(selection: Selection, index: number, modifiers: SelectModifiers): { readonly from: number; readonly to: number } | null {
  if (!modifiers.shift || selection.anchor === null) return null;
  return { from: Math.min(selection.anchor, index), to: Math.max(selection.anchor, index) };
}

/**
 * The selection after clicking (or moving to) row `index` whose message is `id`. For a Shift
 * selection `rangeIds` are the ids of rangeToFetch's rows; without them it falls back to a
 * plain selection of the row.
 */
export function select(selection: Selection, index: number, id: string, modifiers: SelectModifiers, rangeIds?: readonly string[]): Selection {
  if (modifiers.shift && selection.anchor !== null && rangeIds !== undefined) {
    const ids = new Set(modifiers.toggle ? selection.ids : []);
    for (const rangeId of rangeIds) ids.add(rangeId);
    ids.add(id);
    return { ids, anchor: selection.anchor, focus: index, anchorId: selection.anchorId ?? null, focusId: id };
  }
  if (modifiers.toggle) {
    const ids = new Set(selection.ids);
    if (ids.has(id)) ids.delete(id);
    else ids.add(id);
    return { ids, anchor: index, focus: index, anchorId: id, focusId: id };
  }
  return { ids: new Set([id]), anchor: index, focus: index, anchorId: id, focusId: id };
}

/** The row a keyboard move lands on: clamped to the list, starting from the focus (or the top). */
export function moveFocus(selection: Selection, delta: number, rowCount: number): number | null {
  if (rowCount <= 0) return null;
  const from = selection.focus ?? (delta > 0 ? -1 : rowCount);
  return Math.min(rowCount - 1, Math.max(0, from + delta));
}

/** Drops ids that no longer exist (moved away, deleted); keeps anchor/focus when their row still does. */
export function pruneSelection(selection: Selection, exists: (id: string) => boolean): Selection {
  const ids = new Set([...selection.ids].filter(exists));
  return ids.size === selection.ids.size ? selection : { ...selection, ids };
}

/** What a single-message action (reply, open) acts on: exactly one selected message, else null. */
export function singleSelected(selection: Selection): string | null {
  if (selection.ids.size !== 1) return null;
  const [id] = selection.ids;
  return id ?? null;
}
