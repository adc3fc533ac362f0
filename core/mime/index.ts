/** core/mime: pure MIME parsing and building (RFC 5322, 2045-2049, 2047, 2231, 2183, 3676, 6532). */
export { MimeParser, parseMessage, parseMessageStream, type ParseOptions, type AttachmentInfo } from './parser.js';
export type { ParsedMessage, MimePart, Attachment } from './types.js';
export type { HeaderField } from './headers.js';
export { Headers, parseHeaderBlock } from './headers.js';
export { parseAddressList, flattenAddresses, formatMailbox, type Address, type Mailbox, type Group } from './address.js';
export { decodeEncodedWords, encodeWords } from './encoded-words.js';
export { parseParameterized, parseContentType, parseContentDisposition, type ContentType, type ContentDisposition } from './params.js';
export { decodeCharset, normalizeCharset, detectJapanese, isKnownCharset } from './charsets.js';
export { Base64Decoder, Base64Encoder, decodeBase64, encodeBase64 } from './base64.js';
export { QpDecoder, decodeQuotedPrintable, encodeQuotedPrintable } from './qp.js';
export { decodeFlowed } from './flowed.js';
export { parseMailDate, formatMailDate } from './date.js';
export { domainToAscii, domainToUnicode } from './punycode.js';
export { DEFAULT_LIMITS, resolveLimits, type MimeLimits } from './limits.js';
export type { MimeWarning, MimeWarningCode } from './warnings.js';
export { PartContent } from './content.js';
export {
  buildMessage,
  buildMessageStream,
  draftEnvelope,
  chooseTextEncoding,
  MimeBuildError,
  type MessageDraft,
  type DraftAddress,
  type DraftMailbox,
  type DraftAttachment,
  type AttachmentContent,
  type BuildOptions,
  type Envelope,
} from './build.js';
export { foldHeader, encodeText, encodePhrase, encodeAddress, encodeMailbox, encodeParameter, PREFERRED_LINE_LENGTH, MAX_LINE_LENGTH } from './build-headers.js';
export { withoutBcc, withoutHeaderFields } from './strip-headers.js';
export { replyFields, replyRecipients, MAX_REFERENCES, type ReplyFields, type ReplyRecipients } from './reply.js';
