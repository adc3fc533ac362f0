/**
 * Pure builders for SMTP command lines, with every argument checked before anything is
 * written: CR/LF (command injection), angle brackets and spaces in addresses, and non-ASCII
 * where the server lacks SMTPUTF8. The client writes what these return.
 */
import { assertSafeArgument } from '../net/connection.js';
import { MailError } from '../net/mail-error.js';
import type { SmtpCapabilities } from './capabilities.js';

export interface MailParameters {
  /** Message size in bytes for RFC 1870 SIZE=, when known. */
  readonly size?: number;
  /** BODY=8BITMIME (RFC 6152) when the message has 8-bit content. */
  readonly body?: '7BIT' | '8BITMIME';
  /** RFC 3461 §4.3 RET: return the full message or only the headers in a DSN. */
  readonly ret?: 'FULL' | 'HDRS';
  /** RFC 3461 §4.4 ENVID: an identifier echoed back in DSNs. */
  readonly envid?: string;
}

export interface RcptParameters {
  /** RFC 3461 §4.1 NOTIFY: 'NEVER' or any of SUCCESS, FAILURE, DELAY. */
  readonly notify?: 'NEVER' | ReadonlyArray<'SUCCESS' | 'FAILURE' | 'DELAY'>;
  /** RFC 3461 §4.2 ORCPT: the original recipient address. */
  readonly orcpt?: string;
}

const ASCII = /^[\x20-\x7e]*$/;

export function isAscii(value: string): boolean {
  return ASCII.test(value);
}

/**
 * Checks an envelope address (RFC 5321 §4.1.2 Mailbox) for what would break the command line;
 * full syntax is the server's to judge. The empty reverse path "<>" is allowed for MAIL only.
 */
export function checkAddress(address: string, what: 'sender' | 'recipient', caps: SmtpCapabilities): void {
  assertSafeArgument(address, `${what} address`);
  if (what === 'recipient' || address !== '') {
    if (!/^[^\s<>()]+@[^\s<>()@]+$/u.test(address) && !/^"[^"\\]*"@[^\s<>()@]+$/u.test(address)) {
      throw new MailError('invalid-argument', `"${address}" is not a valid ${what} address.`, { details: { address } });
    }
  }
  if (!isAscii(address) && !caps.smtputf8) {
    throw new MailError('smtputf8-unsupported', `The ${what} address ${address} contains non-ASCII characters, and the server does not support SMTPUTF8 (RFC 6531).`, {
      details: { address },
    });
  }
}

/** RFC 3461 §4 xtext: "+" followed by two upper-case hex digits for anything outside "!".."~" and "+", "=". */
export function xtext(value: string): string {
  let out = '';
  for (const byte of Buffer.from(value, 'utf8')) {
    out += byte >= 0x21 && byte <= 0x7e && byte !== 0x2b && byte !== 0x3d ? String.fromCharCode(byte) : `+${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** RFC 6533 §3 utf-8-addr-unitext: non-ASCII kept, "+", "=", "\" and controls as \x{HEX}. */
function unitext(value: string): string {
  return [...value].map((ch) => (/[\x00-\x20+=\\\x7f]/.test(ch) ? `\\x{${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase()}}` : ch)).join('');
}

export function ehloLine(domain: string): string {
  assertSafeArgument(domain, 'EHLO name');
  return `EHLO ${domain}`;
}

export function heloLine(domain: string): string {
  assertSafeArgument(domain, 'HELO name');
  return `HELO ${domain}`;
}

export function mailLine(from: string, params: MailParameters, caps: SmtpCapabilities, smtputf8: boolean): string {
  checkAddress(from, 'sender', caps);
  const parts = [`MAIL FROM:<${from}>`];
  if (params.size !== undefined && caps.size !== undefined) parts.push(`SIZE=${params.size}`);
  if (params.body === '8BITMIME') {
    if (!caps.eightBitMime) {
      throw new MailError('invalid-argument', 'The message contains 8-bit data, and the server does not accept it (no 8BITMIME, RFC 6152). Encode the body as quoted-printable or base64.');
    }
    parts.push('BODY=8BITMIME');
  }
  if (smtputf8) parts.push('SMTPUTF8');
  if (caps.dsn) {
    if (params.ret) parts.push(`RET=${params.ret}`);
    if (params.envid !== undefined) {
      assertSafeArgument(params.envid, 'ENVID');
      parts.push(`ENVID=${xtext(params.envid)}`);
    }
  }
  return parts.join(' ');
}

export function rcptLine(to: string, params: RcptParameters, caps: SmtpCapabilities): string {
  checkAddress(to, 'recipient', caps);
  const parts = [`RCPT TO:<${to}>`];
  if (caps.dsn) {
    if (params.notify !== undefined) {
      const notify = params.notify === 'NEVER' ? ['NEVER'] : [...params.notify];
      if (notify.length > 0) parts.push(`NOTIFY=${notify.join(',')}`);
    }
    if (params.orcpt !== undefined) {
      assertSafeArgument(params.orcpt, 'ORCPT');
      parts.push(isAscii(params.orcpt) ? `ORCPT=rfc822;${xtext(params.orcpt)}` : `ORCPT=utf-8;${unitext(params.orcpt)}`);
    }
  }
  return parts.join(' ');
}

export function bdatLine(size: number, last: boolean): string {
  return `BDAT ${size}${last ? ' LAST' : ''}`;
}
