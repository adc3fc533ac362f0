/**
 * Address suggestions for the composer from the contacts table (every address seen in
 * from/to/cc, maintained by ./apply-changes.ts). Ranked by how often an address was used, then
 * how recently, so the people the user corresponds with come first.
 */
import type { IndexedContact, TegamiIndex } from './db.js';
import { MAX_CONTACT_SUGGESTIONS } from './limits.js';
import { tokenize } from './search-tokens.js';

function byRank(a: IndexedContact, b: IndexedContact): number {
  return b.uses - a.uses || b.lastUsed - a.lastUsed || (a.address < b.address ? -1 : a.address > b.address ? 1 : 0);
}

/** The best `limit` contacts of all, without reading the whole table. */
async function topContacts(db: TegamiIndex, limit: number): Promise<IndexedContact[]> {
  const leaders = await db.contacts.orderBy('uses').reverse().limit(limit).toArray();
  const cut = leaders.at(-1);
  if (cut === undefined) return [];
  // Ties at the cut are ordered by recency, which the uses index does not know.
  const contenders = await db.contacts.where('uses').aboveOrEqual(cut.uses).toArray();
  return contenders.sort(byRank).slice(0, limit);
}

/**
 * Contacts whose address starts with `prefix`, or each of whose words starts some word of the
 * contact's name or address ("ali" finds "Alice Liddell", "山田" finds 山田太郎). Empty = the
 * most used. Best first, at most `limit`.
 */
export async function suggestContacts(db: TegamiIndex, prefix: string, limit: number): Promise<IndexedContact[]> {
  const wanted = Math.min(Math.max(0, Math.floor(limit)), MAX_CONTACT_SUGGESTIONS);
  if (wanted === 0) return [];
  const raw = prefix.normalize('NFKC').trim().toLowerCase();
  if (raw === '') return topContacts(db, wanted);
  const words = tokenize(raw);
  // The longest word narrows the candidates most.
  const narrowest = [...words].sort((a, b) => b.length - a.length)[0];
  const [byAddress, byWord] = await Promise.all([
    db.contacts.where('address').startsWith(raw).toArray(),
    narrowest === undefined ? Promise.resolve([]) : db.contacts.where('terms').startsWith(narrowest).distinct().toArray(),
  ]);
  const found = new Map<string, IndexedContact>();
  for (const contact of byAddress) found.set(contact.address, contact);
  for (const contact of byWord) {
    if (found.has(contact.address)) continue;
    if (words.every((w) => contact.terms.some((t) => t.startsWith(w)))) found.set(contact.address, contact);
  }
  return [...found.values()].sort(byRank).slice(0, wanted);
}
