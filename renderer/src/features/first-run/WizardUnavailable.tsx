import { useEffect, useId, useRef } from 'react';
import { useI18n } from '../../i18n/context.js';

export interface WizardUnavailableProps {
  readonly onClose: () => void;
}

/**
 * Stands where the account wizard will be. It states plainly that adding an account is not
 * possible yet instead of pretending; focus moves in, Escape or Close dismisses it.
 */
export function WizardUnavailable({ onClose }: WizardUnavailableProps) {
  const { t } = useI18n();
  const titleId = useId();
  const bodyId = useId();
  const closeRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    closeRef.current?.focus();
    const onKey = (event: KeyboardEvent): void => {
      if (event.key === 'Escape') onClose();
    };
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
      previous?.focus();
    };
  }, [onClose]);

  return (
    <div className="dialog-backdrop">
      <div className="dialog" role="dialog" aria-modal="true" aria-labelledby={titleId} aria-describedby={bodyId}>
        <h2 id={titleId}>{t('wizard.title')}</h2>
        <p id={bodyId}>{t('wizard.unavailable')}</p>
        <div className="dialog-actions">
          <button type="button" ref={closeRef} onClick={onClose}>
            {t('wizard.close')}
          </button>
        </div>
      </div>
    </div>
  );
}
