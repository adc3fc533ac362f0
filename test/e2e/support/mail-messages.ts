/**
 * The mail the end-to-end mail test delivers to alice before and during the run, built per run
 * so subjects and Message-IDs are unique: a Japanese message in ISO-2022-JP (RFC 1468) that
 * crossed two MTAs before ours (so the Received path has hops to show, one of them slow), a
 * message from bob with a CSV attachment, and a few ordinary messages so the Inbox has
 * something to fill with.
 */
import { bytesToBase64, encodeIso2022Jp } from '../../core/mime/support/japanese.js';

export interface TestMail {
  readonly subject: string;
  readonly messageId: string;
  readonly raw: Buffer;
}

function b64Word(text: string): string {
  return `=?ISO-2022-JP?B?${bytesToBase64(encodeIso2022Jp(text))}?=`;
}

function crlf(lines: readonly string[]): string {
  return lines.join('\r\n');
}

/** Japanese: the subject's two encoded words, then the run's ASCII token. */
export const JAPANESE_SUBJECT = '会議資料の送付について';
export const JAPANESE_SENDER = '田中太郎';
export const JAPANESE_BODY_LINE = '会議資料を送付します。';

/** An RFC 5322 date-time in Japan's zone (+0900). */
export function jstDate(ms: number): string {
  return new Date(ms + 9 * 3_600_000).toUTCString().replace('GMT', '+0900');
}

/** How long the relay in Japan held the message: over the reader's 5-minute "slow hop" mark. */
export const SLOW_HOP_MS = 7 * 60_000;

export function japaneseMail(run: string, to: string, now = Date.now()): TestMail {
  const messageId = `<jp-${run}@example.co.jp>`;
  const sent = now - 10 * 60_000;
  const head = crlf([
    // Three hops before the stack's Postfix, read bottom-up: the sender's PC to the submission
    // server, to the outbound relay (a minute), to the receiving MX (7 minutes: a slow hop).
    'Received: from relay.example.co.jp (relay.example.co.jp [192.0.2.25])',
    '\tby mx.tegami.test (Postfix) with ESMTPS id 4QJ8s01234',
    '\t(version=TLS1_3 cipher=TLS_AES_256_GCM_SHA384)',
    `\tfor <${to}>; ${jstDate(sent + 62_000 + SLOW_HOP_MS)}`,
    'Received: from submit.example.co.jp (submit.example.co.jp [192.0.2.10])',
    '\tby relay.example.co.jp (Postfix) with ESMTPSA id 9A1B2C3D4E',
    `\tfor <${to}>; ${jstDate(sent + 62_000)}`,
    'Received: from [198.51.100.7] (pc-tanaka.example.co.jp [198.51.100.7])',
    '\tby submit.example.co.jp with ESMTPSA id abc123',
    `\tfor <${to}>; ${jstDate(sent + 1_000)}`,
    `From: ${b64Word(JAPANESE_SENDER)} <tanaka@example.co.jp>`,
    `To: ${b64Word('アリス')} <${to}>`,
    `Subject: ${b64Word('会議資料の')}`,
    ` ${b64Word('送付について')} ${run}`,
    `Date: ${jstDate(sent)}`,
    `Message-ID: ${messageId}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=ISO-2022-JP',
    'Content-Transfer-Encoding: 7bit',
    '',
    '',
  ]);
  const body = encodeIso2022Jp(`アリス様\r\n\r\n${JAPANESE_BODY_LINE}\r\nご確認ください。\r\n\r\n田中\r\n`);
  return { subject: `${JAPANESE_SUBJECT} ${run}`, messageId, raw: Buffer.concat([Buffer.from(head, 'ascii'), Buffer.from(body)]) };
}

export interface AttachmentMail extends TestMail {
  readonly fileName: string;
  readonly fileBytes: Buffer;
}

export function attachmentMail(run: string, from: string, to: string): AttachmentMail {
  const messageId = `<figures-${run}@tegami.test>`;
  const fileName = `figures-${run}.csv`;
  const fileBytes = Buffer.from(`quarter,revenue,costs\r\nQ1,1200,800\r\nQ2,1350,820\r\nQ3,1490,870\r\n# ${run}\r\n`, 'utf8');
  const boundary = `b-${run}`;
  const subject = `Quarterly figures ${run}`;
  const raw = crlf([
    `From: Bob Builder <${from}>`,
    `To: Alice Liddell <${to}>`,
    `Subject: ${subject}`,
    `Date: ${new Date().toUTCString().replace('GMT', '+0000')}`,
    `Message-ID: ${messageId}`,
    'MIME-Version: 1.0',
    `Content-Type: multipart/mixed; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Hi Alice,',
    '',
    'the figures for the first three quarters are attached.',
    '',
    'Bob',
    `--${boundary}`,
    `Content-Type: text/csv; name="${fileName}"`,
    `Content-Disposition: attachment; filename="${fileName}"`,
    'Content-Transfer-Encoding: base64',
    '',
    ...(fileBytes.toString('base64').match(/.{1,76}/g) ?? []),
    `--${boundary}--`,
    '',
  ]);
  return { subject, messageId, raw: Buffer.from(raw, 'utf8'), fileName, fileBytes };
}

export function plainMail(run: string, index: number, to: string): TestMail {
  const messageId = `<note-${index}-${run}@example.org>`;
  const subject = `Weekly note ${index} ${run}`;
  const date = new Date(Date.UTC(2026, 1, 1 + index, 8, 0)).toUTCString().replace('GMT', '+0000');
  const raw = crlf([
    `From: Newsletter <news@example.org>`,
    `To: ${to}`,
    `Subject: ${subject}`,
    `Date: ${date}`,
    `Message-ID: ${messageId}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    `Note number ${index} of this run.`,
    '',
  ]);
  return { subject, messageId, raw: Buffer.from(raw, 'utf8') };
}

/** bob's answer to alice's reply: In-Reply-To and References make it part of the conversation. */
export function bobAnswer(run: string, from: string, to: string, subject: string, references: readonly string[]): TestMail {
  const messageId = `<answer-${run}@tegami.test>`;
  const last = references[references.length - 1] ?? '';
  const raw = crlf([
    `From: Bob Builder <${from}>`,
    `To: Alice Liddell <${to}>`,
    `Subject: Re: ${subject.replace(/^(re:\s*)+/i, '')}`,
    `Date: ${new Date().toUTCString().replace('GMT', '+0000')}`,
    `Message-ID: ${messageId}`,
    `In-Reply-To: ${last}`,
    `References: ${references.join(' ')}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    `Thanks Alice, got the file (${run}).`,
    '',
  ]);
  return { subject: `Re: ${subject.replace(/^(re:\s*)+/i, '')}`, messageId, raw: Buffer.from(raw, 'utf8') };
}
