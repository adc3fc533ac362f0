import { useLiveQuery } from 'dexie-react-hooks';
import type { DeliveryState } from '../../../../core/api/contract.js';
import type { TegamiIndex } from '../../data/db.js';

/** Deliveries the user has to look at: refused by the server, or cut off after DATA (RFC 5321 §4.1.1.4 reply never seen). */
const NEEDS_ATTENTION: ReadonlySet<DeliveryState> = new Set(['failed', 'may-have-been-sent']);

/** Outbox messages whose delivery failed or may have been sent, over all accounts. */
export async function outboxFailures(db: TegamiIndex): Promise<number> {
  const outboxes = await db.folders.filter((f) => f.role === 'outbox').primaryKeys();
  if (outboxes.length === 0) return 0;
  return db.messages
    .where('folderId')
    .anyOf(outboxes)
    .filter((m) => m.delivery !== null && NEEDS_ATTENTION.has(m.delivery.state))
    .count();
}

export function useOutboxFailures(db: TegamiIndex): number {
  return useLiveQuery(() => outboxFailures(db), [db], 0);
}
