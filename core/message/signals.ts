/**
 * Signals for the reader: things a careful person would check before trusting a message.
 * None is a verdict (forwarding, mailing lists and bulk senders trip some legitimately);
 * the UI shows them beside the headers.
 */
import { flattenAddresses, parseAddressList, type Mailbox } from '../mime/address.js';
import type { ParsedMessage } from '../mime/types.js';
import { domainToAscii } from '../mime/punycode.js';
import { domainOfAddress, organizationalDomain } from './domains.js';
import { scanAnchors } from './links.js';

export type ReaderSignal =
  | { readonly code: 'from-return-path-mismatch'; readonly from: string; readonly returnPath: string }
  | { readonly code: 'from-reply-to-mismatch'; readonly from: string; readonly replyTo: string }
  | { readonly code: 'display-name-address'; readonly name: string; readonly shownAddress: string; readonly actualAddress: string }
  | { readonly code: 'link-text-mismatch'; readonly href: string; readonly text: string; readonly shownDomain: string; readonly hrefDomain: string };

const EMAIL_IN_TEXT = /[A-Za-z0-9._%+-]+@((?:[A-Za-z0-9\u0080-\uffff-]+\.)+[A-Za-z\u0080-\uffff]{2,})/;
const DOMAIN_IN_TEXT = /(?:https?:\/\/)?((?:[A-Za-z0-9\u0080-\uffff-]+\.)+(?:[A-Za-z]{2,}|xn--[a-z0-9-]+))(?=[/:?#\s]|$)/;

function sameOrg(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && organizationalDomain(a) === organizationalDomain(b);
}

/** The domain a piece of link text shows, if it shows one. */
function shownDomain(text: string): string | undefined {
  const email = EMAIL_IN_TEXT.exec(text);
  if (email !== null) return email[1];
  const m = DOMAIN_IN_TEXT.exec(text.trim());
  return m?.[1];
}

function hrefDomain(href: string): string | undefined {
  if (/^mailto:/i.test(href)) return domainOfAddress(decodeURIComponent(href.slice(7).split('?')[0] ?? ''));
  if (!/^https?:/i.test(href)) return undefined;
  try {
    return new URL(href).hostname;
  } catch {
    return undefined;
  }
}

/** Links whose visible text names another domain than the one they lead to. */
export function linkMismatches(html: string): ReaderSignal[] {
  const signals: ReaderSignal[] = [];
  for (const anchor of scanAnchors(html)) {
    const shown = shownDomain(anchor.text);
    const target = hrefDomain(anchor.href);
    if (shown === undefined || target === undefined) continue;
    if (organizationalDomain(domainToAscii(shown)) !== organizationalDomain(target)) {
      signals.push({ code: 'link-text-mismatch', href: anchor.href, text: anchor.text, shownDomain: shown.toLowerCase(), hrefDomain: target });
    }
  }
  return signals;
}

export interface SignalOptions {
  /** The SMTP envelope sender when known (else the Return-Path header is used). */
  readonly envelopeFrom?: string;
}

export function readerSignals(message: ParsedMessage, options: SignalOptions = {}): ReaderSignal[] {
  const signals: ReaderSignal[] = [];
  const from = flattenAddresses(message.from)[0];
  const fromDomain = domainOfAddress(from?.asciiAddress);
  const returnPathValue = options.envelopeFrom ?? message.headers.get('return-path')?.value;
  if (from !== undefined && fromDomain !== undefined && returnPathValue !== undefined) {
    const rp = flattenAddresses(parseAddressList(returnPathValue))[0]?.asciiAddress ?? returnPathValue.replace(/[<>\s]/g, '');
    // "<>" (bounces) has no domain and is not a mismatch.
    const rpDomain = domainOfAddress(rp);
    if (rpDomain !== undefined && !sameOrg(fromDomain, rpDomain)) signals.push({ code: 'from-return-path-mismatch', from: from.address, returnPath: rp });
  }
  if (from !== undefined && fromDomain !== undefined) {
    for (const replyTo of flattenAddresses(message.replyTo)) {
      const d = domainOfAddress(replyTo.asciiAddress);
      if (d !== undefined && !sameOrg(fromDomain, d)) {
        signals.push({ code: 'from-reply-to-mismatch', from: from.address, replyTo: replyTo.address });
        break;
      }
    }
  }
  for (const mailbox of flattenAddresses(message.from)) {
    const signal = displayNameSignal(mailbox);
    if (signal !== undefined) signals.push(signal);
  }
  if (message.html !== undefined) signals.push(...linkMismatches(message.html));
  return signals;
}

/** "PayPal support@paypal.com" <x@evil.example>: a name that shows another address. */
export function displayNameSignal(mailbox: Mailbox): ReaderSignal | undefined {
  const m = /[A-Za-z0-9._%+-]+@[A-Za-z0-9\u0080-\uffff.-]+\.[A-Za-z\u0080-\uffff]{2,}/.exec(mailbox.name);
  if (m === null) return undefined;
  if (m[0].toLowerCase() === mailbox.address.toLowerCase() || m[0].toLowerCase() === mailbox.asciiAddress.toLowerCase()) return undefined;
  return { code: 'display-name-address', name: mailbox.name, shownAddress: m[0], actualAddress: mailbox.address };
}
