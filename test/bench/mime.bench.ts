/**
 * MIME parse throughput: Tegami's parser against postal-mime and mailparser on one generated
 * corpus (~2,000 messages, ~100 MB: plain, multipart/alternative, quoted-printable, 200 KB
 * base64 attachments, ISO-2022-JP and Shift_JIS mail with encoded subjects), in the same
 * process and run, rounds interleaved. Every parser's subjects and bodies are checked to be
 * the same as Tegami's before any number is reported.
 */
import PostalMime from 'postal-mime';
import { simpleParser } from 'mailparser';
import { MimeParser, parseMessage } from '../../core/mime/index.js';
import { bytesToBase64, encodeIso2022Jp, encodeShiftJis } from '../core/mime/support/japanese.js';
import type { BenchReport, BenchRow } from './types.js';

const MESSAGES = 2000;
const ROUNDS = 3;
const ATTACHMENT_SIZE = 200 * 1024;
/** Every 5th message carries a 200 KB attachment (~270 KB of base64): 400 of them, ~108 MB. */
const ATTACHMENT_EVERY = 5;

const enc = new TextEncoder();

/** A small deterministic PRNG (mulberry32) so the corpus is the same in every run. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = 'the quick brown fox jumps over lazy dog mail server client message header body part boundary charset encoding'.split(' ');
const LATIN = 'café résumé naïve Grüße Straße façade déjà-vu smörgåsbord jalapeño'.split(' ');
const JAPANESE = ['会議', '資料', '送付', 'について', 'ご確認', 'ください', 'よろしく', 'お願い', 'します', '本日', '打ち合わせ', '予定'];

function sentence(rand: () => number, words: readonly string[], n: number, sep = ' '): string {
  return Array.from({ length: n }, () => words[Math.floor(rand() * words.length)] ?? '').join(sep);
}

function wrapBase64(b64: string): string {
  return b64.replace(/.{76}/g, '$&\r\n');
}

function qp(text: string): string {
  let out = '';
  let line = 0;
  for (const b of enc.encode(text)) {
    const token = b === 0x0a ? '\r\n' : b === 0x0d ? '' : b > 0x7e || b === 0x3d ? `=${b.toString(16).toUpperCase().padStart(2, '0')}` : String.fromCharCode(b);
    if (token === '\r\n') {
      out += token;
      line = 0;
      continue;
    }
    if (line + token.length > 75) {
      out += '=\r\n';
      line = 0;
    }
    out += token;
    line += token.length;
  }
  return out;
}

function header(i: number, subject: string, contentType: string, extra = ''): string {
  return `Return-Path: <sender${i}@example.org>\r\nReceived: from mx.example.org (mx.example.org [192.0.2.${i % 250}]) by mail.example.com (Postfix) with ESMTPS id ${i.toString(36)}; Sat, 7 Mar 2026 10:00:00 +0000\r\nFrom: Sender ${i} <sender${i}@example.org>\r\nTo: Reader <reader@example.com>\r\nSubject: ${subject}\r\nDate: Sat, 7 Mar 2026 10:${String(i % 60).padStart(2, '0')}:00 +0000\r\nMessage-ID: <bench.${i}@example.org>\r\nMIME-Version: 1.0\r\nContent-Type: ${contentType}\r\n${extra}\r\n`;
}

export function buildCorpus(): Uint8Array[] {
  const rand = prng(20260307);
  const attachment = new Uint8Array(ATTACHMENT_SIZE);
  for (let i = 0; i < attachment.length; i++) attachment[i] = Math.floor(rand() * 256);
  const attachmentB64 = wrapBase64(bytesToBase64(attachment));
  const corpus: Uint8Array[] = [];
  for (let i = 0; i < MESSAGES; i++) {
    const kind = i % 10;
    const text = Array.from({ length: 10 + Math.floor(rand() * 30) }, () => sentence(rand, WORDS, 12)).join('\n');
    let msg: Uint8Array;
    if (kind === 0 || kind === 5) {
      // ISO-2022-JP: subject as two B encoded words, 7bit body.
      const subject = sentence(rand, JAPANESE, 4, '');
      const words = [subject.slice(0, 3), subject.slice(3)].map((s) => `=?ISO-2022-JP?B?${bytesToBase64(encodeIso2022Jp(s))}?=`).join('\r\n ');
      const body = Array.from({ length: 20 }, () => sentence(rand, JAPANESE, 8, '')).join('\r\n');
      msg = concat(enc.encode(header(i, words, 'text/plain; charset=ISO-2022-JP', 'Content-Transfer-Encoding: 7bit\r\n')), encodeIso2022Jp(body), enc.encode('\r\n'));
    } else if (kind === 1) {
      // Shift_JIS, base64 body.
      const subject = sentence(rand, JAPANESE, 4, '');
      const body = Array.from({ length: 20 }, () => sentence(rand, JAPANESE, 8, '')).join('\r\n');
      msg = enc.encode(header(i, `=?Shift_JIS?B?${bytesToBase64(encodeShiftJis(subject))}?=`, 'text/plain; charset=Shift_JIS', 'Content-Transfer-Encoding: base64\r\n') + wrapBase64(bytesToBase64(encodeShiftJis(body))) + '\r\n');
    } else if (kind === 2 || kind === 3) {
      // multipart/alternative, UTF-8 QP.
      const latin = `${text}\n${sentence(rand, LATIN, 40)}`;
      msg = enc.encode(
        header(i, `=?UTF-8?Q?${qp(sentence(rand, LATIN, 3)).replace(/=\r\n/g, '').replace(/ /g, '_')}?= report ${i}`, 'multipart/alternative; boundary="alt-' + i + '"') +
          `--alt-${i}\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n${qp(latin)}\r\n` +
          `--alt-${i}\r\nContent-Type: text/html; charset=UTF-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n${qp(`<html><body><p>${latin.replace(/\n/g, '</p>\n<p>')}</p></body></html>`)}\r\n--alt-${i}--\r\n`,
      );
    } else {
      msg = enc.encode(header(i, `Plain message ${i}: ${sentence(rand, WORDS, 5)}`, 'text/plain; charset=us-ascii', 'Content-Transfer-Encoding: 7bit\r\n') + text.replace(/\n/g, '\r\n') + '\r\n');
    }
    if (i % ATTACHMENT_EVERY === 4) {
      // Wrap in multipart/mixed with a 200 KB base64 attachment.
      const text2 = new TextDecoder().decode(msg);
      const split = text2.indexOf('\r\nContent-Type: ');
      const headEnd = text2.indexOf('\r\n\r\n');
      const mainHeaders = text2.slice(0, split + 2);
      const partHeaders = text2.slice(split + 2, headEnd + 2);
      const bodyBytes = msg.subarray(enc.encode(text2.slice(0, headEnd + 4)).length);
      msg = concat(
        enc.encode(`${mainHeaders}Content-Type: multipart/mixed; boundary="mix-${i}"\r\n\r\n--mix-${i}\r\n${partHeaders}\r\n`),
        bodyBytes,
        enc.encode(`\r\n--mix-${i}\r\nContent-Type: application/octet-stream; name="data-${i}.bin"\r\nContent-Disposition: attachment; filename="data-${i}.bin"\r\nContent-Transfer-Encoding: base64\r\n\r\n${attachmentB64}\r\n--mix-${i}--\r\n`),
      );
    }
    corpus.push(msg);
  }
  return corpus;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

interface Reading {
  subject: string;
  text: string;
  html: string;
  attachmentBytes: number;
}

const normalize = (s: string | undefined | false): string => (typeof s === 'string' ? s.replace(/\r\n/g, '\n').replace(/\s+$/, '') : '');

type Parser = (bytes: Uint8Array) => Promise<Reading>;

const parsers: Record<string, Parser> = {
  tegami: async (bytes) => {
    const m = parseMessage(bytes);
    return { subject: m.subject ?? '', text: normalize(m.text), html: normalize(m.html), attachmentBytes: m.attachments.reduce((n, a) => n + a.size, 0) };
  },
  'postal-mime': async (bytes) => {
    const m = await PostalMime.parse(bytes);
    return {
      subject: m.subject ?? '',
      text: normalize(m.text),
      html: normalize(m.html),
      attachmentBytes: m.attachments.reduce((n, a) => n + (typeof a.content === 'string' ? a.content.length : a.content.byteLength), 0),
    };
  },
  mailparser: async (bytes) => {
    const m = await simpleParser(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    return { subject: m.subject ?? '', text: normalize(m.text), html: normalize(m.html), attachmentBytes: m.attachments.reduce((n, a) => n + a.size, 0) };
  },
};

function memory(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

async function measure(parse: Parser, corpus: readonly Uint8Array[]): Promise<{ ms: number; peakMb: number }> {
  (globalThis as { gc?: () => void }).gc?.();
  const base = memory();
  let peak = base;
  const start = performance.now();
  for (let i = 0; i < corpus.length; i++) {
    await parse(corpus[i] as Uint8Array);
    if (i % 25 === 0) peak = Math.max(peak, memory());
  }
  const ms = performance.now() - start;
  peak = Math.max(peak, memory());
  return { ms, peakMb: (peak - base) / 1e6 };
}

const BIG_ATTACHMENT = 50 * 1024 * 1024;
const STREAM_CHUNK = 64 * 1024;

/**
 * Streams a message with one 50 MB base64 attachment through the push parser in 64 KB chunks
 * that are generated on the fly (the input is never held), hashing-style consumption through
 * `chunks`; returns the peak of heap + buffers above the start, in MB.
 */
function streamBigAttachment(): number {
  (globalThis as { gc?: () => void }).gc?.();
  const base = memory();
  let peak = base;
  const parser = new MimeParser();
  parser.write(enc.encode('From: a@example.com\r\nSubject: big\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nsee attachment\r\n--b\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\n'));
  const raw = new Uint8Array(57 * 1024); // 57 bytes per 76-character line
  for (let i = 0; i < raw.length; i++) raw[i] = (i * 31) & 0xff;
  const line = wrapBase64(bytesToBase64(raw)) + '\r\n';
  const block = enc.encode(line);
  for (let sent = 0; sent < BIG_ATTACHMENT; sent += raw.length) {
    for (let o = 0; o < block.length; o += STREAM_CHUNK) parser.write(block.slice(o, o + STREAM_CHUNK));
    if ((sent / raw.length) % 16 === 0) peak = Math.max(peak, memory());
  }
  parser.write(enc.encode('--b--\r\n'));
  const message = parser.end();
  peak = Math.max(peak, memory());
  let total = 0;
  for (const chunk of message.attachments[0]?.chunks ?? []) total += chunk.length;
  if (total < BIG_ATTACHMENT) throw new Error(`mime bench: streamed attachment decoded to ${total} bytes`);
  return (peak - base) / 1e6;
}

export default async function run(): Promise<BenchReport> {
  const corpus = buildCorpus();
  const totalBytes = corpus.reduce((n, m) => n + m.length, 0);
  const notes: string[] = [`corpus: ${corpus.length} messages, ${(totalBytes / 1e6).toFixed(1)} MB (plain, alternative QP, ISO-2022-JP, Shift_JIS, ${Math.floor(MESSAGES / ATTACHMENT_EVERY)} × 200 KB base64 attachments)`];

  // Same readings first: a parser that skips work must not look fast.
  const reference = await Promise.all(corpus.map((m) => parsers.tegami?.(m) as Promise<Reading>));
  for (const name of ['postal-mime', 'mailparser']) {
    const parse = parsers[name] as Parser;
    let subjects = 0;
    let bodies = 0;
    let attachments = 0;
    const examples: string[] = [];
    for (let i = 0; i < corpus.length; i++) {
      const mine = reference[i] as Reading;
      const theirs = await parse(corpus[i] as Uint8Array);
      if (theirs.subject === mine.subject) subjects++;
      else if (examples.length < 3) examples.push(`#${i} subject ${JSON.stringify(theirs.subject)} vs ${JSON.stringify(mine.subject)}`);
      if (theirs.text === mine.text && (name === 'mailparser' || theirs.html === mine.html)) bodies++;
      else if (examples.length < 3) examples.push(`#${i} body differs`);
      if (theirs.attachmentBytes === mine.attachmentBytes) attachments++;
    }
    notes.push(`${name}: ${subjects}/${corpus.length} subjects, ${bodies}/${corpus.length} bodies, ${attachments}/${corpus.length} attachment sizes identical to Tegami's${examples.length > 0 ? ` (${examples.join('; ')})` : ''}`);
    if (subjects !== corpus.length || bodies !== corpus.length) throw new Error(`mime bench: ${name} reads the corpus differently: ${notes[notes.length - 1] ?? ''}`);
  }

  const samples: Record<string, { mbs: number[]; msgs: number[]; peak: number[] }> = {};
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, parse] of Object.entries(parsers)) {
      const { ms, peakMb } = await measure(parse, corpus);
      const s = (samples[name] ??= { mbs: [], msgs: [], peak: [] });
      s.mbs.push(totalBytes / 1e6 / (ms / 1000));
      s.msgs.push(corpus.length / (ms / 1000));
      s.peak.push(peakMb);
    }
  }
  const rows: BenchRow[] = [];
  for (const [name, s] of Object.entries(samples)) {
    rows.push({ subject: name, metric: 'parse throughput', unit: 'MB/s', samples: s.mbs });
    rows.push({ subject: name, metric: 'parse rate', unit: 'msg/s', samples: s.msgs });
    rows.push({ subject: name, metric: 'peak heap + buffers above start', unit: 'MB', samples: s.peak });
  }
  const streamPeaks: number[] = [];
  for (let round = 0; round < ROUNDS; round++) streamPeaks.push(streamBigAttachment());
  rows.push({ subject: 'tegami', metric: '50 MB attachment streamed in 64 KB chunks: peak heap + buffers', unit: 'MB', samples: streamPeaks });
  notes.push(`streaming: a ${BIG_ATTACHMENT / 2 ** 20} MiB attachment fed in ${STREAM_CHUNK / 1024} KiB chunks peaks at ${Math.max(...streamPeaks).toFixed(0)} MB above start (the decoded bytes are kept once, as chunks; the input is not kept)`);
  const median = (xs: readonly number[]): number => {
    const sorted = [...xs].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)] ?? 0;
  };
  const mine = median(samples['tegami']?.mbs ?? []);
  const ratios: Record<string, number> = {};
  for (const peer of ['postal-mime', 'mailparser']) ratios[peer] = mine / median(samples[peer]?.mbs ?? [1]);
  notes.push('target: at least 2× the faster peer');
  return { name: 'mime', rows, ratios, notes };
}
