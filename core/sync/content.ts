import type { AuthResultView, MessageContent, MessageSummary, ReceivedHopView } from '../api/contract.js';
import { analyzeReceivedPath, parseAuthenticationResults } from '../message/index.js';
import { flattenAddresses, parseMessage, type Address } from '../mime/index.js';

function addresses(list: readonly Address[]) {
  return flattenAddresses(list).map((m) => ({ name: m.name, address: m.address }));
}

/**
 * The display view of a message: headers, text, HTML (unsanitized: the renderer sanitizes),
 * attachments by part path, the Received path oldest hop first, and Authentication-Results
 * marked trusted only when written by the account's own provider (RFC 8601 §5).
 */
export function messageContent(bytes: Uint8Array, summary: MessageSummary, trustedAuthservIds: readonly string[]): MessageContent {
  const parsed = parseMessage(bytes);
  const fields = parsed.headers.fields;
  const received = fields.filter((f) => f.key === 'received').map((f) => f.value);
  const path = analyzeReceivedPath(received, parsed.date);
  const hops: ReceivedHopView[] = path.hops.map((h) => ({
    index: h.index,
    raw: h.raw,
    from: h.reverseName ?? h.helo ?? null,
    ip: h.ip ?? null,
    by: h.by ?? null,
    with: h.with ?? null,
    date: h.date !== undefined && !Number.isNaN(h.date.getTime()) ? h.date.toISOString() : null,
    delaySeconds: h.delaySeconds ?? null,
    tls: h.tls !== undefined || /ESMTPS|ESMTPSA|LMTPS/iu.test(h.with ?? ''),
    flags: [...h.flags],
  }));
  const authResults: AuthResultView[] = [];
  for (const field of fields.filter((f) => f.key === 'authentication-results')) {
    const results = parseAuthenticationResults(field.value, trustedAuthservIds);
    for (const r of results.results) {
      authResults.push({ authservId: results.authservId, trusted: results.trusted, method: r.method, result: r.result, reason: r.reason ?? null, properties: { ...r.properties } });
    }
  }
  return {
    summary,
    headers: fields.map((f) => ({ name: f.name, value: f.value })),
    replyTo: addresses(parsed.replyTo),
    bcc: addresses(parsed.bcc),
    text: parsed.text ?? null,
    html: parsed.html ?? null,
    attachments: parsed.attachments.map((a) => ({
      handle: a.part,
      filename: a.filename ?? null,
      contentType: a.contentType,
      disposition: a.disposition ?? null,
      contentId: a.contentId ?? null,
      related: a.related,
      size: a.size,
    })),
    received: hops,
    authResults,
    warnings: parsed.warnings.map((w) => w.message),
  };
}

/** The decoded bytes of one attachment, by its handle (MIME part path). */
export function attachmentBytes(bytes: Uint8Array, handle: string): Uint8Array | undefined {
  return attachmentPart(bytes, handle)?.content;
}

export interface AttachmentPart {
  readonly content: Uint8Array;
  readonly filename: string | null;
  readonly contentType: string;
}

/** One attachment with the name and type the sender gave it, by its handle. */
export function attachmentPart(bytes: Uint8Array, handle: string): AttachmentPart | undefined {
  const part = parseMessage(bytes).attachments.find((a) => a.part === handle);
  return part === undefined ? undefined : { content: part.content, filename: part.filename ?? null, contentType: part.contentType };
}
