/**
 * Interoperability with the libraries our users' mail comes from and goes to: messages
 * composed by nodemailer are read by Tegami's parser, and messages built by Tegami are read
 * the same way by postal-mime and mailparser. No network: composition and parsing only.
 */
import { describe, expect, it } from 'vitest';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import PostalMime from 'postal-mime';
import { simpleParser } from 'mailparser';
import { buildMessage, parseMessage, type MessageDraft } from '../../../core/mime/index.js';

function compose(options: ConstructorParameters<typeof MailComposer>[0]): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    new MailComposer(options).compile().build((error, message) => (error ? reject(error) : resolve(new Uint8Array(message))));
  });
}

const binary = Uint8Array.from({ length: 4000 }, (_, i) => (i * 131 + 7) & 0xff);

describe('interop: nodemailer → Tegami', () => {
  it('reads Japanese headers, alternative bodies, inline images and Unicode filenames', async () => {
    const bytes = await compose({
      from: '山田 太郎 <taro@example.jp>',
      to: [{ name: 'Smith, John', address: 'john@example.com' }, 'carol@example.com'],
      cc: 'Grüße <gruss@example.de>',
      subject: '会議資料の送付について（第2回）とても長い件名でも折り返しが正しく読めること',
      text: '山田です。\n資料を添付します。\n'.repeat(20),
      html: '<p>山田です。<img src="cid:logo@x"></p>',
      attachments: [
        { filename: '会議 資料 2026.pdf', content: Buffer.from(binary), contentType: 'application/pdf' },
        { filename: 'logo.png', content: Buffer.from([1, 2, 3]), cid: 'logo@x', contentType: 'image/png' },
      ],
      messageId: '<interop.1@example.jp>',
    });
    const m = parseMessage(bytes);
    expect(m.subject).toBe('会議資料の送付について（第2回）とても長い件名でも折り返しが正しく読めること');
    expect(m.from[0]).toMatchObject({ name: '山田 太郎', address: 'taro@example.jp' });
    expect(m.to.map((a) => a.kind === 'mailbox' && [a.name, a.address])).toEqual([['Smith, John', 'john@example.com'], ['', 'carol@example.com']]);
    expect(m.cc[0]).toMatchObject({ name: 'Grüße' });
    expect(m.text).toBe('山田です。\n資料を添付します。\n'.repeat(20));
    expect(m.html).toBe('<p>山田です。<img src="cid:logo@x"></p>');
    const pdf = m.attachments.find((a) => a.contentType === 'application/pdf');
    expect(pdf?.filename).toBe('会議 資料 2026.pdf');
    expect(Array.from(pdf?.content ?? [])).toEqual(Array.from(binary));
    expect(m.attachments.find((a) => a.contentId === 'logo@x')?.related).toBe(true);
    expect(m.messageId).toBe('interop.1@example.jp');
    expect(m.warnings).toEqual([]);
  });
});

describe('interop: Tegami → postal-mime and mailparser', () => {
  const draft: MessageDraft = {
    from: { name: '佐藤 花子', address: 'hanako@例え.jp' },
    to: [{ name: 'Dupré, René', address: 'rene@example.fr' }],
    subject: '返信: 来週の打ち合わせ — agenda & “quotes”',
    text: '佐藤です。\n\n来週の件、承知しました。\n> 引用された行\n',
    html: '<p>佐藤です。</p><p><img src="cid:sig"></p>',
    attachments: [
      { filename: '見積書 (最終版).xlsx', contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', content: binary },
      { filename: 'sig.png', contentType: 'image/png', content: Uint8Array.of(9, 8, 7), disposition: 'inline', contentId: 'sig' },
    ],
  };

  it('postal-mime reads what Tegami wrote', async () => {
    const bytes = await buildMessage(draft);
    const m = await PostalMime.parse(bytes);
    expect(m.subject).toBe(draft.subject);
    expect(m.from?.name).toBe('佐藤 花子');
    expect(m.to?.[0]?.name).toBe('Dupré, René');
    // postal-mime keeps the CRLF line ends of the wire form and ends HTML with a newline.
    expect(m.text?.replace(/\r\n/g, '\n')).toBe(draft.text);
    expect(m.html?.trimEnd()).toBe(draft.html);
    const xlsx = m.attachments.find((a) => a.filename === '見積書 (最終版).xlsx');
    expect(new Uint8Array(xlsx?.content as ArrayBuffer)).toEqual(binary);
    expect(m.attachments.find((a) => a.contentId === '<sig>')?.related).toBe(true);
  });

  it('mailparser reads what Tegami wrote, with 8BITMIME output too', async () => {
    for (const eightBitMime of [false, true]) {
      const bytes = await buildMessage(draft, { eightBitMime });
      const m = await simpleParser(Buffer.from(bytes));
      expect(m.subject).toBe(draft.subject);
      expect(m.text).toBe(draft.text);
      // mailparser inlines cid: images as data URLs: proof it found the related image.
      expect(m.html).toBe('<p>佐藤です。</p><p><img src="data:image/png;base64,CQgH"></p>');
      const xlsx = m.attachments.find((a) => a.filename === '見積書 (最終版).xlsx');
      expect(new Uint8Array(xlsx?.content ?? Buffer.alloc(0))).toEqual(binary);
    }
  });
});

describe('interop: random drafts read the same by mailparser (property)', () => {
  it('subject, names, addresses, text and attachments survive', async () => {
    const fc = (await import('fast-check')).default;
    const unit = fc.constantFrom(...'abcXYZ019 .,;:"\\()<>@[]=?_-\'!', 'あ', 'ア', '日', '本', '語', '、', 'ü', 'é', '€', '😀');
    const phrase = fc.string({ unit, maxLength: 30 }).map((s) => s.replace(/\s+/g, ' ').trim());
    const address = fc.tuple(fc.stringMatching(/^[a-z0-9]{1,8}(?:[._-][a-z0-9]{1,6})?$/), fc.constantFrom('example.com', 'mail.example.org')).map(([l, d]) => `${l}@${d}`);
    const arb = fc.record({
      from: fc.record({ name: phrase, address }),
      to: fc.array(fc.record({ name: phrase, address }), { minLength: 1, maxLength: 3 }),
      subject: fc.string({ unit, maxLength: 100 }).map((s) => s.replace(/\s+/g, ' ').trim()),
      text: fc.array(fc.string({ unit, maxLength: 100 }), { minLength: 1, maxLength: 5 }).map((l) => `${l.join('\n')}\n`),
      attachments: fc.array(fc.record({ filename: phrase.filter((p) => p !== ''), content: fc.uint8Array({ maxLength: 500 }) }), { maxLength: 2 }),
    });
    await fc.assert(
      fc.asyncProperty(arb, async (draft) => {
        const m = await simpleParser(Buffer.from(await buildMessage(draft)));
        expect(m.subject ?? '').toBe(draft.subject);
        expect(m.from?.value.map((v) => [v.name, v.address])).toEqual([[draft.from.name, draft.from.address]]);
        const to = Array.isArray(m.to) ? m.to.flatMap((t) => t.value) : (m.to?.value ?? []);
        expect(to.map((v) => [v.name, v.address])).toEqual(draft.to.map((t) => [t.name, t.address]));
        expect(m.text).toBe(draft.text);
        expect(m.attachments.map((a) => [a.filename, Array.from(a.content)])).toEqual(draft.attachments.map((a) => [a.filename, Array.from(a.content)]));
      }),
      { seed: 822, numRuns: 150 },
    );
  });
});
