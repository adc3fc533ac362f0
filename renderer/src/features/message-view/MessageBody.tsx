import { useEffect, useMemo, useState } from 'react';
import { errorText } from '../../app/errors.js';
import type { MessageContent } from '../../../../core/api/contract.js';
import { linkMismatches } from '../../../../core/message/signals.js';
import { useMail } from '../../app/mail-context.js';
import { useI18n } from '../../i18n/context.js';
import { IMAGE_PREVIEW_TYPES, inlineImages } from './attachments.js';
import { ConfirmDialog } from './ConfirmDialog.js';
import { HtmlBody } from './html-body/HtmlBody.js';
import { TextBody } from './TextBody.js';
import { externalUrl, imageDataUrl, openLink } from './web-files.js';

/** The sender address remote-content permission is kept for: the first From, lower-cased. */
export function senderKey(content: MessageContent): string | null {
  const address = content.summary.from[0]?.address.trim().toLowerCase();
  return address === undefined || address === '' ? null : address;
}

/** Content-ID → data: URL of the inline images an HTML body shows (RFC 2392), fetched through the service. */
function useCidImages(content: MessageContent): ReadonlyMap<string, string> | undefined {
  const { api } = useMail();
  const [images, setImages] = useState<ReadonlyMap<string, string> | undefined>(undefined);
  useEffect(() => {
    const wanted = inlineImages(content.attachments, content.html);
    setImages(undefined);
    if (wanted.length === 0) return;
    let cancelled = false;
    void Promise.all(
      wanted.map(async (part) => {
        try {
          const data = await api.getAttachment(content.summary.id, part.handle);
          return [part.contentId ?? '', imageDataUrl(data, IMAGE_PREVIEW_TYPES)] as const;
        } catch {
          // A part that cannot be read stays a missing picture; the rest of the body still shows.
          return [part.contentId ?? '', null] as const;
        }
      }),
    ).then((entries) => {
      if (cancelled) return;
      const map = new Map<string, string>();
      for (const [cid, url] of entries) {
        if (url === null || cid === '') continue;
        map.set(cid, url);
        map.set(encodeURIComponent(cid), url);
      }
      setImages(map);
    });
    return () => {
      cancelled = true;
    };
  }, [api, content]);
  return images;
}

export interface MessageBodyProps {
  readonly content: MessageContent;
  /** Conversation view: hide quoted earlier messages behind "show quoted text". */
  readonly foldQuotes?: boolean;
}

/** The HTML body (sanitized, sandboxed, remote content on request) or the text body with quote levels. */
export function MessageBody({ content, foldQuotes = false }: MessageBodyProps) {
  const { t } = useI18n();
  const { api, settings, updateSettings } = useMail();
  const [once, setOnce] = useState(false);
  const [confirm, setConfirm] = useState<{ href: string; text: string } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  // multipart/alternative: the user may read the plain text version instead of the HTML.
  const [plain, setPlain] = useState(false);
  const cidImages = useCidImages(content);
  const sender = senderKey(content);
  const allowRemote = once || (sender !== null && settings.remoteContentSenders.includes(sender));
  const mismatched = useMemo(() => new Set(content.html === null ? [] : linkMismatches(content.html).map((s) => (s.code === 'link-text-mismatch' ? s.href : ''))), [content.html]);

  useEffect(() => {
    setOnce(false);
    setNotice(null);
    setPlain(false);
  }, [content.summary.id]);

  const open = (href: string): void => {
    setConfirm(null);
    openLink(api, href).then(
      (opened) => setNotice(opened ? null : t('reader.link.refused', { href })),
      (error: unknown) => setNotice(t('reader.link.failed', { message: errorText(error, t) })),
    );
  };
  const onOpenLink = (href: string, text: string): void => {
    if (externalUrl(href) === null) {
      setNotice(t('reader.link.refused', { href }));
      return;
    }
    if (mismatched.has(href)) setConfirm({ href, text });
    else open(href);
  };

  if (content.html === null && content.text === null) return <p className="empty-state">{t('reader.noBody')}</p>;
  const both = content.html !== null && content.text !== null;
  return (
    <div className="reader-body">
      {both ? (
        <button type="button" className="reader-body-switch" aria-pressed={plain} onClick={() => setPlain((v) => !v)}>
          {plain ? t('reader.body.showHtml') : t('reader.body.showText')}
        </button>
      ) : null}
      {content.html !== null && !(both && plain) ? (
        <HtmlBody
          html={content.html}
          allowRemote={allowRemote}
          {...(cidImages !== undefined ? { cidImages } : {})}
          onLoadRemoteOnce={() => setOnce(true)}
          onAlwaysForSender={() => {
            if (sender !== null && !settings.remoteContentSenders.includes(sender)) updateSettings({ remoteContentSenders: [...settings.remoteContentSenders, sender] });
            setOnce(true);
          }}
          onOpenLink={onOpenLink}
          foldQuotes={foldQuotes}
        />
      ) : (
        <TextBody text={content.text ?? ''} format={{ flowed: false, delSp: false }} />
      )}
      {notice !== null ? (
        <p className="reader-notice" role="status">
          {notice}
        </p>
      ) : null}
      {confirm !== null ? (
        <ConfirmDialog title={t('reader.link.confirmTitle')} confirmLabel={t('reader.link.open')} cancelLabel={t('reader.cancel')} onConfirm={() => open(confirm.href)} onCancel={() => setConfirm(null)}>
          <p>{t('reader.link.confirmText', { text: confirm.text })}</p>
          <p className="reader-dialog-url">{confirm.href}</p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
