import { describe, expect, it } from 'vitest';
import { summarize, threadKeyOf } from '../../../core/sync/summary.js';

const place = { id: 'a/INBOX#7', accountId: 'a', folderId: 'a/INBOX', uid: 7, flags: ['\\Seen'], receivedAt: new Date('2026-02-05T10:00:00Z'), size: 0, bodyDownloaded: true };

describe('summarize', () => {
  it('reads what the list shows from an ISO-2022-JP message with an attachment', () => {
    const subject = Buffer.from('\x1b$B4A;z\x1b(B', 'latin1'); // 漢字
    const raw = Buffer.concat([
      Buffer.from('From: =?ISO-2022-JP?B?GyRCOzNFRBsoQg==?= <yamada@example.jp>\r\nTo: a@example.jp, b@example.jp\r\nCc: c@example.jp\r\nSubject: =?ISO-2022-JP?B?'),
      Buffer.from(subject.toString('base64')),
      Buffer.from('?=\r\nDate: Thu, 05 Feb 2026 19:20:30 +0900\r\nMessage-ID: <m2@example.jp>\r\nIn-Reply-To: <m1@example.jp>\r\nReferences: <m0@example.jp> <m1@example.jp>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=x\r\n\r\n--x\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n  Hello\r\n\r\n  world  \r\n--x\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename=a.pdf\r\n\r\n%PDF\r\n--x--\r\n'),
    ]);
    const s = summarize(raw, { ...place, size: raw.length });
    expect(s).toMatchObject({
      id: 'a/INBOX#7',
      uid: 7,
      subject: '漢字',
      from: [{ name: '山田', address: 'yamada@example.jp' }],
      to: [{ address: 'a@example.jp' }, { address: 'b@example.jp' }],
      cc: [{ address: 'c@example.jp' }],
      date: '2026-02-05T10:20:30.000Z',
      snippet: 'Hello world',
      hasAttachments: true,
      messageId: 'm2@example.jp',
      inReplyTo: 'm1@example.jp',
      references: ['m0@example.jp', 'm1@example.jp'],
      threadKey: 'm0@example.jp',
      flags: ['\\Seen'],
      delivery: null,
    });
  });

  it('handles a header-only message and a message without ids or date', () => {
    const s = summarize(Buffer.from('Subject: big\r\nContent-Type: multipart/mixed; boundary=z\r\n\r\n'), { ...place, bodyDownloaded: false });
    expect(s).toMatchObject({ subject: 'big', snippet: '', hasAttachments: true, bodyDownloaded: false, messageId: null, date: null, threadKey: 'a/INBOX#7' });
  });

  it('threads by the root of References, else In-Reply-To, else the own id', () => {
    expect(threadKeyOf('c', 'b', ['a', 'b'], 'x')).toBe('a');
    expect(threadKeyOf('c', 'b', [], 'x')).toBe('b');
    expect(threadKeyOf('c', undefined, [], 'x')).toBe('c');
    expect(threadKeyOf(undefined, undefined, [], 'x')).toBe('x');
  });
});
