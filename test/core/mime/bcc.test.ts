import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildMessage, flattenAddresses, parseMessage, withoutBcc, withoutHeaderFields } from '../../../core/mime/index.js';

const dec = new TextDecoder();
const enc = new TextEncoder();
const fixed = { random: () => 'fixed', now: () => new Date(Date.UTC(2026, 2, 7, 10, 0, 0)) };

function pairs(list: ReturnType<typeof parseMessage>['to']): Array<[string, string]> {
  return flattenAddresses(list).map((m) => [m.name, m.address]);
}

describe('Bcc in the sender\'s copy', () => {
  const draft = {
    from: { name: '山田 太郎', address: 'taro@example.jp' },
    to: [{ name: 'Smith, John', address: 'john@example.com' }],
    cc: [{ name: '佐藤 花子', address: 'hanako@example.jp' }],
    bcc: [{ name: '鈴木 一郎', address: 'ichiro@example.jp' }, { name: '', address: 'quiet@example.com' }, { name: 'Zoë "Z" Müller', address: 'zoe@example.de' }],
    subject: '下書き',
    text: 'body\n',
  };

  it('writes Bcc only when asked (keepBcc), RFC 2047-encoded, and reads back To, Cc and Bcc exactly', async () => {
    const stored = await buildMessage(draft, { ...fixed, keepBcc: true });
    const header = dec.decode(stored).split('\r\n\r\n')[0] ?? '';
    expect(header).toMatch(/^Bcc: =\?UTF-8\?B\?/m);
    // Nothing raw 8-bit: the copy goes to an IMAP Drafts folder without UTF8=ACCEPT.
    expect(stored.every((b) => b < 0x80)).toBe(true);
    const m = parseMessage(stored);
    expect(pairs(m.to)).toEqual([['Smith, John', 'john@example.com']]);
    expect(pairs(m.cc)).toEqual([['佐藤 花子', 'hanako@example.jp']]);
    expect(pairs(m.bcc)).toEqual([
      ['鈴木 一郎', 'ichiro@example.jp'],
      ['', 'quiet@example.com'],
      ['Zoë "Z" Müller', 'zoe@example.de'],
    ]);
    const submitted = await buildMessage(draft, fixed);
    expect(dec.decode(submitted)).not.toMatch(/^Bcc:/im);
    expect(parseMessage(submitted).bcc).toEqual([]);
  });

  it('withoutBcc gives exactly the message built without Bcc', async () => {
    const stored = await buildMessage(draft, { ...fixed, keepBcc: true });
    const submitted = await buildMessage(draft, fixed);
    expect(dec.decode(withoutBcc(stored))).toBe(dec.decode(submitted));
  });

  it('removes a folded Bcc in any case, the obsolete "Bcc :" form, and leaves the body alone', () => {
    const raw = 'From: a@example.com\r\nBCC: one@example.com,\r\n two@example.com\r\nTo: b@example.com\r\nbcc : three@example.com\r\nSubject: Bcc: not me\r\n\r\nBcc: body line stays\r\n';
    expect(dec.decode(withoutBcc(enc.encode(raw)))).toBe('From: a@example.com\r\nTo: b@example.com\r\nSubject: Bcc: not me\r\n\r\nBcc: body line stays\r\n');
    // Unix line ends, as in a file stored by another program.
    expect(dec.decode(withoutBcc(enc.encode('Bcc: x@example.com\nTo: y@example.com\n\nbody\n')))).toBe('To: y@example.com\n\nbody\n');
    // Nothing to remove: the same bytes come back.
    const plain = enc.encode('To: y@example.com\r\n\r\nbody');
    expect(withoutBcc(plain)).toBe(plain);
    // Fields merely starting with the name are not the field.
    expect(dec.decode(withoutHeaderFields(enc.encode('Bcc-Note: kept\r\nBcc: gone@example.com\r\n\r\n'), ['bcc']))).toBe('Bcc-Note: kept\r\n\r\n');
  });

  it('never leaves a Bcc recipient in the submitted bytes, whatever the names', async () => {
    const mailbox = fc.record({ name: fc.string({ maxLength: 30 }), address: fc.constantFrom('x@example.com', 'y@example.jp', 'z@example.org') });
    await fc.assert(
      fc.asyncProperty(fc.array(mailbox, { minLength: 1, maxLength: 4 }), async (bcc) => {
        const names = bcc.map((m) => ({ name: m.name.replace(/[\r\n]/g, ' '), address: m.address }));
        const stored = await buildMessage({ from: 'a@example.com', to: ['b@example.com'], bcc: names, text: 'x' }, { ...fixed, keepBcc: true });
        expect(pairs(parseMessage(stored).bcc).map(([, a]) => a)).toEqual(names.map((m) => m.address));
        const sent = withoutBcc(stored);
        expect(parseMessage(sent).bcc).toEqual([]);
        expect(dec.decode(sent)).not.toMatch(/[xyz]@example\.(?:com|jp|org)/);
      }),
      { numRuns: 100 },
    );
  });
});
