/**
 * Recipients as the composer holds them: one chip per address the user typed, pasted or picked.
 * Text is read with the RFC 5322 address-list parser of core/mime, so "Name <a@b>, c@d" and
 * quoted names with commas work; what is not a usable address stays a chip marked invalid, so
 * nothing the user typed silently disappears.
 */
import type { MailAddress } from '../../../../core/api/contract.js';
import { parseAddressList, flattenAddresses } from '../../../../core/mime/address.js';

export interface Recipient {
  readonly name: string;
  readonly address: string;
  /** What to show when the entry is invalid (the text as typed). */
  readonly text: string;
  readonly valid: boolean;
}

// local@domain: a non-empty local part and a dotted or single-label domain without spaces.
const ADDRESS = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"[\]]+$|^"[^"\r\n]*"@[^\s@<>(),;:"[\]]+$/u;

export function isValidAddress(address: string): boolean {
  if (address.length > 254) return false;
  if (!ADDRESS.test(address)) return false;
  const domain = address.slice(address.lastIndexOf('@') + 1);
  return !domain.startsWith('.') && !domain.endsWith('.') && !domain.includes('..');
}

export function recipientOf(person: MailAddress): Recipient {
  const address = person.address.trim();
  const text = person.name === '' ? address : address === '' ? person.name : `${person.name} <${address}>`;
  return { name: person.name, address, text, valid: isValidAddress(address) };
}

/** Reads typed or pasted text (one or many addresses, separated by commas, semicolons or lines). */
export function parseRecipients(text: string): Recipient[] {
  // Outlook-style lists use ";" and pasted columns use line breaks; RFC 5322 lists use ",". A ";"
  // inside a group ("team: a@b;") is rare in typed input and is read as a separator here.
  const normalized = text.replace(/[;\r\n]+/g, ',');
  const out: Recipient[] = [];
  for (const mailbox of flattenAddresses(parseAddressList(normalized))) {
    if (mailbox.address === '' && mailbox.name === '') continue;
    out.push(recipientOf({ name: mailbox.name, address: mailbox.address }));
  }
  if (out.length === 0 && text.trim() !== '') out.push({ name: '', address: '', text: text.trim(), valid: false });
  return out;
}

/** Adds recipients, skipping addresses already present (case-insensitive). */
export function addRecipients(list: readonly Recipient[], more: readonly Recipient[]): Recipient[] {
  const seen = new Set(list.filter((r) => r.valid).map((r) => r.address.toLowerCase()));
  const out = [...list];
  for (const r of more) {
    if (r.valid) {
      const key = r.address.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
    }
    out.push(r);
  }
  return out;
}

export function toMailAddresses(list: readonly Recipient[]): MailAddress[] {
  return list.filter((r) => r.valid).map((r) => ({ name: r.name, address: r.address }));
}

/** True while the text typed so far should be turned into a chip (a separator was typed). */
export function endsWithSeparator(text: string): boolean {
  // A comma inside an open quoted name ("Doe, John") is not a separator.
  const quotes = (text.match(/"/g) ?? []).length;
  return /[,;]\s*$/.test(text) && quotes % 2 === 0;
}
