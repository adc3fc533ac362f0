/**
 * Following a queued message: sendMessage answers with its Outbox id; the Outbox summary's
 * `delivery` says queued/sending/failed, and on success the message leaves the Outbox for Sent
 * (a row with the same Message-ID and no `delivery`).
 */
import type { DeliveryState, MessageSummary } from '../../../../core/api/contract.js';

export type ComposerDelivery =
  | { readonly state: DeliveryState; readonly reason: string | null }
  | { readonly state: 'sent'; readonly reason: null };

/** Both spellings a Message-ID may be stored with. */
export function messageIdForms(messageId: string): string[] {
  const bare = messageId.trim().replace(/^<|>$/g, '');
  return [bare, `<${bare}>`];
}

/**
 * The delivery state from the index rows that carry the message's Message-ID. `seenInOutbox`
 * tells whether the Outbox row was seen before: once seen, its disappearance means it was sent.
 */
export function deliveryOf(queuedId: string, rows: readonly MessageSummary[], seenInOutbox: boolean): ComposerDelivery {
  const outbox = rows.find((r) => r.id === queuedId);
  if (outbox !== undefined && outbox.delivery !== null) return { state: outbox.delivery.state, reason: outbox.delivery.reason };
  if (rows.some((r) => r.id !== queuedId && r.delivery === null)) return { state: 'sent', reason: null };
  if (outbox === undefined && seenInOutbox) return { state: 'sent', reason: null };
  return { state: 'queued', reason: null };
}
