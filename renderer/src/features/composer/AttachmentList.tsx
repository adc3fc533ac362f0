import { useI18n } from '../../i18n/context.js';
import { formatSize } from './size.js';

export interface ComposerAttachment {
  readonly key: number;
  readonly filename: string;
  readonly contentType: string | null;
  readonly size: number;
  readonly state: 'staging' | 'ready' | 'failed';
  /** Where the service keeps the file (ChosenFile.path) once staged. */
  readonly path: string | null;
  readonly error: string | null;
}

export interface AttachmentListProps {
  readonly attachments: readonly ComposerAttachment[];
  readonly onRemove: (key: number) => void;
}

/** The files attached so far, each with its size, state and a remove button. */
export function AttachmentList({ attachments, onRemove }: AttachmentListProps) {
  const { t, language } = useI18n();
  if (attachments.length === 0) return null;
  return (
    <ul className="composer-attachments" aria-label={t('composer.attachments')}>
      {attachments.map((a) => (
        <li key={a.key} className="composer-attachment" data-state={a.state}>
          <span className="composer-attachment-name">{a.filename}</span>
          <span className="composer-attachment-size">{formatSize(a.size, language)}</span>
          {a.state === 'staging' && <span className="composer-attachment-note">{t('composer.attachmentStaging')}</span>}
          {a.state === 'failed' && (
            <span className="composer-attachment-error" role="alert">
              {t('composer.attachmentFailed', { name: a.filename, message: a.error ?? '' })}
            </span>
          )}
          <button type="button" className="composer-attachment-remove" aria-label={t('composer.removeAttachment', { name: a.filename })} onClick={() => onRemove(a.key)}>
            ×
          </button>
        </li>
      ))}
    </ul>
  );
}
