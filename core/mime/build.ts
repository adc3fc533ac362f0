/**
 * The message builder: a typed draft in, RFC 5322/MIME bytes out, as a stream of chunks so
 * a large attachment is read, encoded and handed on piece by piece (never held twice), or as
 * one Uint8Array for small messages.
 *
 * Structure (RFC 2046, RFC 2387):
 *   text and HTML            → multipart/alternative (text first, the preferred last)
 *   HTML with inline images  → multipart/related (HTML first, images by Content-ID)
 *   attachments, forwards    → multipart/mixed around all of it
 * Encodings per part (RFC 2045 §6): 7bit when the text is ASCII with lines ≤ 998; 8bit when
 * the server takes 8BITMIME; quoted-printable for mostly-ASCII text; base64 otherwise and for
 * all binary attachments; an attached message as it is (see embeddedMessage). Bcc goes into the
 * envelope; it is written into the header only for a copy the sender keeps (a draft, the Sent
 * copy: see BuildOptions.keepBcc), never into what is submitted.
 */
import { flattenAddresses, parseAddressList } from './address.js';
import { Base64Encoder } from './base64.js';
import { isAsciiString, utf8 } from './bytes.js';
import { formatMailDate } from './date.js';
import { encodeQuotedPrintable } from './qp.js';
import { domainToAscii } from './punycode.js';
import {
  encodeMailbox,
  encodeMailboxList,
  encodeParameterized,
  encodeText,
  encodeWords,
  foldHeader,
  MAX_LINE_LENGTH,
  MimeBuildError,
  type DraftMailbox,
  type HeaderWriteOptions,
} from './build-headers.js';

export { MimeBuildError, type DraftMailbox } from './build-headers.js';

export type DraftAddress = string | DraftMailbox;

export type AttachmentContent = Uint8Array | string | AsyncIterable<Uint8Array> | Iterable<Uint8Array>;

export interface DraftAttachment {
  readonly filename?: string;
  /** Defaults to application/octet-stream (message/rfc822 for `forward`). */
  readonly contentType?: string;
  readonly content: AttachmentContent;
  /** "inline" with a contentId puts it in multipart/related beside the HTML. */
  readonly disposition?: 'attachment' | 'inline';
  /** Content-ID without angle brackets, referenced from HTML as cid:... */
  readonly contentId?: string;
}

export interface MessageDraft {
  readonly from: DraftAddress;
  readonly sender?: DraftAddress;
  readonly replyTo?: DraftAddress | readonly DraftAddress[];
  readonly to?: readonly DraftAddress[];
  readonly cc?: readonly DraftAddress[];
  /** In the envelope; in the header only with BuildOptions.keepBcc. */
  readonly bcc?: readonly DraftAddress[];
  readonly subject?: string;
  readonly text?: string;
  readonly html?: string;
  readonly attachments?: readonly DraftAttachment[];
  /** Messages forwarded as attachments (message/rfc822), raw bytes. */
  readonly forward?: ReadonlyArray<{ readonly content: Uint8Array; readonly filename?: string }>;
  readonly messageId?: string;
  readonly date?: Date;
  readonly inReplyTo?: string;
  readonly references?: readonly string[];
  /** Extra header fields, written after the standard ones. */
  readonly headers?: ReadonlyArray<readonly [string, string]>;
}

export interface BuildOptions {
  /** The server announced 8BITMIME (RFC 6152): text may go as 8bit. */
  readonly eightBitMime?: boolean;
  /**
   * The server is known to take 8BITMIME, but text is still to be written 7-bit (a message built
   * ahead of its delivery, kept in the Outbox): only attached messages (message/rfc822), which
   * must not be encoded, go as 8bit. Implied by eightBitMime.
   */
  readonly eightBitAttachedMessages?: boolean;
  /** The server announced SMTPUTF8 (RFC 6531): UTF-8 headers and addresses go as is. */
  readonly smtpUtf8?: boolean;
  /**
   * Write a Bcc field: for a copy only the sender reads (a saved draft, which must reopen with its
   * Bcc recipients; the Outbox/Sent copy). RFC 5322 §3.6.3 allows it there; the bytes submitted
   * over SMTP must go without it (withoutBcc in strip-headers.ts), as Thunderbird does.
   */
  readonly keepBcc?: boolean;
  /** Host for generated Message-IDs; defaults to the From domain. */
  readonly messageIdHost?: string;
  /** Clock for Date (tests). */
  readonly now?: () => Date;
  /** Randomness for Message-IDs and boundaries (tests); defaults to crypto.getRandomValues. */
  readonly random?: () => string;
}

export interface Envelope {
  readonly from: string;
  readonly to: readonly string[];
}

/**
 * A draft address: a mailbox object, a bare "local@domain", or a string as people type it
 * ("Name <local@domain>", "local@domain (Name)", encoded words allowed), read with the
 * RFC 5322 address parser.
 */
function mailbox(a: DraftAddress): DraftMailbox {
  if (typeof a !== 'string') return a;
  if (!/[<>"(]/.test(a)) return { address: a.trim() };
  const parsed = flattenAddresses(parseAddressList(a))[0];
  if (parsed === undefined || parsed.address === '') throw new MimeBuildError(`"${a}" is not an address`);
  return parsed.name === '' ? { address: parsed.address } : { name: parsed.name, address: parsed.address };
}

function list(a: DraftAddress | readonly DraftAddress[] | undefined): DraftMailbox[] {
  if (a === undefined) return [];
  return (Array.isArray(a) ? (a as readonly DraftAddress[]) : [a as DraftAddress]).map(mailbox);
}

function defaultRandom(): string {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function envelopeAddress(address: string, smtpUtf8: boolean): string {
  const at = address.lastIndexOf('@');
  return smtpUtf8 || at === -1 ? address : `${address.slice(0, at)}@${domainToAscii(address.slice(at + 1))}`;
}

/** MAIL FROM and RCPT TO for a draft: From (or Sender), and To + Cc + Bcc without duplicates. */
export function draftEnvelope(draft: MessageDraft, options: BuildOptions = {}): Envelope {
  const smtpUtf8 = options.smtpUtf8 ?? false;
  const from = envelopeAddress(mailbox(draft.sender ?? draft.from).address, smtpUtf8);
  const seen = new Set<string>();
  const to: string[] = [];
  for (const m of [...list(draft.to), ...list(draft.cc), ...list(draft.bcc)]) {
    const a = envelopeAddress(m.address, smtpUtf8);
    if (!seen.has(a.toLowerCase())) {
      seen.add(a.toLowerCase());
      to.push(a);
    }
  }
  return { from, to };
}

// ---------------------------------------------------------------------------------------
// The part tree

type Node =
  | { readonly kind: 'multipart'; readonly subtype: string; readonly children: Node[]; readonly params?: ReadonlyArray<readonly [string, string]> }
  | { readonly kind: 'text'; readonly subtype: 'plain' | 'html'; readonly text: string }
  | { readonly kind: 'attachment'; readonly attachment: DraftAttachment; readonly forward: boolean };

function structure(draft: MessageDraft): Node {
  const attachments = draft.attachments ?? [];
  const inline = attachments.filter((a) => a.disposition === 'inline' && a.contentId !== undefined && draft.html !== undefined);
  const regular = attachments.filter((a) => !inline.includes(a));
  let htmlNode: Node | undefined = draft.html === undefined ? undefined : { kind: 'text', subtype: 'html', text: draft.html };
  if (htmlNode !== undefined && inline.length > 0) {
    htmlNode = { kind: 'multipart', subtype: 'related', params: [['type', 'text/html']], children: [htmlNode, ...inline.map((a): Node => ({ kind: 'attachment', attachment: a, forward: false }))] };
  }
  const textNode: Node | undefined = draft.text === undefined ? undefined : { kind: 'text', subtype: 'plain', text: draft.text };
  let body: Node | undefined;
  if (textNode !== undefined && htmlNode !== undefined) body = { kind: 'multipart', subtype: 'alternative', children: [textNode, htmlNode] };
  else body = textNode ?? htmlNode;
  const forwards = (draft.forward ?? []).map((f): Node => ({ kind: 'attachment', attachment: { content: f.content, filename: f.filename, contentType: 'message/rfc822' }, forward: true }));
  const extra = [...regular.map((a): Node => ({ kind: 'attachment', attachment: a, forward: false })), ...forwards];
  if (extra.length === 0) return body ?? { kind: 'text', subtype: 'plain', text: '' };
  return { kind: 'multipart', subtype: 'mixed', children: body === undefined ? extra : [body, ...extra] };
}

// ---------------------------------------------------------------------------------------
// Encoding choice

type TextEncoding = '7bit' | '8bit' | 'quoted-printable' | 'base64';

function lineStats(bytes: Uint8Array): { nonAscii: number; longest: number; bare: boolean } {
  let nonAscii = 0;
  let longest = 0;
  let current = 0;
  let bare = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    if (b === 0x0a) {
      if (bytes[i - 1] !== 0x0d) bare = true;
      longest = Math.max(longest, current);
      current = 0;
      continue;
    }
    if (b === 0x0d) {
      if (bytes[i + 1] !== 0x0a) bare = true;
      continue;
    }
    if (b > 0x7f) nonAscii++;
    if (b === 0) bare = true;
    current++;
  }
  return { nonAscii, longest: Math.max(longest, current), bare };
}

/** RFC 2045 §2.7-2.8 and §6.7: the lightest encoding the content allows. */
export function chooseTextEncoding(crlfText: Uint8Array, eightBit: boolean): TextEncoding {
  const { nonAscii, longest, bare } = lineStats(crlfText);
  if (bare) return 'base64';
  if (nonAscii === 0 && longest <= MAX_LINE_LENGTH) return '7bit';
  if (eightBit && longest <= MAX_LINE_LENGTH) return '8bit';
  // Mostly ASCII (a few accents) reads best as QP; Japanese and other scripts as base64.
  return nonAscii * 3 <= crlfText.length ? 'quoted-printable' : 'base64';
}

/**
 * An attached message (message/rfc822) as it can travel: RFC 2046 §5.2.1 allows only 7bit, 8bit
 * and binary for it — never quoted-printable or base64 — so its bytes go unchanged, in their
 * canonical CRLF form (a stored file with bare LF line ends gets CRLF, RFC 5322 §2.1). Null when
 * they cannot: 8-bit bytes without 8BITMIME, or content that would need "binary" (NUL, a bare
 * CR, lines over 998 octets), for which BINARYMIME (RFC 3030) is not used.
 *
 * The caller then sends the message as application/octet-stream in base64 (named .eml, which
 * readers still open as a message). Thunderbird never encodes a message/* part and writes 8bit
 * whatever the server announced, leaving a server without 8BITMIME to refuse or mangle it; RFC
 * 6152 forbids 8-bit data to such a server, and our transaction refuses it (mailLine). Nor is the
 * embedded message downgraded: re-encoding its parts would change the bytes the recipient gets
 * and break its signatures (DKIM, S/MIME, OpenPGP), which are often why a message is forwarded
 * as an attachment at all.
 */
export function embeddedMessage(bytes: Uint8Array, eightBit: boolean): { readonly encoding: '7bit' | '8bit'; readonly bytes: Uint8Array } | null {
  let canonical = bytes;
  let bareLf = 0;
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === 0x0a && bytes[i - 1] !== 0x0d) bareLf++;
  if (bareLf > 0) {
    canonical = new Uint8Array(bytes.length + bareLf);
    let o = 0;
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i] as number;
      if (b === 0x0a && bytes[i - 1] !== 0x0d) canonical[o++] = 0x0d;
      canonical[o++] = b;
    }
  }
  const { nonAscii, longest, bare } = lineStats(canonical);
  if (bare || longest > MAX_LINE_LENGTH) return null;
  if (nonAscii === 0) return { encoding: '7bit', bytes: canonical };
  return eightBit ? { encoding: '8bit', bytes: canonical } : null;
}

function toCrlf(text: string): string {
  return text.replace(/\r\n|\r|\n/g, '\r\n');
}

// ---------------------------------------------------------------------------------------
// Writing

const CRLF = utf8('\r\n');
const SLICE = 57 * 1024; // a multiple of 3: base64 lines stay aligned across slices

async function* contentChunks(content: AttachmentContent): AsyncGenerator<Uint8Array> {
  if (typeof content === 'string') {
    yield utf8(content);
    return;
  }
  if (content instanceof Uint8Array) {
    for (let i = 0; i < content.length; i += SLICE) yield content.subarray(i, i + SLICE);
    return;
  }
  for await (const chunk of content as AsyncIterable<Uint8Array>) yield chunk;
}

class Writer {
  private counter = 0;
  constructor(
    private readonly options: Required<Pick<BuildOptions, 'eightBitMime' | 'eightBitAttachedMessages' | 'smtpUtf8'>> & { random: () => string },
    private readonly headerOptions: HeaderWriteOptions,
  ) {}

  boundary(): string {
    this.counter++;
    return `----=_Tegami_${this.counter}_${this.options.random()}`;
  }

  async *node(node: Node): AsyncGenerator<Uint8Array> {
    switch (node.kind) {
      case 'multipart': {
        const boundary = this.boundary();
        yield utf8(`Content-Type: ${encodeParameterized(`multipart/${node.subtype}`, [['boundary', boundary], ...(node.params ?? [])])}\r\n\r\n`);
        for (const child of node.children) {
          yield utf8(`--${boundary}\r\n`);
          yield* this.node(child);
          yield CRLF;
        }
        yield utf8(`--${boundary}--\r\n`);
        return;
      }
      case 'text': {
        const bytes = utf8(toCrlf(node.text));
        const encoding = chooseTextEncoding(bytes, this.options.eightBitMime);
        const charset = isAsciiString(node.text) ? 'us-ascii' : 'utf-8';
        yield utf8(`Content-Type: text/${node.subtype}; charset=${charset}\r\nContent-Transfer-Encoding: ${encoding}\r\n\r\n`);
        if (encoding === '7bit' || encoding === '8bit') yield bytes;
        else if (encoding === 'quoted-printable') yield utf8(encodeQuotedPrintable(bytes));
        else yield* this.base64(bytes);
        return;
      }
      case 'attachment': {
        const a = node.attachment;
        let type = (a.contentType ?? (node.forward ? 'message/rfc822' : 'application/octet-stream')).toLowerCase();
        if (!/^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/.test(type)) throw new MimeBuildError(`"${type}" is not a content type`);
        const disposition = a.disposition ?? 'attachment';
        let encoding: TextEncoding = 'base64';
        let identity: Uint8Array | undefined;
        if (type === 'message/rfc822') {
          const embedded = a.content instanceof Uint8Array ? embeddedMessage(a.content, this.options.eightBitMime || this.options.eightBitAttachedMessages) : null;
          if (embedded === null) {
            type = 'application/octet-stream';
          } else {
            encoding = embedded.encoding;
            identity = embedded.bytes;
          }
        }
        const nameParam: [string, string | undefined] = ['name', a.filename === undefined ? undefined : isAsciiString(a.filename) || this.headerOptions.smtpUtf8 ? a.filename : encodeWords(a.filename, 'B').join(' ')];
        // name= in Content-Type for old readers (encoded words, as Outlook writes them);
        // filename in Content-Disposition as RFC 2231, which every current reader prefers.
        let head = `Content-Type: ${encodeParameterized(type, [nameParam])}\r\n`;
        head += `Content-Transfer-Encoding: ${encoding}\r\n`;
        head += `Content-Disposition: ${encodeParameterized(disposition, [['filename', a.filename]])}\r\n`;
        if (a.contentId !== undefined) {
          if (/[\s<>]/.test(a.contentId)) throw new MimeBuildError(`Content-ID "${a.contentId}" must not contain spaces or angle brackets`);
          head += `Content-ID: <${a.contentId}>\r\n`;
        }
        yield utf8(`${head}\r\n`);
        if (encoding === 'base64') {
          const encoder = new Base64Encoder(76);
          for await (const chunk of contentChunks(a.content)) {
            const out = encoder.update(chunk);
            if (out.length > 0) yield out;
          }
          yield stripTrailingCrlf(encoder.finalize());
        } else if (identity !== undefined) {
          yield identity;
        }
        return;
      }
    }
  }

  private *base64(bytes: Uint8Array): Generator<Uint8Array> {
    const encoder = new Base64Encoder(76);
    for (let i = 0; i < bytes.length; i += SLICE) {
      const out = encoder.update(bytes.subarray(i, i + SLICE));
      if (out.length > 0) yield out;
    }
    yield stripTrailingCrlf(encoder.finalize());
  }
}

/** The last base64 line break belongs to the boundary that follows (RFC 2046 §5.1.1). */
function stripTrailingCrlf(bytes: Uint8Array): Uint8Array {
  return bytes.length >= 2 && bytes[bytes.length - 2] === 0x0d && bytes[bytes.length - 1] === 0x0a ? bytes.subarray(0, bytes.length - 2) : bytes;
}

function headerBlock(draft: MessageDraft, options: BuildOptions, random: () => string): string {
  const h: HeaderWriteOptions = { smtpUtf8: options.smtpUtf8 ?? false };
  const lines: string[] = [];
  const add = (name: string, value: string): void => {
    lines.push(foldHeader(name, value));
  };
  const from = mailbox(draft.from);
  const date = draft.date ?? options.now?.() ?? new Date();
  add('Date', formatMailDate(date));
  add('From', encodeMailbox(from, h));
  if (draft.sender !== undefined) add('Sender', encodeMailbox(mailbox(draft.sender), h));
  const replyTo = list(draft.replyTo);
  if (replyTo.length > 0) add('Reply-To', encodeMailboxList(replyTo, h));
  const to = list(draft.to);
  if (to.length > 0) add('To', encodeMailboxList(to, h));
  const cc = list(draft.cc);
  if (cc.length > 0) add('Cc', encodeMailboxList(cc, h));
  const bcc = list(draft.bcc);
  if (options.keepBcc === true && bcc.length > 0) add('Bcc', encodeMailboxList(bcc, h));
  if (draft.subject !== undefined) add('Subject', encodeText(draft.subject, h));
  const host = options.messageIdHost ?? domainToAscii(from.address.slice(from.address.lastIndexOf('@') + 1));
  const messageId = draft.messageId ?? `${random()}.${date.getTime().toString(36)}@${host}`;
  add('Message-ID', `<${messageId.replace(/^<|>$/g, '')}>`);
  if (draft.inReplyTo !== undefined) add('In-Reply-To', `<${draft.inReplyTo.replace(/^<|>$/g, '')}>`);
  if (draft.references !== undefined && draft.references.length > 0) add('References', draft.references.map((r) => `<${r.replace(/^<|>$/g, '')}>`).join(' '));
  add('MIME-Version', '1.0');
  for (const [name, value] of draft.headers ?? []) {
    if (!/^[\x21-\x39\x3b-\x7e]+$/.test(name)) throw new MimeBuildError(`"${name}" is not a header field name`);
    if (/^(?:bcc|content-.*|mime-version)$/i.test(name)) throw new MimeBuildError(`${name} is written by the builder`);
    add(name, encodeText(value, h));
  }
  return lines.join('\r\n') + '\r\n';
}

/**
 * Builds a message as a stream of chunks. Validation errors (bad addresses, CR/LF in fields)
 * are thrown before the first chunk.
 */
export function buildMessageStream(draft: MessageDraft, options: BuildOptions = {}): AsyncIterable<Uint8Array> {
  const random = options.random ?? defaultRandom;
  const head = headerBlock(draft, options, random);
  // Validate the bcc addresses too, even when they are not written.
  for (const m of list(draft.bcc)) void encodeMailbox(m, { smtpUtf8: options.smtpUtf8 ?? false });
  const writer = new Writer(
    { eightBitMime: options.eightBitMime ?? false, eightBitAttachedMessages: options.eightBitAttachedMessages ?? false, smtpUtf8: options.smtpUtf8 ?? false, random },
    { smtpUtf8: options.smtpUtf8 ?? false },
  );
  const root = structure(draft);
  return {
    async *[Symbol.asyncIterator]() {
      yield utf8(head);
      yield* writer.node(root);
    },
  };
}

/** Builds a whole message into one Uint8Array (for small messages and tests). */
export async function buildMessage(draft: MessageDraft, options: BuildOptions = {}): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of buildMessageStream(draft, options)) {
    chunks.push(chunk);
    size += chunk.length;
  }
  const out = new Uint8Array(size);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}
