/** The parser's output. Plain data plus a few lookups; no platform types. */
import type { Address } from './address.js';
import type { PartContent } from './content.js';
import type { Headers } from './headers.js';
import type { ContentDisposition, ContentType } from './params.js';
import type { MimeWarning } from './warnings.js';

export interface MimePart {
  /** Dotted path like IMAP BODY[] section numbers: "" is the message, "1", "1.2", ... */
  readonly path: string;
  readonly headers: Headers;
  readonly contentType: ContentType;
  readonly disposition: ContentDisposition | undefined;
  /** Lower-cased Content-Transfer-Encoding ("7bit" when absent). */
  readonly transferEncoding: string;
  /** Declared charset parameter, if any. */
  readonly charset: string | undefined;
  readonly filename: string | undefined;
  /** Content-ID without angle brackets. */
  readonly contentId: string | undefined;
  readonly children: readonly MimePart[];
  /** For message/rfc822 parts: the enclosed message, parsed on its own. */
  readonly message: ParsedMessage | undefined;
  /** Decoded content of a leaf part (empty for multiparts). */
  readonly content: PartContent;
  /** Decoded text of a text/* leaf part, after charset and format=flowed decoding. */
  readonly text: string | undefined;
}

export interface Attachment {
  readonly part: string;
  readonly filename: string | undefined;
  /** "image/png" */
  readonly contentType: string;
  readonly disposition: 'attachment' | 'inline' | undefined;
  readonly contentId: string | undefined;
  /** True for resources of a multipart/related HTML body (inline images referenced by cid:). */
  readonly related: boolean;
  readonly size: number;
  /** The decoded bytes (joined on first use). */
  readonly content: Uint8Array;
  /** The decoded bytes as produced, for streaming consumers. */
  readonly chunks: readonly Uint8Array[];
  readonly description: string | undefined;
  /** For message/rfc822 attachments: the forwarded message. */
  readonly message: ParsedMessage | undefined;
}

export interface ParsedMessage {
  readonly headers: Headers;
  readonly subject: string | undefined;
  readonly from: readonly Address[];
  readonly sender: readonly Address[];
  readonly replyTo: readonly Address[];
  readonly to: readonly Address[];
  readonly cc: readonly Address[];
  readonly bcc: readonly Address[];
  readonly date: Date | undefined;
  readonly messageId: string | undefined;
  readonly inReplyTo: string | undefined;
  readonly references: readonly string[];
  /** The displayable plain text (text/plain parts that are not attachments), LF line ends. */
  readonly text: string | undefined;
  /** The displayable HTML (text/html parts that are not attachments). */
  readonly html: string | undefined;
  readonly attachments: readonly Attachment[];
  readonly root: MimePart;
  readonly warnings: readonly MimeWarning[];
}
