import { useEffect, useRef, useState } from 'react';
import { errorText } from '../../app/errors.js';
import type { AttachmentInfo, TegamiApi } from '../../../../core/api/contract.js';
import { useMail } from '../../app/mail-context.js';
import { useI18n } from '../../i18n/context.js';
import type { MessageKey } from '../../i18n/catalogs.js';
import { attachmentIcon, displayName, formatSize, iconLabel, IMAGE_PREVIEW_TYPES, isExecutable, previewKind, type AttachmentIcon } from './attachments.js';
import { ConfirmDialog } from './ConfirmDialog.js';
import { base64ToBytes, downloadBytes, imageDataUrl } from './web-files.js';

const ICON_LABEL: Readonly<Record<AttachmentIcon, MessageKey>> = {
  image: 'reader.icon.image',
  pdf: 'reader.icon.pdf',
  audio: 'reader.icon.audio',
  video: 'reader.icon.video',
  archive: 'reader.icon.archive',
  text: 'reader.icon.text',
  document: 'reader.icon.document',
  spreadsheet: 'reader.icon.spreadsheet',
  presentation: 'reader.icon.presentation',
  calendar: 'reader.icon.calendar',
  message: 'reader.icon.message',
  executable: 'reader.icon.executable',
  other: 'reader.icon.other',
};

/** Downloads one attachment through the page (the web host has no save dialog). */
async function downloadInPage(api: TegamiApi, messageId: string, attachment: AttachmentInfo): Promise<void> {
  const data = await api.getAttachment(messageId, attachment.handle);
  downloadBytes(base64ToBytes(data.base64), displayName(attachment));
}

type Preview = { readonly handle: string; readonly kind: 'image'; readonly url: string } | { readonly handle: string; readonly kind: 'pdf'; readonly url: string };

/** A PDF starts with "%PDF-" (ISO 32000-1 §7.5.2); anything else is not framed as one. */
function looksLikePdf(bytes: Uint8Array): boolean {
  return bytes.length >= 5 && String.fromCharCode(...bytes.subarray(0, 5)) === '%PDF-';
}

export interface AttachmentListProps {
  readonly messageId: string;
  readonly attachments: readonly AttachmentInfo[];
}

/** Name, type, size and icon of each attachment; open, save, save all, drag out and previews. */
export function AttachmentList({ messageId, attachments }: AttachmentListProps) {
  const { t, language } = useI18n();
  const { api } = useMail();
  const [confirmExec, setConfirmExec] = useState<AttachmentInfo | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  // blob: URLs of attachments fetched ahead of a drag (web: Chromium's DownloadURL needs one at dragstart).
  const dragUrls = useRef(new Map<string, string>());

  useEffect(() => {
    setPreview(null);
    setStatus(null);
    const urls = dragUrls.current;
    return () => {
      for (const url of urls.values()) URL.revokeObjectURL(url);
      urls.clear();
    };
  }, [messageId]);
  // A PDF preview holds a blob: URL; it is released when the preview goes.
  useEffect(() => () => (preview?.kind === 'pdf' ? URL.revokeObjectURL(preview.url) : undefined), [preview]);

  if (attachments.length === 0) return null;

  const fail = (error: unknown): void => setStatus(t('reader.attachment.failed', { message: errorText(error, t) }));

  const open = async (attachment: AttachmentInfo, allowExecutable: boolean): Promise<void> => {
    setStatus(null);
    const result = await api.openAttachment(messageId, attachment.handle, allowExecutable);
    if (result.status === 'unsupported') {
      await downloadInPage(api, messageId, attachment);
      setStatus(t('reader.attachment.downloaded', { name: displayName(attachment) }));
    }
  };
  const onOpen = (attachment: AttachmentInfo): void => {
    if (isExecutable(attachment)) setConfirmExec(attachment);
    else open(attachment, false).catch(fail);
  };
  const save = async (handles: readonly AttachmentInfo[]): Promise<void> => {
    setStatus(null);
    const result = await api.saveAttachmentsWithDialog(
      messageId,
      handles.map((a) => a.handle),
    );
    if (result.status === 'saved') setStatus(t('reader.attachment.saved', { count: String(result.files.length), path: result.files[0]?.path ?? '' }));
    else if (result.status === 'unsupported') {
      for (const attachment of handles) await downloadInPage(api, messageId, attachment);
      setStatus(t('reader.attachment.downloaded', { name: handles.map(displayName).join(', ') }));
    }
  };
  const showPreview = async (attachment: AttachmentInfo): Promise<void> => {
    setStatus(null);
    if (preview?.handle === attachment.handle) {
      setPreview(null);
      return;
    }
    const data = await api.getAttachment(messageId, attachment.handle);
    if (previewKind(attachment) === 'image') {
      const url = imageDataUrl(data, IMAGE_PREVIEW_TYPES);
      if (url === null) throw new Error(t('reader.attachment.noPreview'));
      setPreview({ handle: attachment.handle, kind: 'image', url });
      return;
    }
    const bytes = base64ToBytes(data.base64);
    if (!looksLikePdf(bytes)) throw new Error(t('reader.attachment.noPreview'));
    // Typed application/pdf whatever the message claimed, so the frame can only ever be the PDF viewer.
    setPreview({ handle: attachment.handle, kind: 'pdf', url: URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' })) });
  };
  /** Fetches the bytes when the pointer comes near, so a drag can carry them (dragstart cannot wait). */
  const prepareDrag = (attachment: AttachmentInfo): void => {
    if (dragUrls.current.has(attachment.handle)) return;
    dragUrls.current.set(attachment.handle, '');
    api.getAttachment(messageId, attachment.handle).then(
      (data) => dragUrls.current.set(attachment.handle, URL.createObjectURL(new Blob([base64ToBytes(data.base64)], { type: 'application/octet-stream' }))),
      // Too large for the page, or unreadable: the drag then carries the name only.
      () => undefined,
    );
  };
  const onDragStart = (event: React.DragEvent, attachment: AttachmentInfo): void => {
    const name = displayName(attachment);
    event.dataTransfer.effectAllowed = 'copy';
    event.dataTransfer.setData('text/plain', name);
    // Chromium: dropping on the desktop saves the file from this URL (the "DownloadURL" drag type).
    const url = dragUrls.current.get(attachment.handle);
    if (url !== undefined && url !== '') event.dataTransfer.setData('DownloadURL', `application/octet-stream:${name.replace(/:/g, '_')}:${url}`);
    // The desktop app starts a native file drag instead; the web host answers 'unsupported'.
    api.startAttachmentDrag(messageId, attachment.handle).catch(fail);
  };

  return (
    <section className="reader-attachments" aria-label={t('reader.attachments', { count: String(attachments.length) })}>
      <div className="reader-attachments-head">
        <h3>{t('reader.attachments', { count: String(attachments.length) })}</h3>
        {attachments.length > 1 ? (
          <button type="button" onClick={() => void save(attachments).catch(fail)}>
            {t('reader.attachment.saveAll')}
          </button>
        ) : null}
      </div>
      <ul className="reader-attachment-list">
        {attachments.map((attachment) => {
          const icon = attachmentIcon(attachment);
          const name = displayName(attachment);
          const kind = previewKind(attachment);
          return (
            <li
              key={attachment.handle}
              className={`reader-attachment icon-${icon}`}
              draggable
              onPointerEnter={() => prepareDrag(attachment)}
              onDragStart={(event) => onDragStart(event, attachment)}
              data-handle={attachment.handle}
            >
              <span className="reader-attachment-icon" role="img" aria-label={t(ICON_LABEL[icon])} title={t(ICON_LABEL[icon])}>
                {iconLabel(attachment)}
              </span>
              <span className="reader-attachment-name">{name}</span>
              <span className="reader-attachment-type">{attachment.contentType.split(';')[0]}</span>
              <span className="reader-attachment-size">{formatSize(attachment.size, language)}</span>
              <span className="reader-attachment-actions">
                <button type="button" onClick={() => onOpen(attachment)} aria-label={t('reader.attachment.openNamed', { name })}>
                  {t('reader.attachment.open')}
                </button>
                <button type="button" onClick={() => void save([attachment]).catch(fail)} aria-label={t('reader.attachment.saveNamed', { name })}>
                  {t('reader.attachment.save')}
                </button>
                {kind !== 'none' ? (
                  <button type="button" aria-pressed={preview?.handle === attachment.handle} onClick={() => void showPreview(attachment).catch(fail)} aria-label={t('reader.attachment.previewNamed', { name })}>
                    {t('reader.attachment.preview')}
                  </button>
                ) : null}
              </span>
            </li>
          );
        })}
      </ul>
      {status !== null ? (
        <p className="reader-notice" role="status">
          {status}
        </p>
      ) : null}
      {preview?.kind === 'image' ? <img className="reader-preview-image" src={preview.url} alt={t('reader.attachment.previewOf', { name: displayName(attachments.find((a) => a.handle === preview.handle) ?? attachments[0]!) })} /> : null}
      {preview?.kind === 'pdf' ? <iframe className="reader-preview-pdf" title={t('reader.attachment.previewOf', { name: displayName(attachments.find((a) => a.handle === preview.handle) ?? attachments[0]!) })} src={preview.url} /> : null}
      {confirmExec !== null ? (
        <ConfirmDialog
          title={t('reader.exec.title')}
          confirmLabel={t('reader.exec.open')}
          cancelLabel={t('reader.cancel')}
          danger
          onCancel={() => setConfirmExec(null)}
          onConfirm={() => {
            const attachment = confirmExec;
            setConfirmExec(null);
            open(attachment, true).catch(fail);
          }}
        >
          <p>{t('reader.exec.text', { name: displayName(confirmExec) })}</p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
