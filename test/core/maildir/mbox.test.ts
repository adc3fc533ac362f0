import { describe, expect, it } from 'vitest';
import { formatFromLine, parseFromLine } from '../../../core/maildir/from-line.js';
import { readMbox, type MboxFormat } from '../../../core/maildir/mbox-reader.js';
import { envelopeSender, mboxrdMessage } from '../../../core/maildir/mbox-writer.js';
import { bytes, collect } from './helpers.js';

async function* chunked(data: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < data.length; i += size) yield data.subarray(i, i + size);
}

async function parse(text: string | Uint8Array, format: MboxFormat = 'mboxrd', chunk = 7): Promise<{ sender: string; date: string | undefined; text: string }[]> {
  const out = [];
  for await (const m of readMbox(chunked(typeof text === 'string' ? bytes(text) : text, chunk), format)) {
    out.push({ sender: m.sender, date: m.date?.toISOString(), text: (await collect(m.content)).toString('latin1') });
  }
  return out;
}

describe('mbox From_ lines', () => {
  it('parses the asctime date as UTC and the sender', () => {
    expect(parseFromLine(bytes('From alice@example.com Wed Jan  3 01:05:34 1996\n'))).toEqual({ sender: 'alice@example.com', date: new Date('1996-01-03T01:05:34Z') });
    expect(parseFromLine(bytes('From MAILER-DAEMON Fri Jul 8 12:08:34 2011 +0900\r\n'))?.date?.toISOString()).toBe('2011-07-08T03:08:34.000Z');
    expect(parseFromLine(bytes('From here on, we ship on Mondays.\n'))).toBeUndefined();
    expect(parseFromLine(bytes('From: header\n'))).toBeUndefined();
    expect(formatFromLine('bob@example.com', new Date('2024-02-05T09:08:07Z'))).toBe('From bob@example.com Mon Feb  5 09:08:07 2024\n');
  });

  it('picks the envelope sender from Return-Path, then From', () => {
    expect(envelopeSender('Return-Path: <bounce@example.com>\nFrom: A <a@example.com>')).toBe('bounce@example.com');
    expect(envelopeSender('From: A\n <a@example.com>')).toBe('a@example.com');
    expect(envelopeSender('From: a@example.com')).toBe('a@example.com');
    expect(envelopeSender('Return-Path: <>\nSubject: x')).toBe('MAILER-DAEMON');
  });
});

describe('reading mbox', () => {
  const mboxrd = [
    'From alice@example.com Wed Jan  3 01:05:34 1996',
    'Subject: one',
    'Content-Length: 3',
    '',
    '>From the start',
    '>>From quoted once',
    '>>>From quoted twice',
    '> From not a From line',
    'From here on it is body text, not a separator',
    '',
    'From bob@example.com Mon Feb 12 10:00:00 2024',
    'Subject: two',
    '',
    'two',
    '',
    '',
  ].join('\n');

  it('splits at From_ lines after a blank line, ignores Content-Length, unquotes mboxrd', async () => {
    for (const chunk of [1, 7, 4096]) {
      const messages = await parse(mboxrd, 'mboxrd', chunk);
      expect(messages).toEqual([
        {
          sender: 'alice@example.com',
          date: '1996-01-03T01:05:34.000Z',
          text: 'Subject: one\nContent-Length: 3\n\nFrom the start\n>From quoted once\n>>From quoted twice\n> From not a From line\nFrom here on it is body text, not a separator\n',
        },
        { sender: 'bob@example.com', date: '2024-02-12T10:00:00.000Z', text: 'Subject: two\n\ntwo\n' },
      ]);
    }
  });

  it('unquotes only a single ">" in mboxo', async () => {
    const [first] = await parse(mboxrd, 'mboxo');
    expect(first?.text).toContain('\nFrom the start\n>>From quoted once\n>>>From quoted twice\n');
  });

  it('does not split at an unquoted From line inside a body, even after a blank line', async () => {
    const text = 'From a@example.com Wed Jan  3 01:05:34 1996\nSubject: x\n\nhello\n\nFrom the desk of the editor\nbye\n';
    const messages = await parse(text);
    expect(messages.length).toBe(1);
    expect(messages[0]?.text).toBe('Subject: x\n\nhello\n\nFrom the desk of the editor\nbye\n');
  });

  it('needs the blank line before a From_ line (a dated From line right after text is body)', async () => {
    const text = 'From a@example.com Wed Jan  3 01:05:34 1996\nSubject: x\n\nquoted:\nFrom b@example.com Thu Jan  4 01:05:34 1996\n';
    expect((await parse(text)).length).toBe(1);
  });

  it('keeps CRLF line endings and very long lines intact', async () => {
    const long = 'y'.repeat(200_000);
    const text = `From a@example.com Wed Jan  3 01:05:34 1996\r\nSubject: crlf\r\n\r\n${long}\r\n>From x\r\n\r\nFrom b@example.com Wed Jan  3 01:05:35 1996\r\nSubject: 2\r\n\r\nz\r\n`;
    const messages = await parse(text, 'mboxrd', 1000);
    expect(messages.map((m) => m.text)).toEqual([`Subject: crlf\r\n\r\n${long}\r\nFrom x\r\n`, 'Subject: 2\r\n\r\nz\r\n']);
  });

  it('rejects a file that is not an mbox, and reads an empty one as no messages', async () => {
    await expect(parse('Subject: hi\n\nbody\n')).rejects.toMatchObject({ code: 'invalid-argument' });
    expect(await parse('')).toEqual([]);
  });

  it('streams: a message is handed on in chunks while it is read', async () => {
    const body = 'z'.repeat(100) + '\n';
    const text = `From a@example.com Wed Jan  3 01:05:34 1996\nSubject: big\n\n${body.repeat(20_000)}`;
    const sizes: number[] = [];
    for await (const m of readMbox(chunked(bytes(text), 8192))) for await (const c of m.content) sizes.push(c.length);
    expect(sizes.length).toBeGreaterThan(10);
    expect(Math.max(...sizes)).toBeLessThan(200_000);
  });
});

describe('writing mboxrd', () => {
  it('quotes every >*From line with one more ">" and adds the separator', async () => {
    const content = bytes('Subject: q\n\nFrom a\n>From b\n>>From c\n>From\nno newline');
    const out = (await collect(mboxrdMessage('s@example.com', new Date('2024-02-05T09:08:07Z'), chunked(content, 3)))).toString();
    expect(out).toBe('From s@example.com Mon Feb  5 09:08:07 2024\nSubject: q\n\n>From a\n>>From b\n>>>From c\n>From\nno newline\n\n');
  });

  it('reads back what it wrote, byte for byte', async () => {
    const originals = ['Subject: 1\n\nFrom me\n>From you\n\n\n', 'Subject: 2\r\n\r\n>>From x\r\n', 'Subject: 3\n\n'];
    const parts: Buffer[] = [];
    for (const text of originals) parts.push(await collect(mboxrdMessage('a@b', new Date(0), chunked(bytes(text), 5))));
    const back = await parse(Buffer.concat(parts));
    expect(back.map((m) => m.text)).toEqual(originals);
  });
});
