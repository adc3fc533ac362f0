import { useId } from 'react';
import { useI18n } from '../../i18n/context.js';

/** The folder pane. With no account there are no folders, and it says so. */
export function FolderTree() {
  const { t } = useI18n();
  const headingId = useId();
  return (
    <nav className="pane pane-folders" aria-labelledby={headingId}>
      <h2 id={headingId} className="pane-heading">
        {t('folders.label')}
      </h2>
      <p className="empty-state">{t('folders.empty')}</p>
    </nav>
  );
}
