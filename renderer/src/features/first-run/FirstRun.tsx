import { useId } from 'react';
import { useMail } from '../../app/mail-context.js';
import { useI18n } from '../../i18n/context.js';

/** Shown while there is no account: says so and offers the one thing to do next. */
export function FirstRun() {
  const { t } = useI18n();
  const { actions } = useMail();
  const headingId = useId();
  return (
    <section className="first-run" aria-labelledby={headingId} data-testid="first-run">
      <img className="first-run-icon" src="./favicon.svg" alt="" width={72} height={72} />
      <h1 id={headingId}>{t('firstRun.title')}</h1>
      <p>{t('firstRun.body')}</p>
      <button type="button" className="primary" onClick={() => actions.openAccountWizard()}>
        {t('firstRun.addAccount')}
      </button>
    </section>
  );
}
