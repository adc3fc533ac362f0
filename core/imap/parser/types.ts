/**
 * Typed IMAP responses: what the parser hands to the session. Every union is discriminated so
 * consumers can `switch` exhaustively.
 */
import type { MailError } from '../../net/mail-error.js';
import type { StreamedLiteral } from './framer.js';
import type { ImapValue } from './values.js';

export type StatusWord = 'OK' | 'NO' | 'BAD';

/** RFC 3501 §7.1 response codes plus the extensions a modern client meets. */
export type ResponseCode =
  | { readonly name: 'ALERT' | 'PARSE' | 'READ-ONLY' | 'READ-WRITE' | 'TRYCREATE' | 'NOMODSEQ' | 'CLOSED' | 'UIDNOTSTICKY' }
  | { readonly name: 'UIDVALIDITY' | 'UIDNEXT' | 'UNSEEN'; readonly value: number }
  | { readonly name: 'HIGHESTMODSEQ'; readonly value: bigint }
  | { readonly name: 'PERMANENTFLAGS'; readonly flags: readonly string[] }
  | { readonly name: 'CAPABILITY'; readonly capabilities: readonly string[] }
  | { readonly name: 'BADCHARSET'; readonly charsets: readonly string[] }
  | { readonly name: 'APPENDUID'; readonly uidValidity: number; readonly uids: string }
  | { readonly name: 'COPYUID'; readonly uidValidity: number; readonly sourceUids: string; readonly destinationUids: string }
  | { readonly name: 'MODIFIED'; readonly set: string }
  /** RFC 5530 codes and everything else: the name and its raw argument text. */
  | { readonly name: 'OTHER'; readonly code: string; readonly text: string };

export interface StatusResponseText {
  readonly code: ResponseCode | undefined;
  readonly text: string;
}

export interface Address {
  readonly name: string | null;
  /** RFC 3501 §7.4.2 at-domain-list (source route), almost always null. */
  readonly adl: string | null;
  readonly mailbox: string | null;
  readonly host: string | null;
}

export interface Envelope {
  readonly date: string | null;
  readonly subject: string | null;
  readonly from: readonly Address[];
  readonly sender: readonly Address[];
  readonly replyTo: readonly Address[];
  readonly to: readonly Address[];
  readonly cc: readonly Address[];
  readonly bcc: readonly Address[];
  readonly inReplyTo: string | null;
  readonly messageId: string | null;
}

export interface Disposition {
  readonly type: string;
  readonly parameters: Readonly<Record<string, string>>;
}

interface BodyPartCommon {
  /** Part number for BODY[...] ("1", "2.1"); "" for the top of a non-multipart message. */
  readonly part: string;
  readonly parameters: Readonly<Record<string, string>>;
  readonly disposition: Disposition | null;
  readonly language: readonly string[] | null;
  readonly location: string | null;
  /** Extension fields beyond those RFC 3501 defines, kept so nothing is lost. */
  readonly extensions: readonly ImapValue[];
}

export interface MultipartBody extends BodyPartCommon {
  readonly kind: 'multipart';
  readonly type: 'multipart';
  readonly subtype: string;
  readonly children: readonly BodyStructure[];
}

export interface SinglePartBody extends BodyPartCommon {
  readonly kind: 'single';
  readonly type: string;
  readonly subtype: string;
  readonly id: string | null;
  readonly description: string | null;
  readonly encoding: string;
  readonly size: number;
  /** Lines for text/* and message/rfc822; undefined when the server left it out. */
  readonly lines: number | undefined;
  readonly md5: string | null;
  /** message/rfc822 only: the encapsulated message. */
  readonly envelope?: Envelope;
  readonly body?: BodyStructure;
}

export type BodyStructure = MultipartBody | SinglePartBody;

/** One BODY[...] / BINARY[...] item of a FETCH response. */
export interface FetchedSection {
  /** BODY, BINARY or BINARY.SIZE (RFC 3516), or RFC822 / RFC822.HEADER / RFC822.TEXT. */
  readonly item: string;
  /** The section spec as written, e.g. "HEADER.FIELDS (FROM TO)" or "1.2". */
  readonly section: string;
  readonly origin: number | undefined;
  /** Bytes; null when the server said NIL; streamed when a sink took them. */
  readonly data: Uint8Array | StreamedLiteral | null;
}

export interface FetchAttributes {
  uid?: number;
  flags?: readonly string[];
  /** RFC 3501 date-time as sent ("17-Jul-1996 02:44:25 -0700"); parsed in internalDateMs. */
  internalDate?: string;
  internalDateMs?: number;
  size?: number;
  envelope?: Envelope;
  bodyStructure?: BodyStructure;
  modseq?: bigint;
  gmailMessageId?: bigint;
  gmailThreadId?: bigint;
  gmailLabels?: readonly string[];
  /** RFC 8474 OBJECTID EMAILID / THREADID. */
  emailId?: string;
  threadId?: string | null;
  binarySizes?: Readonly<Record<string, number>>;
  sections?: readonly FetchedSection[];
  /** Items this parser does not know, kept raw. */
  other?: Readonly<Record<string, ImapValue>>;
}

export interface NamespaceEntry {
  readonly prefix: string;
  readonly delimiter: string | null;
}

export interface ListData {
  readonly type: 'list' | 'lsub';
  readonly attributes: readonly string[];
  readonly delimiter: string | null;
  /** The name exactly as sent (modified UTF-7 unless UTF8=ACCEPT is on). */
  readonly name: string;
  /** RFC 5258 §3.5 CHILDINFO, e.g. ["SUBSCRIBED"]. */
  readonly childInfo?: readonly string[];
  /** RFC 5465 / RFC 9051 OLDNAME after a rename. */
  readonly oldName?: string;
}

export interface EsearchData {
  readonly type: 'esearch';
  /** The tag of the command the results belong to (RFC 4731 §3.1 search-correlator). */
  readonly tag: string | undefined;
  readonly uid: boolean;
  readonly min?: number;
  readonly max?: number;
  readonly count?: number;
  /** Sequence set string; expand with expandSequenceSet when needed. */
  readonly all?: string;
  readonly modseq?: bigint;
}

export type UntaggedData =
  | ({ readonly type: 'condition'; readonly status: StatusWord | 'PREAUTH' | 'BYE' } & StatusResponseText)
  | { readonly type: 'capability'; readonly capabilities: readonly string[] }
  | { readonly type: 'enabled'; readonly capabilities: readonly string[] }
  | { readonly type: 'exists'; readonly count: number }
  | { readonly type: 'recent'; readonly count: number }
  | { readonly type: 'expunge'; readonly seq: number }
  | { readonly type: 'fetch'; readonly seq: number; readonly attributes: FetchAttributes }
  | { readonly type: 'flags'; readonly flags: readonly string[] }
  | ListData
  | { readonly type: 'status'; readonly mailbox: string; readonly attributes: Readonly<Record<string, bigint>> }
  | { readonly type: 'search'; readonly ids: readonly number[]; readonly modseq: bigint | undefined }
  | EsearchData
  | { readonly type: 'vanished'; readonly earlier: boolean; readonly uids: string }
  | {
      readonly type: 'namespace';
      readonly personal: readonly NamespaceEntry[];
      readonly other: readonly NamespaceEntry[];
      readonly shared: readonly NamespaceEntry[];
    }
  | { readonly type: 'id'; readonly params: Readonly<Record<string, string | null>> | null }
  | { readonly type: 'other'; readonly name: string; readonly values: readonly ImapValue[] };

export type ImapResponse =
  | ({ readonly kind: 'tagged'; readonly tag: string; readonly status: StatusWord } & StatusResponseText)
  | { readonly kind: 'untagged'; readonly data: UntaggedData }
  | { readonly kind: 'continuation'; readonly text: string; readonly code: ResponseCode | undefined };

/** What the parser yields: a response, or a typed error for one response (tag when it was readable). */
export type ParsedItem =
  | { readonly kind: 'response'; readonly response: ImapResponse }
  | { readonly kind: 'malformed'; readonly error: MailError; readonly tag: string | undefined; readonly fatal: boolean };
