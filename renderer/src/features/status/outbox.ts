import { useLiveQuery } from 'dexie-react-hooks';
import type { DeliveryState } from '../../../../core/api/contract.js';
import type { TegamiIndex } from '../../data/db.js';

/** Deliveries the user has to look at: refused by the server, or cut off after DATA (RFC 5321 §4.1.1.4 reply never seen). */
const NEEDS_ATTENTION: ReadonlySet<DeliveryState> = new Set(['failed', 'may-have-been-sent']);

/** What one account's Outbox holds, as the status line shows it. */
export interface OutboxTally {
  /** Queued or being sent right now: they go without the user doing anything. */
  readonly waiting: number;
  /** Failed or may have been sent: they stay until the user resends or discards them. */
  readonly undelivered: number;
  /** Why the waiting message tried last is not sent yet ("Not sent yet: …"), or null when none was refused. */
  readonly reason: string | null;
  /** When that attempt was, ISO 8601; orders the reasons. */
  readonly reasonAt: string | null;
}

export const EMPTY_OUTBOX: OutboxTally = { waiting: 0, undelivered: 0, reason: null, reasonAt: null };

/**
 * Per account, what its Outbox holds; accounts with an empty Outbox are absent. A message
 * without a delivery status is counted as waiting: it is in the Outbox, so it was not sent.
 */
export async function outboxTallies(db: TegamiIndex): Promise<ReadonlyMap<string, OutboxTally>> {
  const outboxes = await db.folders.filter((f) => f.role === 'outbox').primaryKeys();
  const tallies = new Map<string, OutboxTally>();
  if (outboxes.length === 0) return tallies;
  // The Outbox holds a handful of messages, so reading them whole is cheap.
  const messages = await db.messages.where('folderId').anyOf(outboxes).toArray();
  for (const m of messages) {
    const tally = tallies.get(m.accountId) ?? EMPTY_OUTBOX;
    const delivery = m.delivery;
    if (delivery !== null && NEEDS_ATTENTION.has(delivery.state)) {
      tallies.set(m.accountId, { ...tally, undelivered: tally.undelivered + 1 });
      continue;
    }
    const newer = delivery?.reason != null && (tally.reasonAt === null || (delivery.lastAttemptAt ?? '') > tally.reasonAt);
    tallies.set(m.accountId, {
      ...tally,
      waiting: tally.waiting + 1,
      ...(newer ? { reason: delivery.reason, reasonAt: delivery.lastAttemptAt ?? '' } : {}),
    });
  }
  return tallies;
}

const NONE: ReadonlyMap<string, OutboxTally> = new Map();

/** outboxTallies, following the index as messages are queued, sent and refused. */
export function useOutboxTallies(db: TegamiIndex): ReadonlyMap<string, OutboxTally> {
  return useLiveQuery(() => outboxTallies(db), [db], NONE);
}
