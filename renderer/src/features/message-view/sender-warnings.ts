/**
 * Warnings about who a message really comes from, computed from the reader's MessageContent.
 * They are signs to check, not verdicts: mailing lists, forwarding and bulk senders trip some
 * of them legitimately, so the reader shows them beside the headers and never hides mail.
 *
 * The display-name check reuses core/message's displayNameSignal (one rule for the engine and
 * the window); the domain comparisons use its loose organisational domain, which errs towards
 * "different" — the safe side for a warning.
 */
import type { HeaderField, MailAddress } from '../../../../core/api/contract.js';
import { displayNameSignal } from '../../../../core/message/signals.js';
import { domainOfAddress, organizationalDomain } from '../../../../core/message/domains.js';
import { flattenAddresses, parseAddressList, type Mailbox } from '../../../../core/mime/address.js';
import { domainToAscii } from '../../../../core/mime/punycode.js';

export type SenderWarning =
  /** "support@bank.example" <x@evil.example>: the name shows another address than the real one. */
  | { readonly kind: 'display-name-address'; readonly name: string; readonly shownAddress: string; readonly actualAddress: string }
  /** "paypal.com" <x@evil.example>: the name shows a domain that is not the sender's. */
  | { readonly kind: 'display-name-domain'; readonly name: string; readonly shownDomain: string; readonly actualAddress: string }
  /** The envelope sender (Return-Path) is in another organisation than the From address. */
  | { readonly kind: 'return-path-mismatch'; readonly from: string; readonly returnPath: string }
  /** Answers would go to another organisation than the From address. */
  | { readonly kind: 'reply-to-mismatch'; readonly from: string; readonly replyTo: string };

export interface SenderFacts {
  readonly from: readonly MailAddress[];
  readonly replyTo: readonly MailAddress[];
  /** Every header field in order; Return-Path is read from here (RFC 5321 §4.4: the MDA adds it). */
  readonly headers: readonly HeaderField[];
}

const DOMAIN_IN_NAME = /(?:^|[\s("'<[])((?:[a-z0-9\u0080-\uffff-]+\.)+(?:[a-z]{2,}|xn--[a-z0-9-]+))(?=$|[\s)"'>\],/:])/i;

function mailbox(address: MailAddress): Mailbox {
  const domain = domainOfAddress(address.address);
  const local = domain === undefined ? address.address : address.address.slice(0, address.address.length - domain.length - 1);
  const ascii = domain === undefined ? address.address : `${local}@${domainToAscii(domain.toLowerCase())}`;
  return { kind: 'mailbox', name: address.name, address: address.address, asciiAddress: ascii };
}

function orgOf(address: string): string | undefined {
  return organizationalDomain(domainOfAddress(address));
}

/** The address in the last Return-Path field ("<>" for bounces has none), lower-cased. */
export function returnPathOf(headers: readonly HeaderField[]): string | undefined {
  const fields = headers.filter((h) => h.name.toLowerCase() === 'return-path');
  // The MDA prepends Return-Path; the topmost one is the final delivery's envelope sender.
  const value = fields[0]?.value;
  if (value === undefined) return undefined;
  const parsed = flattenAddresses(parseAddressList(value))[0]?.address ?? value.replace(/[<>\s]/g, '');
  return parsed.includes('@') ? parsed : undefined;
}

function displayNameWarning(address: MailAddress): SenderWarning | undefined {
  const signal = displayNameSignal(mailbox(address));
  if (signal?.code === 'display-name-address') {
    return { kind: 'display-name-address', name: signal.name, shownAddress: signal.shownAddress, actualAddress: signal.actualAddress };
  }
  // No full address in the name: does it show a domain (a brand's web address) of another organisation?
  if (address.name.includes('@')) return undefined;
  const shown = DOMAIN_IN_NAME.exec(address.name)?.[1];
  // "PayPal.com", "AMAZON.CO.JP" — but not "Dr.Smith": a top-level label is written in one case.
  const tld = shown?.slice(shown.lastIndexOf('.') + 1);
  if (shown === undefined || tld === undefined || !/^(?:[a-z]{2,6}|[A-Z]{2,6}|xn--[a-z0-9-]+)$/.test(tld)) return undefined;
  const shownOrg = organizationalDomain(shown);
  if (shownOrg === undefined || shownOrg === orgOf(address.address)) return undefined;
  return { kind: 'display-name-domain', name: address.name, shownDomain: shown.toLowerCase(), actualAddress: address.address };
}

export function senderWarnings(facts: SenderFacts): SenderWarning[] {
  const warnings: SenderWarning[] = [];
  for (const address of facts.from) {
    const warning = displayNameWarning(address);
    if (warning !== undefined) warnings.push(warning);
  }
  const from = facts.from[0];
  const fromOrg = from === undefined ? undefined : orgOf(from.address);
  if (from === undefined || fromOrg === undefined) return warnings;
  const returnPath = returnPathOf(facts.headers);
  if (returnPath !== undefined && orgOf(returnPath) !== fromOrg) warnings.push({ kind: 'return-path-mismatch', from: from.address, returnPath });
  const replyTo = facts.replyTo.find((r) => orgOf(r.address) !== undefined && orgOf(r.address) !== fromOrg);
  if (replyTo !== undefined) warnings.push({ kind: 'reply-to-mismatch', from: from.address, replyTo: replyTo.address });
  return warnings;
}
