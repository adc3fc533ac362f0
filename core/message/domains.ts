/**
 * A loose "organisational domain" (the registrable part of a host name) for comparisons
 * like "is the Reply-To in the same organisation as the From". Without the Public Suffix
 * List this keeps the last two labels, or three under the common two-level suffixes; it can
 * only err towards "different", which for a warning sign is the safe side.
 */
import { domainToAscii } from '../mime/punycode.js';

const TWO_LEVEL_SUFFIX = /^(?:co|ne|or|ac|go|ad|ed|gr|lg|com|net|org|edu|gov|ltd|plc|sch|mil|gob|nic)\.[a-z]{2}$/;

export function organizationalDomain(host: string | undefined): string | undefined {
  if (host === undefined) return undefined;
  const ascii = domainToAscii(host.trim().replace(/\.$/, '').toLowerCase());
  if (!ascii.includes('.') || /^[\d.]+$/.test(ascii)) return ascii === '' ? undefined : ascii;
  const labels = ascii.split('.');
  const tail = labels.slice(-2).join('.');
  if (labels.length >= 3 && TWO_LEVEL_SUFFIX.test(tail)) return labels.slice(-3).join('.');
  return tail;
}

export function domainOfAddress(address: string | undefined): string | undefined {
  if (address === undefined) return undefined;
  const at = address.lastIndexOf('@');
  return at === -1 ? undefined : address.slice(at + 1).replace(/>$/, '');
}
