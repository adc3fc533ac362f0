import type { MailAddress, MessageSummary } from '../api/contract.js';
import { flattenAddresses, parseMessage, type Address, type ParsedMessage } from '../mime/index.js';
import { SNIPPET_LENGTH } from './limits.js';

export interface SummaryPlace {
  readonly id: string;
  readonly accountId: string;
  readonly folderId: string;
  readonly uid: number | null;
  readonly flags: readonly string[];
  readonly receivedAt: Date;
  readonly size: number;
  /** False when `bytes` is only the header block (the body is fetched on demand). */
  readonly bodyDownloaded: boolean;
}

function addresses(list: readonly Address[]): MailAddress[] {
  return flattenAddresses(list).map((m) => ({ name: m.name, address: m.address }));
}

function snippetOf(parsed: ParsedMessage): string {
  const text = parsed.text ?? (parsed.html !== undefined ? parsed.html.replace(/<style[\s\S]*?<\/style>|<script[\s\S]*?<\/script>|<[^>]*>/giu, ' ') : '');
  return text.replace(/\s+/gu, ' ').trim().slice(0, SNIPPET_LENGTH);
}

/**
 * The thread key: the first Message-ID of References (the conversation's root, RFC 5322
 * §3.6.4), else In-Reply-To, else the message's own id. Messages of one conversation share it
 * even when some of them are missing locally.
 */
export function threadKeyOf(messageId: string | undefined, inReplyTo: string | undefined, references: readonly string[], fallback: string): string {
  return references[0] ?? inReplyTo ?? messageId ?? fallback;
}

/** Builds the list's view of one message from its bytes (whole message, or its header block). */
export function summarize(bytes: Uint8Array, place: SummaryPlace): MessageSummary {
  const parsed = parseMessage(bytes);
  const messageId = parsed.messageId ?? null;
  const inReplyTo = parsed.inReplyTo ?? null;
  return {
    id: place.id,
    accountId: place.accountId,
    folderId: place.folderId,
    uid: place.uid,
    flags: [...place.flags],
    date: parsed.date !== undefined && !Number.isNaN(parsed.date.getTime()) ? parsed.date.toISOString() : null,
    receivedAt: place.receivedAt.toISOString(),
    from: addresses(parsed.from),
    to: addresses(parsed.to),
    cc: addresses(parsed.cc),
    subject: parsed.subject ?? '',
    snippet: place.bodyDownloaded ? snippetOf(parsed) : '',
    size: place.size,
    hasAttachments: place.bodyDownloaded ? parsed.attachments.some((a) => a.disposition === 'attachment' || (!a.related && a.filename !== undefined)) : /multipart\/mixed/iu.test(parsed.headers.get('content-type')?.value ?? ''),
    messageId,
    inReplyTo,
    references: [...parsed.references],
    threadKey: threadKeyOf(parsed.messageId, parsed.inReplyTo, parsed.references, place.id),
    bodyDownloaded: place.bodyDownloaded,
    delivery: null,
  };
}
