/**
 * What a composer starts with, from its ComposeInit: a blank message (possibly pre-filled by a
 * mailto: request), an answer or a forward computed from the original (core/message/reply.ts),
 * or a saved draft to continue. Attachments that must be fetched first (a forward's files, the
 * original as .eml, a draft's files) come back as sources the composer stages like any file.
 */
import type { Account, ChosenFile, MessageContent, TegamiApi } from '../../../../core/api/contract.js';
import {
  forwardBody,
  forwardSubject,
  replyBody,
  replyRecipients,
  replySubject,
  threadingFields,
  type ForwardWords,
  type OriginalMessage,
  type QuoteWords,
} from '../../../../core/message/reply.js';
import type { ComposeInit } from '../../app/mail-context.js';
import { recipientOf, type Recipient } from './recipients.js';
import { htmlSourceToText, sanitizeEditorHtml } from './rich-text.js';

export interface AttachmentSource {
  readonly filename: string;
  readonly contentType: string | null;
  readonly size: number;
  /** Puts the file where the message can attach it by path (stageAttachment, stageMessageAttachment). */
  readonly stage: () => Promise<ChosenFile>;
}

export type ComposerTitle = 'new' | 'reply' | 'forward' | 'draft';

export interface InitialDraft {
  readonly title: ComposerTitle;
  readonly accountId: string | null;
  readonly to: readonly Recipient[];
  readonly cc: readonly Recipient[];
  readonly bcc: readonly Recipient[];
  readonly subject: string;
  readonly text: string;
  /** Non-null: the message starts in rich-text mode with this (already sanitized) markup. */
  readonly html: string | null;
  readonly inReplyTo: string | null;
  readonly references: readonly string[];
  readonly attachments: readonly AttachmentSource[];
  /** The draft being continued, or null. */
  readonly draftId: string | null;
  /** The message this one answers or forwards, marked once this one is queued; null for others. */
  readonly marks: { readonly messageId: string; readonly flag: string } | null;
}

/** IMAP system flag for an answered message (RFC 3501 §2.3.2). */
export const ANSWERED_FLAG = '\\Answered';
/** The keyword mail clients set on a forwarded message (RFC 5788 registry, "$Forwarded"). */
export const FORWARDED_KEYWORD = '$Forwarded';

export interface ComposeWords {
  readonly quote: QuoteWords;
  readonly forward: ForwardWords;
}

function originalOf(content: MessageContent): OriginalMessage {
  const s = content.summary;
  const text = content.text ?? (content.html !== null ? htmlSourceToText(content.html) : null);
  return {
    from: s.from,
    to: s.to,
    cc: s.cc,
    replyTo: content.replyTo,
    subject: s.subject,
    messageId: s.messageId,
    inReplyTo: s.inReplyTo,
    references: s.references,
    date: s.date,
    text,
  };
}

/** The attachments a message carries as files (not the inline images of its HTML body). */
function fileSources(api: TegamiApi, content: MessageContent): AttachmentSource[] {
  return content.attachments
    .filter((a) => !a.related && a.disposition !== 'inline')
    .map((a) => ({
      filename: a.filename ?? 'attachment',
      contentType: a.contentType,
      size: a.size,
      stage: async () => {
        const data = await api.getAttachment(content.summary.id, a.handle);
        return api.stageAttachment({ filename: data.filename ?? a.filename ?? 'attachment', contentType: data.contentType, base64: data.base64 });
      },
    }));
}

/** A file name for a forwarded message: its subject without characters file systems refuse. */
export function emlFileName(subject: string): string {
  const base = subject.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 100);
  return `${base === '' ? 'message' : base}.eml`;
}

const blank = {
  to: [],
  cc: [],
  bcc: [],
  subject: '',
  text: '',
  html: null,
  inReplyTo: null,
  references: [],
  attachments: [],
  draftId: null,
  marks: null,
} satisfies Omit<InitialDraft, 'title' | 'accountId'>;

export async function loadInitialDraft(api: TegamiApi, init: ComposeInit, accounts: readonly Account[], words: ComposeWords): Promise<InitialDraft> {
  const firstAccount = accounts[0]?.id ?? null;
  switch (init.mode) {
    case 'new': {
      const accountId = init.accountId ?? firstAccount;
      const request = init.request;
      if (request === null) return { ...blank, title: 'new', accountId };
      return {
        ...blank,
        title: 'new',
        accountId,
        to: request.to.map(recipientOf),
        cc: request.cc.map(recipientOf),
        bcc: request.bcc.map(recipientOf),
        subject: request.subject,
        text: request.body,
        inReplyTo: request.inReplyTo,
        references: request.inReplyTo === null ? [] : [request.inReplyTo],
      };
    }
    case 'reply':
    case 'reply-all': {
      const content = await api.getMessage(init.messageId);
      const original = originalOf(content);
      const own = accounts.map((a) => a.email);
      const recipients = replyRecipients(original, init.mode, own);
      const threading = threadingFields(original);
      return {
        ...blank,
        title: 'reply',
        accountId: content.summary.accountId,
        to: recipients.to.map(recipientOf),
        cc: recipients.cc.map(recipientOf),
        subject: replySubject(original.subject),
        text: replyBody(original, words.quote),
        inReplyTo: threading.inReplyTo,
        references: threading.references,
        marks: { messageId: content.summary.id, flag: ANSWERED_FLAG },
      };
    }
    case 'forward-inline': {
      const content = await api.getMessage(init.messageId);
      const original = originalOf(content);
      return {
        ...blank,
        title: 'forward',
        accountId: content.summary.accountId,
        subject: forwardSubject(original.subject),
        text: forwardBody(original, words.forward),
        attachments: fileSources(api, content),
        marks: { messageId: content.summary.id, flag: FORWARDED_KEYWORD },
      };
    }
    case 'forward-attachment': {
      const content = await api.getMessage(init.messageId);
      const filename = emlFileName(content.summary.subject);
      const id = content.summary.id;
      return {
        ...blank,
        marks: { messageId: id, flag: FORWARDED_KEYWORD },
        title: 'forward',
        accountId: content.summary.accountId,
        subject: forwardSubject(content.summary.subject),
        attachments: [
          {
            filename,
            contentType: 'message/rfc822',
            size: content.summary.size,
            // The core copies the stored bytes: text in the page would damage an 8-bit original.
            stage: () => api.stageMessageAttachment(id, filename),
          },
        ],
      };
    }
    case 'draft': {
      const content = await api.getMessage(init.messageId);
      const s = content.summary;
      return {
        title: 'draft',
        accountId: s.accountId,
        to: s.to.map(recipientOf),
        cc: s.cc.map(recipientOf),
        bcc: content.bcc.map(recipientOf),
        subject: s.subject,
        text: content.text ?? (content.html !== null ? htmlSourceToText(content.html) : ''),
        html: content.html !== null ? sanitizeEditorHtml(content.html) : null,
        inReplyTo: s.inReplyTo,
        references: s.references,
        attachments: fileSources(api, content),
        draftId: s.id,
        marks: null,
      };
    }
  }
}
