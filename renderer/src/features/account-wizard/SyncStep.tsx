import type { Account } from '../../../../core/api/contract.js';
import { errorText } from '../../app/errors.js';
import { useI18n } from '../../i18n/context.js';
import { isFinished, isSettled, messagesFetched, PHASE_LABEL, progressFraction, type FirstSync } from './progress-view.js';

export interface SyncStepProps {
  readonly account: Account;
  readonly sync: FirstSync;
  readonly onDone: () => void;
}

/**
 * Step 5: the account exists; its first sync shows folders and messages as they arrive, and
 * ends in "finished" with what it brought in, or in the failure and its reason.
 */
export function SyncStep({ account, sync, onDone }: SyncStepProps) {
  const { progress } = sync;
  const { t, language } = useI18n();
  const number = new Intl.NumberFormat(language);
  const fraction = progressFraction(progress);
  const settled = isSettled(progress);
  const finished = isFinished(progress);
  const state = progress === null ? 'starting' : finished ? 'done' : settled ? progress.phase : 'running';
  const phase = progress === null ? t('wizard.sync.starting') : t(PHASE_LABEL[progress.phase]);
  return (
    <div className="wizard-step" data-sync-state={state}>
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
      {finished && <p className="wizard-ok wizard-sync-finished">{t('wizard.sync.finished')}</p>}
      {progress !== null && (progress.foldersTotal > 0 || progress.messagesTotal > 0 || finished) && (
        <ul className="wizard-sync-counts">
          {progress.foldersTotal > 0 && <li>{t('wizard.sync.foldersCount', { done: number.format(progress.foldersDone), total: number.format(progress.foldersTotal) })}</li>}
          {/* Running: the folder at hand (its new messages). Finished: what the whole sync fetched. */}
          {!finished && progress.messagesTotal > 0 && <li>{t('wizard.sync.messagesCount', { done: number.format(progress.messagesDone), total: number.format(progress.messagesTotal) })}</li>}
          {finished && <li>{t('wizard.sync.downloaded', { count: number.format(messagesFetched(sync)) })}</li>}
        </ul>
      )}
      {progress?.phase === 'failed' && progress.error !== null && (
        <p className="wizard-field-error" role="alert">
          {t('wizard.sync.error', { message: errorText(progress.error, t) })}
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
