import { liveQuery } from 'dexie';
import type { FlagChange, TegamiApi } from '../../../core/api/contract.js';
import type { IndexedMessage, TegamiIndex } from '../data/db.js';
import type { Translate } from '../i18n/catalogs.js';
import { errorText } from './errors.js';
import { applyFlagChange, shownFlags, withFlags, withLeaving, withoutFlags, type PendingChanges } from './pending.js';

/** How long an optimistic change waits for the index to show the service's answer before it is dropped anyway. */
export const INDEX_CATCH_UP_MS = 10_000;

export const SEEN = '\\Seen';
export const FLAGGED = '\\Flagged';

export interface MessageOpsDeps {
  readonly api: TegamiApi;
  readonly db: TegamiIndex;
  readonly t: Translate;
  readonly pending: () => PendingChanges;
  readonly updatePending: (update: (pending: PendingChanges) => PendingChanges) => void;
  readonly notice: (text: string | null) => void;
}

/**
 * Resolves when the index's copy of `ids` satisfies `done` (the service's change arrived), or
 * after INDEX_CATCH_UP_MS: the overlay must not outlive a change the journal never reports.
 */
function whenIndexed(db: TegamiIndex, ids: readonly string[], done: (messages: readonly (IndexedMessage | undefined)[]) => boolean): Promise<void> {
  return new Promise((resolve) => {
    let finished = false;
    const finish = (): void => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      subscription.unsubscribe();
      resolve();
    };
    const timer = setTimeout(finish, INDEX_CATCH_UP_MS);
    const subscription = liveQuery(() => db.messages.bulkGet([...ids])).subscribe({
      next: (messages) => {
        if (done(messages)) queueMicrotask(finish);
      },
      error: () => queueMicrotask(finish),
    });
  });
}

/**
 * Flag, move and delete with optimistic UI: the list shows the change at once (./pending.ts),
 * the service does it, and the overlay goes when the index reports the result; a failure
 * restores what was shown and says why in the status bar.
 */
export function messageOps(deps: MessageOpsDeps) {
  const { api, db, t } = deps;

  async function currentFlags(ids: readonly string[]): Promise<Map<string, readonly string[]>> {
    const stored = await db.messages.bulkGet([...ids]);
    const pending = deps.pending();
    const flags = new Map<string, readonly string[]>();
    stored.forEach((message, i) => {
      const id = ids[i]!;
      if (message !== undefined) flags.set(id, shownFlags(pending, id, message.flags));
    });
    return flags;
  }

  async function setFlags(ids: readonly string[], change: FlagChange): Promise<void> {
    if (ids.length === 0) return;
    const before = await currentFlags(ids);
    const after = new Map([...before].map(([id, flags]) => [id, applyFlagChange(flags, change)] as const));
    deps.updatePending((p) => withFlags(p, after));
    deps.notice(null);
    try {
      await api.setFlags(ids, change);
      await whenIndexed(db, ids, (messages) => messages.every((m) => m === undefined || sameFlags(m.flags, after.get(m.id) ?? m.flags)));
    } catch (error) {
      deps.notice(t('shell.error.flags', { message: errorText(error, t) }));
    } finally {
      deps.updatePending((p) => withoutFlags(p, after.keys()));
    }
  }

  /** True when the service moved/deleted them; false when it refused (and the notice says why). */
  async function leave(ids: readonly string[], run: () => Promise<void>, errorKey: 'shell.error.move' | 'shell.error.delete'): Promise<boolean> {
    if (ids.length === 0) return false;
    deps.updatePending((p) => withLeaving(p, ids, true));
    deps.notice(null);
    try {
      await run();
      await whenIndexed(db, ids, (messages) => messages.every((m) => m === undefined));
      return true;
    } catch (error) {
      deps.notice(t(errorKey, { message: errorText(error, t) }));
      return false;
    } finally {
      deps.updatePending((p) => withLeaving(p, ids, false));
    }
  }

  return {
    setFlags,
    /** m: when any of them is unread, all become read; otherwise all become unread. */
    async toggleRead(ids: readonly string[]): Promise<void> {
      const flags = await currentFlags(ids);
      const anyUnread = [...flags.values()].some((f) => !f.includes(SEEN));
      await setFlags(ids, anyUnread ? { add: [SEEN], remove: [] } : { add: [], remove: [SEEN] });
    },
    /** s: when all are starred the star goes; otherwise all get it. */
    async toggleFlag(ids: readonly string[]): Promise<void> {
      const flags = await currentFlags(ids);
      const allStarred = flags.size > 0 && [...flags.values()].every((f) => f.includes(FLAGGED));
      await setFlags(ids, allStarred ? { add: [], remove: [FLAGGED] } : { add: [FLAGGED], remove: [] });
    },
    move: (ids: readonly string[], folderId: string) => leave(ids, () => api.moveMessages(ids, folderId), 'shell.error.move'),
    remove: (ids: readonly string[]) => leave(ids, () => api.deleteMessages(ids, false), 'shell.error.delete'),
  };
}

function sameFlags(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((flag) => b.includes(flag));
}

export type MessageOps = ReturnType<typeof messageOps>;
