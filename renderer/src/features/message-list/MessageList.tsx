import { useId } from 'react';
import { useI18n } from '../../i18n/context.js';

/** The message list pane; empty until accounts and sync exist. */
export function MessageList() {
  const { t } = useI18n();
  const headingId = useId();
  return (
    <section className="pane pane-list" aria-labelledby={headingId}>
      <h2 id={headingId} className="pane-heading">
        {t('messages.label')}
      </h2>
      <p className="empty-state">{t('messages.empty')}</p>
    </section>
  );
}
