/**
 * Address-book suggestions derived from every address seen in message
 * summaries. Ranked by how often an address appears, then by how recently,
 * so the composer can offer the people the user actually corresponds with.
 */
import type { MailAddress, MessageSummary } from '../../../core/api/contract.js';
import { tokenize } from './search-tokens.js';

export interface Contact {
  /** Lower-cased address: the identity of a contact. */
  readonly address: string;
  /** The most recently seen non-empty display name. */
  readonly name: string;
  readonly uses: number;
  /** Latest receivedAt of a message naming this address (ISO 8601). */
  readonly lastSeen: string;
}

/** Accumulates contacts from summaries; add() is idempotent per message id. */
export class ContactBook {
  readonly #contacts = new Map<string, { name: string; uses: number; lastSeen: string }>();
  readonly #seenMessages = new Set<string>();

  add(message: MessageSummary): void {
    if (this.#seenMessages.has(message.id)) return;
    this.#seenMessages.add(message.id);
    const people: readonly MailAddress[] = [...message.from, ...message.to, ...message.cc];
    for (const person of people) {
      const key = person.address.trim().toLowerCase();
      if (key === '' || !key.includes('@')) continue;
      const known = this.#contacts.get(key);
      if (known === undefined) {
        this.#contacts.set(key, { name: person.name, uses: 1, lastSeen: message.receivedAt });
        continue;
      }
      known.uses += 1;
      if (message.receivedAt >= known.lastSeen) {
        known.lastSeen = message.receivedAt;
        if (person.name !== '') known.name = person.name;
      } else if (known.name === '') {
        known.name = person.name;
      }
    }
  }

  /** Contacts whose name or address matches `prefix` (all when empty), best first. */
  suggest(prefix: string, limit = 10): Contact[] {
    const wanted = tokenize(prefix);
    const raw = prefix.trim().toLowerCase();
    const matches: Contact[] = [];
    for (const [address, entry] of this.#contacts) {
      if (raw !== '' && !address.startsWith(raw)) {
        const have = tokenize(`${entry.name} ${address}`);
        // Each query token must start some token of the contact ("ali" finds "Alice").
        if (wanted.length === 0 || !wanted.every((w) => have.some((h) => h.startsWith(w)))) continue;
      }
      matches.push({ address, name: entry.name, uses: entry.uses, lastSeen: entry.lastSeen });
    }
    matches.sort((a, b) => b.uses - a.uses || (b.lastSeen > a.lastSeen ? 1 : b.lastSeen < a.lastSeen ? -1 : 0) || a.address.localeCompare(b.address));
    return matches.slice(0, Math.max(0, limit));
  }
}

/** The word-index tokens of a summary: subject, people and snippet. */
export function summaryTokens(message: MessageSummary): string[] {
  const people = [...message.from, ...message.to, ...message.cc].map((p) => `${p.name} ${p.address}`).join(' ');
  return tokenize(`${message.subject} ${people} ${message.snippet}`);
}
