import { useEffect, useState } from 'react';
import { errorText } from '../../app/errors.js';
import type { MessageContent, RawMessage } from '../../../../core/api/contract.js';
import { useMail } from '../../app/mail-context.js';
import { useI18n } from '../../i18n/context.js';
import { formatSize } from './attachments.js';
import { allHeaders, headerValues, messageDate } from './header-list.js';
import { AuthBadges } from './ReaderHeaders.js';
import { ReceivedTimeline } from './ReceivedTimeline.js';
import { saveMessages, saveOutcomeText } from './save-message.js';
import { copyText } from './web-files.js';

/** "View source": the message as stored, in monospace, with buttons to copy it and to save it as a .eml file. */
export function SourceView({ messageId }: { messageId: string }) {
  const { t, language } = useI18n();
  const { api } = useMail();
  const [raw, setRaw] = useState<RawMessage | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [copied, setCopied] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let cancelled = false;
    setRaw(null);
    setError(null);
    api.getRawMessage(messageId).then(
      (value) => !cancelled && setRaw(value),
      (reason: unknown) => !cancelled && setError(errorText(reason, t)),
    );
    return () => {
      cancelled = true;
    };
  }, [api, messageId, attempt]);
  if (error !== null) {
    return (
      <div className="reader-error" role="alert">
        <p>{t('reader.source.failed', { message: error })}</p>
        <button type="button" onClick={() => setAttempt((n) => n + 1)}>
          {t('reader.retry')}
        </button>
      </div>
    );
  }
  if (raw === null) return <p className="reader-loading" role="status">{t('reader.loading')}</p>;
  return (
    <section className="reader-source" aria-label={t('reader.tab.source')}>
      <div className="reader-source-bar">
        <span>{formatSize(raw.size, language)}</span>
        <button
          type="button"
          onClick={() =>
            copyText(raw.text).then(
              () => setCopied(t('reader.source.copied')),
              () => setCopied(t('reader.source.copyFailed')),
            )
          }
        >
          {t('reader.source.copy')}
        </button>
        <button
          type="button"
          onClick={() =>
            saveMessages(api, [messageId]).then(
              (outcome) => setCopied(saveOutcomeText(t, outcome)),
              (reason: unknown) => setCopied(t('reader.save.failed', { message: errorText(reason, t) })),
            )
          }
        >
          {t('reader.save.eml')}
        </button>
        {copied !== null ? <span role="status">{copied}</span> : null}
      </div>
      <pre className="reader-source-text" tabIndex={0}>
        {raw.text}
      </pre>
    </section>
  );
}

/** "All headers": every field in the order it appears, duplicates included. */
export function AllHeadersView({ content }: { content: MessageContent }) {
  const { t } = useI18n();
  return (
    <table className="reader-all-headers" aria-label={t('reader.tab.headers')}>
      <thead>
        <tr>
          <th scope="col">#</th>
          <th scope="col">{t('reader.headers.name')}</th>
          <th scope="col">{t('reader.headers.value')}</th>
        </tr>
      </thead>
      <tbody>
        {allHeaders(content.headers).map((row) => (
          <tr key={row.index}>
            <td>{row.index}</td>
            <th scope="row">{row.name}</th>
            <td>{row.value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The Received path as a timeline, with the SPF/DKIM/DMARC results beside it. */
export function PathView({ content }: { content: MessageContent }) {
  const { t } = useI18n();
  const date = content.summary.date === null ? null : messageDate({ date: content.summary.date, receivedAt: content.summary.date });
  return (
    <div className="reader-path">
      <ReceivedTimeline fields={headerValues(content.headers, 'received')} {...(date !== null ? { dateHeader: date } : {})} />
      <aside className="reader-path-auth" aria-label={t('reader.auth.label')}>
        <h3>{t('reader.auth.label')}</h3>
        <AuthBadges results={content.authResults} detailed />
      </aside>
    </div>
  );
}
