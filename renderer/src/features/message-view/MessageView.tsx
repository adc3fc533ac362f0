import type { ReactNode } from 'react';
import { useI18n } from '../../i18n/context.js';

export interface MessageViewProps {
  /** Shown instead of the reader's own empty state (the first-run screen). */
  readonly children?: ReactNode;
}

/** The reader pane: the page's main landmark. */
export function MessageView({ children }: MessageViewProps) {
  const { t } = useI18n();
  return (
    <main className="pane pane-reader" aria-label={t('reader.label')}>
      {children ?? <p className="empty-state">{t('reader.empty')}</p>}
    </main>
  );
}
