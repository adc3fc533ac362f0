import type { FlagChange } from '../../../core/api/contract.js';

/**
 * Optimistic changes the window shows before the service confirms them: new flags per message,
 * and messages on their way out of the list (moved or deleted: shown struck through until the
 * index drops them). The index itself stays a pure copy of the service; this overlay is
 * dropped per message when the request settles (and the index caught up) or fails.
 */
export interface PendingChanges {
  readonly flags: ReadonlyMap<string, readonly string[]>;
  readonly leaving: ReadonlySet<string>;
}

export const NO_PENDING: PendingChanges = { flags: new Map(), leaving: new Set() };

export function applyFlagChange(flags: readonly string[], change: FlagChange): string[] {
  const next = flags.filter((flag) => !change.remove.includes(flag));
  for (const flag of change.add) if (!next.includes(flag)) next.push(flag);
  return next;
}

export function withFlags(pending: PendingChanges, updates: ReadonlyMap<string, readonly string[]>): PendingChanges {
  const flags = new Map(pending.flags);
  for (const [id, value] of updates) flags.set(id, value);
  return { ...pending, flags };
}

export function withoutFlags(pending: PendingChanges, ids: Iterable<string>): PendingChanges {
  const flags = new Map(pending.flags);
  for (const id of ids) flags.delete(id);
  return { ...pending, flags };
}

export function withLeaving(pending: PendingChanges, ids: Iterable<string>, leaving: boolean): PendingChanges {
  const next = new Set(pending.leaving);
  for (const id of ids) {
    if (leaving) next.add(id);
    else next.delete(id);
  }
  return { ...pending, leaving: next };
}

/** The flags a message shows: the pending ones when there are any. */
export function shownFlags(pending: PendingChanges, id: string, stored: readonly string[]): readonly string[] {
  return pending.flags.get(id) ?? stored;
}
