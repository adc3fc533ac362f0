import type { Account, SyncProgress } from '../../../../core/api/contract.js';
import { useI18n } from '../../i18n/context.js';
import { isSettled, PHASE_LABEL, progressFraction } from './progress-view.js';

export interface SyncStepProps {
  readonly account: Account;
  readonly progress: SyncProgress | null;
  readonly onDone: () => void;
}

/** Step 5: the account exists; its first sync shows folders and messages as they arrive. */
export function SyncStep({ account, progress, onDone }: SyncStepProps) {
  const { t, language } = useI18n();
  const number = new Intl.NumberFormat(language);
  const fraction = progressFraction(progress);
  const settled = isSettled(progress);
  const phase = progress === null ? t('wizard.sync.starting') : t(PHASE_LABEL[progress.phase]);
  return (
    <div className="wizard-step">
      <p className="wizard-ok">{t('wizard.sync.added', { email: account.email })}</p>
      <div
        className="wizard-progress"
        role="progressbar"
        aria-label={t('wizard.sync.progress')}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={fraction === null ? undefined : Math.round(fraction * 100)}
        aria-valuetext={phase}
        data-indeterminate={fraction === null || undefined}
      >
        <div className="wizard-progress-fill" style={{ width: `${Math.round((fraction ?? 0) * 100)}%` }} />
      </div>
      <p className="wizard-status" role="status">
        {phase}
        {progress?.folder != null && !settled && <span className="wizard-sync-folder"> {progress.folder}</span>}
      </p>
      {progress !== null && (progress.foldersTotal > 0 || progress.messagesTotal > 0) && (
        <ul className="wizard-sync-counts">
          {progress.foldersTotal > 0 && <li>{t('wizard.sync.foldersCount', { done: number.format(progress.foldersDone), total: number.format(progress.foldersTotal) })}</li>}
          {progress.messagesTotal > 0 && <li>{t('wizard.sync.messagesCount', { done: number.format(progress.messagesDone), total: number.format(progress.messagesTotal) })}</li>}
        </ul>
      )}
      {progress?.phase === 'failed' && progress.error !== null && (
        <p className="wizard-field-error" role="alert">
          {t('wizard.sync.error', { message: progress.error.message })}
        </p>
      )}
      {!settled && <p className="wizard-hint">{t('wizard.sync.background')}</p>}
      <div className="wizard-actions">
        <span className="wizard-spacer" />
        <button type="button" className="primary" autoFocus onClick={onDone}>
          {t('wizard.done')}
        </button>
      </div>
    </div>
  );
}
