import { useState } from 'react';
import type { AccountDiscovery, TegamiApi } from '../../../../core/api/contract.js';
import { errorText } from '../../app/errors.js';
import { useI18n } from '../../i18n/context.js';

export interface ProviderNotesProps {
  readonly api: TegamiApi;
  readonly notes: AccountDiscovery['notes'];
}

/**
 * The provider's notes (turn IMAP on, use an app password). Links open in the system browser
 * through the host; the web host cannot, so the page opens them itself, without an opener.
 */
export function ProviderNotes({ api, notes }: ProviderNotesProps) {
  const { t } = useI18n();
  const [linkError, setLinkError] = useState<string | null>(null);
  if (notes.length === 0) return null;
  const open = (url: string): void => {
    setLinkError(null);
    api.openExternal(url).then(
      (result) => {
        if (result.status === 'unsupported') window.open(url, '_blank', 'noopener,noreferrer');
      },
      (reason: unknown) => setLinkError(t('wizard.linkFailed', { message: errorText(reason, t) })),
    );
  };
  return (
    <section className="wizard-notes" aria-label={t('wizard.notes')}>
      <h3>{t('wizard.notes')}</h3>
      <ul>
        {notes.map((note, index) => (
          <li key={index}>
            {note.text}
            {note.url !== null && (
              <>
                {' '}
                <a
                  href={note.url}
                  onClick={(event) => {
                    event.preventDefault();
                    open(note.url ?? '');
                  }}
                >
                  {t('wizard.noteLink')}
                </a>
              </>
            )}
          </li>
        ))}
      </ul>
      {linkError !== null && (
        <p className="wizard-field-error" role="alert">
          {linkError}
        </p>
      )}
    </section>
  );
}
