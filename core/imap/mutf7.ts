/**
 * Modified UTF-7 for mailbox names (RFC 3501 §5.1.3): printable US-ASCII stands for itself
 * except "&", which is "&-"; every other run of characters is UTF-16BE in modified base64
 * ("," instead of "/", no padding) between "&" and "-". Used unless UTF8=ACCEPT is enabled
 * (RFC 6855 §3), in which case names travel as UTF-8.
 */
import { MailError } from '../net/mail-error.js';

function isDirect(code: number): boolean {
  return code >= 0x20 && code <= 0x7e;
}

export function encodeModifiedUtf7(name: string): string {
  let out = '';
  let run = '';
  const flush = (): void => {
    if (run === '') return;
    const bytes = Buffer.alloc(run.length * 2);
    for (let i = 0; i < run.length; i++) bytes.writeUInt16BE(run.charCodeAt(i), i * 2);
    out += `&${bytes.toString('base64').replace(/=+$/, '').replace(/\//g, ',')}-`;
    run = '';
  };
  for (let i = 0; i < name.length; i++) {
    const code = name.charCodeAt(i);
    if (isDirect(code)) {
      flush();
      out += code === 0x26 ? '&-' : name[i];
    } else run += name[i];
  }
  flush();
  return out;
}

/**
 * Decodes a modified UTF-7 name. Throws 'protocol-error' for text that is not valid modified
 * UTF-7 (bad base64, odd byte count, unpaired surrogates, a needless encoding of ASCII), so the
 * caller can decide to show the name as sent instead.
 */
export function decodeModifiedUtf7(name: string): string {
  let out = '';
  let i = 0;
  while (i < name.length) {
    const c = name.charCodeAt(i);
    if (!isDirect(c)) throw bad(name, 'contains a character outside printable US-ASCII');
    if (c !== 0x26) {
      out += name[i];
      i++;
      continue;
    }
    const end = name.indexOf('-', i + 1);
    if (end === -1) throw bad(name, 'has an unterminated "&" sequence');
    const b64 = name.slice(i + 1, end);
    i = end + 1;
    if (b64 === '') {
      out += '&';
      continue;
    }
    if (!/^[A-Za-z0-9+,]+$/.test(b64)) throw bad(name, 'has invalid modified base64');
    const bytes = Buffer.from(b64.replace(/,/g, '/'), 'base64');
    if (bytes.length % 2 !== 0 || bytes.length === 0) throw bad(name, 'has an odd number of UTF-16 bytes');
    let run = '';
    for (let k = 0; k < bytes.length; k += 2) run += String.fromCharCode(bytes.readUInt16BE(k));
    if (!wellFormed(run)) throw bad(name, 'has an unpaired UTF-16 surrogate');
    for (let k = 0; k < run.length; k++) {
      if (isDirect(run.charCodeAt(k))) throw bad(name, 'encodes printable ASCII');
    }
    out += run;
  }
  return out;
}

function bad(name: string, why: string): MailError {
  return new MailError('protocol-error', `The mailbox name "${name.slice(0, 100)}" ${why}.`);
}

function wellFormed(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (!(d >= 0xdc00 && d <= 0xdfff)) return false;
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) return false;
  }
  return true;
}
