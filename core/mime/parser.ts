/**
 * The streaming MIME parser: bytes in (whole, or chunk by chunk through write()/end()), a
 * ParsedMessage out. RFC 5322 header blocks, RFC 2045-2049 bodies and multiparts.
 *
 * How it stays fast and small: the input is never turned into one big string. Boundaries are
 * found with Uint8Array.indexOf on line feeds; each part's body is handed to its
 * transfer-encoding decoder as one slice when the whole message was given at once, or as a
 * few slices when streamed; text is converted with TextDecoder once per part. Only the tail
 * of the input that might start a boundary line is kept between write() calls.
 *
 * Tolerance (never fatal): missing closing boundaries, truncated base64, NUL bytes, bare LF,
 * header lines without a colon, unknown charsets all give the best reading plus a warning;
 * every limit in limits.ts stops only the branch that exceeds it.
 */
import { parseAddressList, type Address } from './address.js';
import { Base64Decoder } from './base64.js';
import { decodeCharset } from './charsets.js';
import { PartContent } from './content.js';
import { parseMailDate } from './date.js';
import { decodeFlowed } from './flowed.js';
import { Headers, parseHeaderBlock } from './headers.js';
import { resolveLimits, type MimeLimits } from './limits.js';
import { parseContentDisposition, parseContentType, type ContentDisposition, type ContentType } from './params.js';
import { QpDecoder } from './qp.js';
import type { Attachment, MimePart, ParsedMessage } from './types.js';
import { WarningSink, type MimeWarningCode } from './warnings.js';

export interface AttachmentInfo {
  readonly part: string;
  readonly contentType: string;
  readonly filename: string | undefined;
}

export interface ParseOptions {
  readonly limits?: Partial<MimeLimits>;
  /**
   * Streams attachment bytes to the caller instead of keeping them: return a function to
   * receive each decoded chunk (the part then keeps only its size), or undefined to keep it.
   */
  readonly attachmentSink?: (info: AttachmentInfo) => ((chunk: Uint8Array) => void) | undefined;
}

/** Shared by a message and the messages nested in it, so limits hold for the whole input. */
interface Budget {
  parts: number;
  decoded: number;
  readonly limits: MimeLimits;
}

interface Decoder {
  update(chunk: Uint8Array): Uint8Array;
  finalize(): Uint8Array;
}

class PartNode implements MimePart {
  readonly children: PartNode[] = [];
  readonly content = new PartContent();
  contentType: ContentType;
  disposition: ContentDisposition | undefined;
  transferEncoding: string;
  charset: string | undefined;
  filename: string | undefined;
  contentId: string | undefined;
  message: ParsedMessage | undefined;
  text: string | undefined;
  /** Multipart container with a usable boundary. */
  container = false;
  decoder: Decoder | undefined;
  sink: ((chunk: Uint8Array) => void) | undefined;
  sinkSize = 0;
  /** Content is dropped (over a limit). */
  discard = false;
  /** Body of message/rfc822 to parse once complete. */
  nested = false;

  constructor(
    readonly path: string,
    readonly depth: number,
    readonly headers: Headers,
    readonly parent: PartNode | undefined,
    defaultType: string,
    onProblem: (problem: 'unknown' | 'mismatch', charset: string) => void,
  ) {
    this.contentType = parseContentType(headers.get('content-type')?.value, defaultType, onProblem);
    this.disposition = parseContentDisposition(headers.get('content-disposition')?.value, onProblem);
    this.transferEncoding = (headers.get('content-transfer-encoding')?.value ?? '7bit').trim().toLowerCase().replace(/^"|"$/g, '') || '7bit';
    this.charset = this.contentType.params['charset'];
    this.filename = this.disposition?.params['filename'] ?? this.contentType.params['name'];
    const cid = headers.get('content-id')?.value.trim();
    this.contentId = cid === undefined || cid === '' ? undefined : cid.replace(/^<|>$/g, '');
  }

  get size(): number {
    return this.sink === undefined ? this.content.size : this.sinkSize;
  }
}

/** Small chunks behind unprocessed bytes are queued until this many arrive (or as many as are waiting). */
const QUEUE_MIN_BYTES = 4096;
const QUEUE_FLUSH_BYTES = 64 * 1024;

const LF = 0x0a;
const CR = 0x0d;
const DASH = 0x2d;

interface BoundaryEntry {
  readonly node: PartNode;
  readonly bytes: Uint8Array;
}

function ascii(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i) & 0xff;
  return out;
}

function isAttachmentLike(node: PartNode): boolean {
  if (node.disposition?.type === 'attachment') return true;
  const { type, mime } = node.contentType;
  if (type === 'multipart') return false;
  if (mime === 'text/plain' || mime === 'text/html') return false;
  return true;
}

export class MimeParser {
  private readonly budget: Budget;
  private readonly warnings = new WarningSink();
  private buf: Uint8Array = new Uint8Array(0);
  private pos = 0;
  private mode: 'headers' | 'body' = 'headers';
  private current: PartNode | undefined;
  /** The multipart whose next child's headers we are reading (undefined: the root). */
  private pendingParent: PartNode | undefined;
  private pendingPath = '';
  private readonly stack: BoundaryEntry[] = [];
  private root: PartNode | undefined;
  private atBodyStart = true;
  private headerScanFrom = 0;
  private ended = false;
  private queued: Uint8Array[] = [];
  private queuedSize = 0;

  constructor(
    private readonly options: ParseOptions = {},
    private readonly depth = 0,
    budget?: Budget,
  ) {
    this.budget = budget ?? { parts: 0, decoded: 0, limits: resolveLimits(options.limits) };
  }

  /**
   * Feeds the next slice of the message. The parser keeps references into the chunk (7bit,
   * 8bit and binary parts are not copied), so the caller must not reuse its buffer.
   */
  write(chunk: Uint8Array): void {
    if (this.ended) throw new Error('MimeParser.write() after end()');
    if (chunk.length === 0) return;
    const rest = this.buf.length - this.pos;
    if (rest > 0) {
      // Unprocessed bytes remain (a header block or a line still incomplete). Joining them
      // with every tiny chunk would copy them again and again (quadratic on a long header fed
      // byte by byte), so small chunks are queued until they add up to a useful amount.
      this.queued.push(chunk);
      this.queuedSize += chunk.length;
      if (this.queuedSize < Math.min(QUEUE_FLUSH_BYTES, Math.max(QUEUE_MIN_BYTES, rest))) return;
    } else {
      this.queued.push(chunk);
      this.queuedSize += chunk.length;
    }
    this.absorbQueue();
    this.process(false);
  }

  /** Moves queued chunks behind the unprocessed bytes. */
  private absorbQueue(): void {
    if (this.queued.length === 0) return;
    // Offsets into the buffer are rebased on the bytes dropped from its front.
    this.headerScanFrom = Math.max(0, this.headerScanFrom - this.pos);
    const rest = this.buf.subarray(this.pos);
    if (rest.length === 0 && this.queued.length === 1) {
      this.buf = this.queued[0] as Uint8Array;
    } else {
      const joined = new Uint8Array(rest.length + this.queuedSize);
      joined.set(rest);
      let offset = rest.length;
      for (const q of this.queued) {
        joined.set(q, offset);
        offset += q.length;
      }
      this.buf = joined;
    }
    this.queued = [];
    this.queuedSize = 0;
    this.pos = 0;
  }

  /** Ends the input and returns the message. */
  end(): ParsedMessage {
    if (!this.ended) {
      this.ended = true;
      this.absorbQueue();
      this.process(true);
      this.finishAll();
    }
    return this.result();
  }

  // -------------------------------------------------------------------------------------
  // Scanning

  private process(final: boolean): void {
    for (;;) {
      const progressed = this.mode === 'headers' ? this.scanHeaders(final) : this.scanBody(final);
      if (!progressed) return;
    }
  }

  /** Returns true when it switched to body mode (call again), false when it needs input. */
  private scanHeaders(final: boolean): boolean {
    const buf = this.buf;
    const start = this.pos;
    const limit = this.budget.limits.maxHeaderBytes;
    let end = -1;
    let next = -1;
    const atBoundary = this.stack.length > 0 && buf[start] === DASH ? this.boundaryAt(start, final) : undefined;
    if (atBoundary === 'more') return false;
    // An empty header block: the part starts with its blank line (or right with a boundary).
    if (atBoundary !== undefined) {
      end = start;
      next = start;
    } else if (buf[start] === LF) {
      end = start;
      next = start + 1;
    } else if (buf[start] === CR && buf[start + 1] === LF) {
      end = start;
      next = start + 2;
    } else {
      let p = Math.max(start, this.headerScanFrom);
      for (;;) {
        const lf = buf.indexOf(LF, p);
        if (lf === -1 || lf + 1 >= buf.length) break;
        const after = buf[lf + 1];
        if (after === LF) {
          end = lf + 1;
          next = lf + 2;
          break;
        }
        if (after === CR && buf[lf + 2] === LF) {
          end = lf + 1;
          next = lf + 3;
          break;
        }
        if (after === CR && lf + 2 >= buf.length) break;
        // A boundary line inside a header block: the part had no body separator.
        if (after === DASH && this.stack.length > 0) {
          const hit = this.boundaryAt(lf + 1, final);
          if (hit === 'more') break;
          if (hit !== undefined) {
            end = lf + 1;
            next = lf + 1;
            break;
          }
        }
        p = lf + 1;
      }
      if (end === -1) {
        this.headerScanFrom = Math.max(start, (buf.lastIndexOf(LF) === -1 ? start : buf.lastIndexOf(LF)) - 1);
        if (buf.length - start > limit) {
          this.warn('limit-header-size', `header block larger than ${limit} bytes; the rest was skipped`, this.pendingPath);
          end = start + limit;
          const lf = buf.indexOf(LF, end);
          next = lf === -1 ? buf.length : lf + 1;
          end = next;
        } else if (!final) {
          return false;
        } else {
          end = buf.length;
          next = buf.length;
        }
      }
    }
    if (end - start > limit) {
      this.warn('limit-header-size', `header block larger than ${limit} bytes; the rest was skipped`, this.pendingPath);
    }
    const block = buf.subarray(start, Math.min(end, start + limit));
    this.pos = next;
    this.headerScanFrom = 0;
    this.startPart(block);
    return true;
  }

  private startPart(block: Uint8Array): void {
    const parent = this.pendingParent;
    const path = this.pendingPath;
    const depth = parent === undefined ? this.depth : parent.depth + 1;
    const fields = parseHeaderBlock(block, { warnings: this.warnings, part: path, maxFields: this.budget.limits.maxHeaderFields });
    const defaultType = parent?.contentType.mime === 'multipart/digest' ? 'message/rfc822' : 'text/plain';
    const node = new PartNode(path, depth, new Headers(fields), parent, defaultType, (problem, charset) =>
      this.warn(problem === 'unknown' ? 'charset-unknown' : 'charset-mismatch', `charset "${charset}" ${problem === 'unknown' ? 'is unknown' : 'does not fit its bytes'}`, path),
    );
    if (parent === undefined) this.root = node;
    else parent.children.push(node);
    this.current = node;
    this.mode = 'body';
    this.atBodyStart = true;
    const limits = this.budget.limits;
    const { type, mime } = node.contentType;
    if (type === 'multipart') {
      const boundary = node.contentType.params['boundary'];
      if (node.depth >= limits.maxDepth) {
        this.warn('limit-depth', `multipart nested deeper than ${limits.maxDepth}; kept as one opaque part`, path);
      } else if (boundary === undefined || boundary === '' || boundary.length > limits.maxBoundaryLength) {
        this.warn('missing-boundary-parameter', `${mime} without a usable boundary; read as plain text`, path);
        node.contentType = { mime: 'text/plain', type: 'text', subtype: 'plain', params: node.contentType.params };
      } else {
        node.container = true;
        this.stack.push({ node, bytes: ascii(boundary) });
        return;
      }
    }
    // A leaf part.
    const cte = node.transferEncoding;
    if (cte === 'base64') node.decoder = new Base64Decoder();
    else if (cte === 'quoted-printable') node.decoder = new QpDecoder();
    if (mime === 'message/rfc822' || mime === 'message/global') {
      if (node.depth >= limits.maxDepth) {
        this.warn('limit-depth', `message nested deeper than ${limits.maxDepth}; kept as an attachment only`, path);
      } else node.nested = true;
    }
    if (this.options.attachmentSink !== undefined && !node.nested && isAttachmentLike(node)) {
      const sink = this.options.attachmentSink({ part: path, contentType: mime, filename: node.filename });
      if (sink !== undefined) node.sink = sink;
    }
  }

  /** If a boundary line of the stack starts at `ls`, returns its stack index and kind. */
  private boundaryAt(ls: number, final: boolean): { index: number; close: boolean; lineEnd: number } | 'more' | undefined {
    const buf = this.buf;
    if (ls >= buf.length) return final ? undefined : 'more';
    if (buf[ls] !== DASH) return undefined;
    if (ls + 1 >= buf.length) return final ? undefined : 'more';
    if (buf[ls + 1] !== DASH) return undefined;
    for (let k = this.stack.length - 1; k >= 0; k--) {
      const b = (this.stack[k] as BoundaryEntry).bytes;
      const from = ls + 2;
      const available = buf.length - from;
      if (available < b.length + 2 && !final) {
        // Could still become this boundary: compare what we have.
        let prefix = true;
        for (let j = 0; j < Math.min(available, b.length); j++) {
          if (buf[from + j] !== b[j]) {
            prefix = false;
            break;
          }
        }
        if (prefix) return 'more';
        continue;
      }
      let match = available >= b.length;
      for (let j = 0; match && j < b.length; j++) if (buf[from + j] !== b[j]) match = false;
      if (!match) continue;
      const after = from + b.length;
      const c0 = buf[after];
      const close = c0 === DASH && buf[after + 1] === DASH;
      if (!(close || c0 === undefined || c0 === CR || c0 === LF || c0 === 0x20 || c0 === 0x09)) continue;
      let lineEnd = buf.indexOf(LF, after);
      if (lineEnd === -1) {
        if (!final && buf.length - after < 1024) return 'more';
        lineEnd = buf.length;
      } else lineEnd += 1;
      return { index: k, close, lineEnd };
    }
    return undefined;
  }

  /** Hands body bytes [pos, scan result) to the current part; returns true on mode change. */
  private scanBody(final: boolean): boolean {
    const buf = this.buf;
    if (this.stack.length === 0) {
      this.emit(this.pos, buf.length);
      this.pos = buf.length;
      return false;
    }
    const contentStart = this.pos;
    if (this.atBodyStart) {
      const hit = this.boundaryAt(this.pos, final);
      if (hit === 'more') return false;
      this.atBodyStart = false;
      if (hit !== undefined) {
        this.onBoundary(hit.index, hit.close, hit.lineEnd);
        return true;
      }
    }
    let p = this.pos;
    for (;;) {
      const lf = buf.indexOf(LF, p);
      if (lf === -1) {
        if (final) {
          this.emit(contentStart, buf.length);
          this.pos = buf.length;
        } else {
          const keep = buf[buf.length - 1] === CR ? buf.length - 1 : buf.length;
          this.emit(contentStart, keep);
          this.pos = keep;
        }
        return false;
      }
      const ls = lf + 1;
      if (buf[ls] === DASH || ls >= buf.length) {
        const hit = ls >= buf.length ? (final ? undefined : 'more') : this.boundaryAt(ls, final);
        if (hit === 'more') {
          const keep = lf > contentStart && buf[lf - 1] === CR ? lf - 1 : lf;
          this.emit(contentStart, Math.max(contentStart, keep));
          this.pos = Math.max(contentStart, keep);
          return false;
        }
        if (hit !== undefined) {
          const end = lf > contentStart && buf[lf - 1] === CR ? lf - 1 : lf;
          this.emit(contentStart, Math.max(contentStart, end));
          this.onBoundary(hit.index, hit.close, hit.lineEnd);
          return true;
        }
      }
      p = ls;
    }
  }

  private onBoundary(index: number, close: boolean, lineEnd: number): void {
    // Inner multiparts left open by this boundary lost their closing delimiter.
    while (this.stack.length - 1 > index) {
      const lost = this.stack.pop() as BoundaryEntry;
      this.warn('missing-closing-boundary', `multipart ${lost.node.path || '(message)'} has no closing boundary`, lost.node.path);
    }
    const entry = this.stack[index] as BoundaryEntry;
    this.finishLeaf();
    this.pos = lineEnd;
    this.atBodyStart = true;
    if (close) {
      this.stack.pop();
      this.current = entry.node; // epilogue: discarded until an outer boundary
      this.mode = 'body';
      return;
    }
    const container = entry.node;
    this.budget.parts++;
    const path = container.path === '' ? String(container.children.length + 1) : `${container.path}.${container.children.length + 1}`;
    if (this.budget.parts > this.budget.limits.maxParts) {
      // One warning for the whole message, not one per skipped part.
      this.warn('limit-parts', `more than ${this.budget.limits.maxParts} parts; the rest were skipped`, '');
      this.current = container;
      this.mode = 'body';
      return;
    }
    this.pendingParent = container;
    this.pendingPath = path;
    this.mode = 'headers';
  }

  private emit(start: number, end: number): void {
    if (end <= start) return;
    const node = this.current;
    if (node === undefined || node.container || node.discard) return;
    let bytes = this.buf.subarray(start, end);
    if (node.decoder !== undefined) bytes = node.decoder.update(bytes);
    this.store(node, bytes);
  }

  private store(node: PartNode, data: Uint8Array): void {
    if (data.length === 0 || node.discard) return;
    let bytes = data;
    const max = this.budget.limits.maxDecodedBytes;
    if (this.budget.decoded + bytes.length > max) {
      bytes = bytes.subarray(0, Math.max(0, max - this.budget.decoded));
      node.discard = true;
      this.warn('limit-decoded-size', `decoded content exceeds ${max} bytes; part ${node.path || '(message)'} was cut short`, node.path);
    }
    this.budget.decoded += bytes.length;
    if (node.sink !== undefined) {
      node.sinkSize += bytes.length;
      node.sink(bytes);
    } else node.content.append(bytes);
  }

  private finishLeaf(): void {
    const node = this.current;
    if (node === undefined || node.container) return;
    this.current = undefined;
    if (node.decoder !== undefined) {
      this.store(node, node.decoder.finalize());
      if (node.decoder instanceof Base64Decoder) {
        if (node.decoder.truncated) this.warn('truncated-base64', `base64 body of part ${node.path || '(message)'} ends mid-quantum`, node.path);
        if (node.decoder.invalidCount > 0) this.warn('invalid-base64', `base64 body of part ${node.path || '(message)'} has ${node.decoder.invalidCount} invalid characters`, node.path);
      } else if (node.decoder instanceof QpDecoder && node.decoder.invalidCount > 0) {
        this.warn('invalid-quoted-printable', `quoted-printable body of part ${node.path || '(message)'} has malformed escapes`, node.path);
      }
      node.decoder = undefined;
    }
    if (node.nested) {
      this.parseNested(node);
    } else if (node.contentType.type === 'text' && node.sink === undefined && !isAttachmentLike(node)) {
      // Only displayable text is decoded; text attachments (CSV, logs) stay bytes.
      node.text = this.decodeText(node);
    }
  }

  private decodeText(node: PartNode): string {
    const bytes = node.content.bytes;
    const result = decodeCharset(bytes, node.charset);
    if (result.problem === 'unknown') this.warn('charset-unknown', `charset "${node.charset ?? ''}" is unknown; read as ${result.charset}`, node.path);
    else if (result.problem === 'mismatch') this.warn('charset-mismatch', `part ${node.path || '(message)'} is not valid ${node.charset ?? 'us-ascii'}; read as ${result.charset}`, node.path);
    let text = result.text;
    if (text.includes('\u0000')) {
      this.warn('nul-bytes', `NUL bytes in part ${node.path || '(message)'} were removed`, node.path);
      text = text.replaceAll('\u0000', '');
    }
    if (text.includes('\r')) text = text.replace(/\r\n?/g, '\n');
    const params = node.contentType.params;
    if (node.contentType.subtype === 'plain' && params['format']?.toLowerCase() === 'flowed') {
      text = decodeFlowed(text, params['delsp']?.toLowerCase() === 'yes');
    }
    return text;
  }

  private parseNested(node: PartNode): void {
    const inner = new MimeParser(this.options, node.depth + 1, this.budget);
    for (const chunk of node.content.chunks) inner.write(chunk);
    const message = inner.end();
    node.message = message;
    for (const w of message.warnings) {
      const part = w.part === undefined || w.part === '' ? node.path : node.path === '' ? w.part : `${node.path}.${w.part}`;
      this.warn(w.code, w.message, part);
    }
  }

  private finishAll(): void {
    if (this.mode === 'headers' && this.root === undefined) {
      // Nothing at all, or an empty input: an empty message.
      this.startPart(new Uint8Array(0));
    } else if (this.mode === 'headers' && this.pendingParent !== undefined) {
      this.startPart(new Uint8Array(0));
    }
    this.finishLeaf();
    while (this.stack.length > 0) {
      const lost = this.stack.pop() as BoundaryEntry;
      this.warn('missing-closing-boundary', `multipart ${lost.node.path || '(message)'} has no closing boundary`, lost.node.path);
    }
    this.buf = new Uint8Array(0);
    this.pos = 0;
  }

  private warn(code: MimeWarningCode, message: string, part: string): void {
    this.warnings.add(code, message, part);
  }

  // -------------------------------------------------------------------------------------
  // Result

  private result(): ParsedMessage {
    const root = this.root as PartNode;
    const headers = root.headers;
    const textParts: string[] = [];
    const htmlParts: string[] = [];
    const attachments: Attachment[] = [];
    const walk = (node: PartNode, related: boolean): void => {
      if (node.container) {
        const isRelated = node.contentType.subtype === 'related';
        node.children.forEach((child, i) => walk(child, related || (isRelated && i > 0)));
        return;
      }
      const mime = node.contentType.mime;
      const attachment = node.nested || isAttachmentLike(node) || node.contentType.type === 'multipart';
      if (!attachment && node.text !== undefined) {
        if (node.text === '') return;
        if (mime === 'text/html') htmlParts.push(node.text);
        else textParts.push(node.text);
        return;
      }
      if (node === root && node.content.size === 0 && node.sink === undefined) return;
      const content = node.content;
      const disposition = node.disposition?.type;
      attachments.push({
        part: node.path,
        filename: node.filename ?? (node.message?.subject === undefined ? undefined : `${node.message.subject}.eml`),
        contentType: mime,
        disposition: disposition === 'attachment' || disposition === 'inline' ? disposition : undefined,
        contentId: node.contentId,
        related,
        size: node.size,
        get content(): Uint8Array {
          return content.bytes;
        },
        get chunks(): readonly Uint8Array[] {
          return content.chunks;
        },
        description: node.headers.get('content-description')?.decoded,
        message: node.message,
      });
    };
    walk(root, false);
    const onProblem = (problem: 'unknown' | 'mismatch', charset: string): void =>
      this.warn(problem === 'unknown' ? 'charset-unknown' : 'charset-mismatch', `charset "${charset}" in an address ${problem === 'unknown' ? 'is unknown' : 'does not fit its bytes'}`, '');
    const addresses = (name: string): Address[] => {
      const field = headers.get(name);
      if (field === undefined) return [];
      return parseAddressList(field.value, {
        onWarning: (m) => this.warn('address-invalid', `${field.name}: ${m}`, ''),
        onCharsetProblem: onProblem,
      });
    };
    const ids = (value: string | undefined): string[] => {
      if (value === undefined) return [];
      const bracketed = value.match(/<[^<>]*>/g);
      if (bracketed !== null) return bracketed.map((id) => id.slice(1, -1).trim()).filter((id) => id !== '');
      return value.split(/[\s,]+/).filter((id) => id.includes('@'));
    };
    const messageIds = ids(headers.get('message-id')?.value);
    const inReplyTo = ids(headers.get('in-reply-to')?.value);
    return {
      headers,
      subject: headers.get('subject')?.decoded,
      from: addresses('from'),
      sender: addresses('sender'),
      replyTo: addresses('reply-to'),
      to: addresses('to'),
      cc: addresses('cc'),
      bcc: addresses('bcc'),
      date: parseMailDate(headers.get('date')?.value),
      messageId: messageIds[0],
      inReplyTo: inReplyTo[inReplyTo.length - 1],
      references: ids(headers.get('references')?.value),
      text: textParts.length === 0 ? undefined : textParts.join('\n'),
      html: htmlParts.length === 0 ? undefined : htmlParts.join('\n'),
      attachments,
      root,
      warnings: this.warnings.list,
    };
  }
}

/** Parses a whole message. Strings are taken as already-decoded text and sent as UTF-8. */
export function parseMessage(input: Uint8Array | string, options: ParseOptions = {}): ParsedMessage {
  const parser = new MimeParser(options);
  parser.write(typeof input === 'string' ? new TextEncoder().encode(input) : input);
  return parser.end();
}

/** Parses a message arriving as a stream of chunks (a file read, a socket, a fetch body). */
export async function parseMessageStream(chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, options: ParseOptions = {}): Promise<ParsedMessage> {
  const parser = new MimeParser(options);
  for await (const chunk of chunks) parser.write(chunk);
  return parser.end();
}

