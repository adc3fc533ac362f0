import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildMessage, buildMessageStream, chooseTextEncoding, draftEnvelope, MimeBuildError, parseMessage, type MessageDraft } from '../../../core/mime/index.js';
import { foldHeader } from '../../../core/mime/build-headers.js';
import { embeddedMessage } from '../../../core/mime/build.js';

const dec = new TextDecoder();
const fixed = { random: () => 'fixed', now: () => new Date(Date.UTC(2026, 2, 7, 10, 0, 0)) };

function lines(bytes: Uint8Array): string[] {
  return dec.decode(bytes).split('\r\n');
}

function headerOf(bytes: Uint8Array): string {
  const text = dec.decode(bytes);
  return text.slice(0, text.indexOf('\r\n\r\n'));
}

describe('builder: structure and headers', () => {
  it('writes a plain ASCII message as 7bit with the standard fields and no Bcc', async () => {
    const bytes = await buildMessage({ from: 'a@example.com', to: ['b@example.com'], bcc: ['secret@example.com'], subject: 'Hello', text: 'Hi there\n' }, fixed);
    expect(dec.decode(bytes)).toBe(
      [
        'Date: Sat, 7 Mar 2026 10:00:00 +0000',
        'From: a@example.com',
        'To: b@example.com',
        'Subject: Hello',
        `Message-ID: <fixed.${Date.UTC(2026, 2, 7, 10).toString(36)}@example.com>`,
        'MIME-Version: 1.0',
        'Content-Type: text/plain; charset=us-ascii',
        'Content-Transfer-Encoding: 7bit',
        '',
        'Hi there',
        '',
      ].join('\r\n'),
    );
    expect(dec.decode(bytes)).not.toContain('secret');
    expect(draftEnvelope({ from: 'a@example.com', to: ['b@example.com', 'B@example.com'], cc: ['c@例え.jp'], bcc: ['secret@example.com'] })).toEqual({
      from: 'a@example.com',
      to: ['b@example.com', 'c@xn--r8jz45g.jp', 'secret@example.com'],
    });
  });

  it('accepts addresses as people type them', async () => {
    const bytes = await buildMessage({ from: 'Taro Yamada <taro@example.jp>', to: ['"Smith, John" <john@example.com>', 'carol@example.com (Carol)', 'dave@example.com'], text: 'x' }, fixed);
    const m = parseMessage(bytes);
    expect(m.from[0]).toMatchObject({ name: 'Taro Yamada', address: 'taro@example.jp' });
    expect(m.to.map((a) => (a.kind === 'mailbox' ? [a.name, a.address] : []))).toEqual([['Smith, John', 'john@example.com'], ['Carol', 'carol@example.com'], ['', 'dave@example.com']]);
    expect(draftEnvelope({ from: 'Taro <taro@example.jp>', to: ['"X" <x@example.com>'] })).toEqual({ from: 'taro@example.jp', to: ['x@example.com'] });
    await expect(buildMessage({ from: 'Nobody <>' })).rejects.toThrow(MimeBuildError);
  });

  it('nests alternative, related and mixed the way readers expect', async () => {
    const m = parseMessage(
      await buildMessage({
        from: 'a@example.com',
        text: 'plain',
        html: '<p><img src="cid:logo"></p>',
        attachments: [
          { filename: 'logo.png', contentType: 'image/png', content: new Uint8Array([1, 2, 3]), disposition: 'inline', contentId: 'logo' },
          { filename: 'report.pdf', contentType: 'application/pdf', content: new Uint8Array([4, 5]) },
        ],
        forward: [{ content: new TextEncoder().encode('Subject: old\r\n\r\nold body\r\n') }],
      }),
    );
    const types: string[] = [];
    const walk = (p: typeof m.root, depth: number): void => {
      types.push(`${'  '.repeat(depth)}${p.contentType.mime}`);
      p.children.forEach((c) => walk(c, depth + 1));
    };
    walk(m.root, 0);
    expect(types).toEqual(['multipart/mixed', '  multipart/alternative', '    text/plain', '    multipart/related', '      text/html', '      image/png', '  application/pdf', '  message/rfc822']);
    expect(m.attachments.map((a) => [a.filename, a.related, a.contentId])).toEqual([
      ['logo.png', true, 'logo'],
      ['report.pdf', false, undefined],
      ['old.eml', false, undefined],
    ]);
    expect(m.attachments[2]?.message?.text).toBe('old body\n');
    expect(m.warnings).toEqual([]);
  });

  it('encodes non-ASCII headers as UTF-8 words folded at 78 columns, never inside a character', async () => {
    const subject = '日本語の件名がとても長い場合でも正しく折り返されることを確認するためのテストです。'.repeat(2);
    const bytes = await buildMessage({ from: { name: '山田 太郎', address: 'taro@例え.jp' }, to: [{ name: 'Müller, Hans', address: 'h@example.de' }], subject, text: 'x' }, fixed);
    const head = headerOf(bytes);
    for (const line of head.split('\r\n')) {
      expect(line.length).toBeLessThanOrEqual(78);
      expect(/^[\x20-\x7e]*$/.test(line)).toBe(true);
    }
    expect(head).toContain('From: =?UTF-8?B?5bGx55SwIOWkqumDjg==?= <taro@xn--r8jz45g.jp>');
    const m = parseMessage(bytes);
    expect(m.subject).toBe(subject);
    expect(m.from[0]).toMatchObject({ name: '山田 太郎', address: 'taro@例え.jp' });
    expect(m.to[0]).toMatchObject({ name: 'Müller, Hans' });
  });

  it('SMTPUTF8 output writes UTF-8 as is; 8BITMIME output sends text as 8bit', async () => {
    const draft: MessageDraft = { from: { name: '山田', address: 'taro@例え.jp' }, subject: '件名', text: '本文です' };
    const utf = await buildMessage(draft, { ...fixed, smtpUtf8: true, eightBitMime: true });
    const head = headerOf(utf);
    expect(head).toContain('From: "山田" <taro@例え.jp>');
    expect(head).toContain('Subject: 件名');
    expect(dec.decode(utf)).toContain('Content-Transfer-Encoding: 8bit\r\n\r\n本文です');
    expect(draftEnvelope(draft, { smtpUtf8: true }).from).toBe('taro@例え.jp');
    await expect(buildMessage({ from: '山田@example.jp' })).rejects.toThrow(MimeBuildError);
    expect(parseMessage(await buildMessage({ from: '山田@example.jp' }, { smtpUtf8: true })).from[0]).toMatchObject({ address: '山田@example.jp' });
  });

  it('writes RFC 2231 filenames and replies with In-Reply-To and References', async () => {
    const bytes = await buildMessage({
      from: 'a@example.com',
      inReplyTo: '<parent@example.com>',
      references: ['root@example.com', 'parent@example.com'],
      attachments: [{ filename: 'résumé 2026 — final version with a very long name.pdf', content: new Uint8Array([1]) }],
    });
    const text = dec.decode(bytes);
    expect(text).toContain("filename*0*=UTF-8''r%C3%A9sum%C3%A9");
    expect(text).toContain('In-Reply-To: <parent@example.com>');
    const m = parseMessage(bytes);
    expect(m.attachments[0]?.filename).toBe('résumé 2026 — final version with a very long name.pdf');
    expect(m.inReplyTo).toBe('parent@example.com');
    expect(m.references).toEqual(['root@example.com', 'parent@example.com']);
  });

  it('chooses 7bit, quoted-printable or base64 per part', () => {
    const enc = (s: string, eight = false): string => chooseTextEncoding(new TextEncoder().encode(s), eight);
    expect(enc('plain ascii\r\n')).toBe('7bit');
    expect(enc(`${'x'.repeat(999)}\r\n`)).toBe('quoted-printable');
    expect(enc('Grüße aus München, viele Grüße\r\n')).toBe('quoted-printable');
    expect(enc('日本語の本文です\r\n')).toBe('base64');
    expect(enc('日本語の本文です\r\n', true)).toBe('8bit');
    expect(enc('bare\nLF')).toBe('base64');
  });

  it('keeps every body line within 998 octets and 76 for encoded ones', async () => {
    const bytes = await buildMessage({ from: 'a@example.com', text: `${'word '.repeat(400)}\n${'ü'.repeat(500)}`, attachments: [{ filename: 'b.bin', content: new Uint8Array(5000) }] });
    const body = lines(bytes);
    for (const l of body) expect(new TextEncoder().encode(l).length).toBeLessThanOrEqual(78);
  });

  it('rejects CR/LF injection, bad addresses and reserved extra headers', async () => {
    await expect(buildMessage({ from: 'a@example.com', subject: 'x\r\nBcc: evil@example.com' })).rejects.toThrow(MimeBuildError);
    await expect(buildMessage({ from: 'not-an-address' })).rejects.toThrow(MimeBuildError);
    await expect(buildMessage({ from: 'a@example.com', headers: [['Content-Type', 'text/html']] })).rejects.toThrow(MimeBuildError);
    await expect(buildMessage({ from: 'a@example.com', bcc: ['broken'] })).rejects.toThrow(MimeBuildError);
    expect(() => foldHeader('X-Long', 'y'.repeat(1200))).toThrow(MimeBuildError);
  });

  it('streams a 30 MB attachment in bounded chunks without materialising it', async () => {
    const size = 30 * 1024 * 1024;
    let produced = 0;
    async function* source(): AsyncGenerator<Uint8Array> {
      const block = new Uint8Array(1 << 20).fill(0x41);
      while (produced < size) {
        produced += block.length;
        yield block;
      }
    }
    let total = 0;
    let largest = 0;
    for await (const chunk of buildMessageStream({ from: 'a@example.com', text: 'see attachment', attachments: [{ filename: 'big.bin', content: source() }] })) {
      total += chunk.length;
      largest = Math.max(largest, chunk.length);
    }
    expect(produced).toBe(size);
    expect(total).toBeGreaterThan((size * 4) / 3);
    expect(largest).toBeLessThan(2 * 1024 * 1024);
  }, 60_000);
});

// Characters for random drafts: ASCII specials that need quoting/encoding, Japanese, emoji.
const CHARS = [...'abcXYZ019 .,;:"\\()<>@[]=?_-\'!', 'あ', 'ア', '日', '本', '語', '、', '。', 'ü', 'é', '€', '😀', '　'];
const textUnit = fc.constantFrom(...CHARS);
const phrase = fc.string({ unit: textUnit, maxLength: 40 }).map((s) => s.replace(/\s+/g, ' ').trim());
const local = fc.stringMatching(/^[a-z0-9]{1,8}(?:[._+-][a-z0-9]{1,8}){0,2}$/);
const domain = fc.constantFrom('example.com', 'mail.example.org', '例え.jp', 'bücher.example');
const mailbox = fc.record({ name: phrase, address: fc.tuple(local, domain).map(([l, d]) => `${l}@${d}`) });
const body = fc.array(fc.string({ unit: textUnit, maxLength: 120 }), { maxLength: 8 }).map((ls) => ls.join('\n'));

const draftArb = fc.record({
  from: mailbox,
  to: fc.array(mailbox, { maxLength: 3 }),
  cc: fc.array(mailbox, { maxLength: 2 }),
  subject: fc.string({ unit: textUnit, maxLength: 120 }).map((s) => s.replace(/\s+/g, ' ').trim()),
  text: fc.option(body, { nil: undefined }),
  html: fc.option(body.map((b) => `<p>${b}</p>`), { nil: undefined }),
  attachments: fc.array(
    fc.record({
      filename: phrase.filter((p) => p !== ''),
      contentType: fc.constantFrom('application/octet-stream', 'image/png', 'application/pdf', 'text/csv'),
      content: fc.uint8Array({ maxLength: 2000 }),
    }),
    { maxLength: 3 },
  ),
});

describe('builder: round trip (property)', () => {
  it('parse(build(draft)) gives back the draft', async () => {
    await fc.assert(
      fc.asyncProperty(draftArb, fc.boolean(), async (draft, eightBit) => {
        const bytes = await buildMessage(draft, { eightBitMime: eightBit });
        const m = parseMessage(bytes);
        expect(m.warnings).toEqual([]);
        expect(m.subject ?? '').toBe(draft.subject);
        const person = (x: { name: string; address: string }): [string, string] => [x.name, x.address];
        expect(m.from.map((a) => (a.kind === 'mailbox' ? person(a) : []))).toEqual([person(draft.from)]);
        expect(m.to.map((a) => (a.kind === 'mailbox' ? person(a) : []))).toEqual(draft.to.map(person));
        expect(m.cc.map((a) => (a.kind === 'mailbox' ? person(a) : []))).toEqual(draft.cc.map(person));
        if (draft.text !== undefined || draft.html === undefined) expect(m.text ?? '').toBe(draft.text ?? '');
        expect(m.html).toBe(draft.html);
        expect(m.attachments.map((a) => [a.filename, a.contentType, Array.from(a.content)])).toEqual(draft.attachments.map((a) => [a.filename, a.contentType, Array.from(a.content)]));
        for (const line of dec.decode(bytes).split('\r\n')) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(998);
      }),
      { seed: 2045, numRuns: 250 },
    );
  });
});

describe('attached messages (message/rfc822, RFC 2046 §5.2.1)', () => {
  const sjis = new Uint8Array([...new TextEncoder().encode('Subject: x\r\nContent-Type: text/plain; charset=Shift_JIS\r\nContent-Transfer-Encoding: 8bit\r\n\r\n'), 0x93, 0xfa, 0x96, 0x7b, 0x95, 0x5c, 0x0d, 0x0a]);

  it('travel unchanged as 7bit or 8bit, never encoded', () => {
    const ascii = new TextEncoder().encode('Subject: a\r\n\r\nb\r\n');
    expect(embeddedMessage(ascii, false)).toEqual({ encoding: '7bit', bytes: ascii });
    expect(embeddedMessage(sjis, true)).toEqual({ encoding: '8bit', bytes: sjis });
  });

  it('cannot travel as message/rfc822 with 8-bit bytes and no 8BITMIME, nor when they would need binary', () => {
    expect(embeddedMessage(sjis, false)).toBeNull();
    expect(embeddedMessage(new TextEncoder().encode('Subject: a\r\n\r\nnul\0\r\n'), true)).toBeNull();
    expect(embeddedMessage(new TextEncoder().encode('Subject: a\r\n\r\nbare\rcr\r\n'), true)).toBeNull();
    expect(embeddedMessage(new TextEncoder().encode(`Subject: a\r\n\r\n${'x'.repeat(999)}\r\n`), true)).toBeNull();
  });

  it('get CRLF line ends when stored with bare LF', () => {
    expect(embeddedMessage(new TextEncoder().encode('Subject: a\n\nb\r\nc\n'), false)).toEqual({ encoding: '7bit', bytes: new TextEncoder().encode('Subject: a\r\n\r\nb\r\nc\r\n') });
  });

  it('go as 8bit with eightBitAttachedMessages while text stays 7-bit, else as application/octet-stream in base64', async () => {
    const draft: MessageDraft = { from: 'a@example.com', to: ['b@example.com'], text: 'テキスト', attachments: [{ filename: 'fwd.eml', contentType: 'message/rfc822', content: sjis }] };
    const eight = await buildMessage(draft, { ...fixed, eightBitAttachedMessages: true });
    const eightText = Buffer.from(eight).toString('latin1');
    expect(eightText).toMatch(/Content-Type: text\/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64/);
    expect(eightText).toMatch(/Content-Type: message\/rfc822; name=fwd\.eml\r\nContent-Transfer-Encoding: 8bit/);
    expect(Buffer.from(eight).includes(Buffer.from(sjis))).toBe(true);
    const seven = await buildMessage(draft, fixed);
    const parsed = parseMessage(seven);
    const attached = parsed.attachments.find((a) => a.filename === 'fwd.eml');
    expect(attached?.contentType).toBe('application/octet-stream');
    expect(Buffer.from(seven).toString('latin1')).toMatch(/Content-Type: application\/octet-stream; name=fwd\.eml\r\nContent-Transfer-Encoding: base64/);
    expect([...seven].every((b) => b < 0x80)).toBe(true);
  });
});
