/**
 * The e-mail address discovery starts from, split into the parts config templates use.
 */
import { domainToASCII } from 'node:url';
import { MailError } from '../net/mail-error.js';

export interface EmailAddress {
  /** The address as the user will log in with it: local part as typed, domain lower-cased. */
  readonly address: string;
  readonly localPart: string;
  /** Lower-case, IDNA (punycode) form, the form DNS and URLs need. */
  readonly domain: string;
}

/** RFC 1035 §2.3.1 (with RFC 1123 §2.1 digits first) label syntax, on the ASCII form. */
const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/** True for a syntactically valid DNS host name (at least two labels, ASCII form). */
export function isHostName(name: string): boolean {
  if (name.length === 0 || name.length > 253) return false;
  const labels = name.split('.');
  return labels.length >= 2 && labels.every((label) => LABEL.test(label));
}

/** Splits and validates an address; throws MailError('invalid-argument') with the reason. */
export function parseEmailAddress(input: string): EmailAddress {
  const trimmed = input.trim();
  const at = trimmed.lastIndexOf('@');
  if (at <= 0 || at === trimmed.length - 1) {
    throw new MailError('invalid-argument', `"${input}" is not an e-mail address (expected name@domain)`);
  }
  const localPart = trimmed.slice(0, at);
  // RFC 5321 §4.5.3.1.1: a local part is at most 64 octets; control characters and spaces
  // outside quotes never belong in one, and CR/LF would be a command injection later on.
  if (new TextEncoder().encode(localPart).byteLength > 64 || /[\x00-\x20\x7f]/.test(localPart.startsWith('"') ? localPart.replace(/^"(.*)"$/, '$1').replace(/ /g, '') : localPart)) {
    throw new MailError('invalid-argument', `"${input}" has an invalid local part`);
  }
  const domain = domainToASCII(trimmed.slice(at + 1).toLowerCase()).replace(/\.$/, '');
  if (!isHostName(domain)) {
    throw new MailError('invalid-argument', `"${input}" has an invalid domain`);
  }
  return { address: `${localPart}@${domain}`, localPart, domain };
}
