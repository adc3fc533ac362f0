import type { Account } from '../../../../core/api/contract.js';
import { useMail } from '../../app/mail-context.js';
import type { IndexSyncState } from '../../data/index-sync.js';
import { useAccounts } from '../../data/queries.js';
import { useI18n } from '../../i18n/context.js';
import { progressAmount, shownState, WAITING, type AccountStatus, type ProgressAmount } from './account-status.js';
import { errorSummaryKey } from './error-summary.js';
import { EMPTY_OUTBOX, useOutboxTallies, type OutboxTally } from './outbox.js';
import { useAccountStatusReport, useNetworkOnline } from './use-account-statuses.js';
import './status.css';

export interface StatusBarProps {
  /** A problem to show (a setting that failed to save, a lost connection to the service). */
  readonly notice?: string | undefined;
  /** The index's catch-up or rebuild (startIndexSync's onState); null or absent when not known. */
  readonly indexSync?: IndexSyncState | null | undefined;
}

/**
 * The window's status line: each account online, offline, syncing (with progress) or failing
 * (with a link to its connection log) and what waits in its Outbox, the index, a notice, and
 * where the app runs.
 */
export function StatusBar({ notice, indexSync = null }: StatusBarProps) {
  const { api, db, info } = useMail();
  const { t } = useI18n();
  const accounts = useAccounts(db) ?? [];
  const { statuses, savedStatusError } = useAccountStatusReport(api);
  const networkOnline = useNetworkOnline();
  const outboxes = useOutboxTallies(db);

  return (
    <footer className="status-bar status-line" role="contentinfo">
      {accounts.length > 0 && (
        <ul className="status-accounts" aria-label={t('status.accounts')}>
          {accounts.map((account) => (
            <AccountItem key={account.id} account={account} status={statuses.get(account.id) ?? WAITING} outbox={outboxes.get(account.id) ?? EMPTY_OUTBOX} networkOnline={networkOnline} />
          ))}
        </ul>
      )}
      {savedStatusError !== null && (
        <span className="status-error status-saved-error" role="alert" title={t('status.savedStatusFailed', { message: savedStatusError })}>
          {t('status.savedStatusFailed', { message: savedStatusError })}
        </span>
      )}
      {!networkOnline && <span className="status-network">{t('status.networkOffline')}</span>}
      {indexSync !== null && <IndexState state={indexSync} />}
      {notice !== undefined && (
        <span className="status-notice" role="alert">
          {notice}
        </span>
      )}
      <span className="status-host" title={t('status.dataDir', { path: info.dataDir })}>
        {t(info.host === 'electron' ? 'status.host.electron' : 'status.host.web')} · {t('status.version', { version: info.version })}
      </span>
      <span className="status-path" title={info.dataDir}>
        {t('status.dataDir', { path: info.dataDir })}
      </span>
    </footer>
  );
}

interface AccountItemProps {
  readonly account: Account;
  readonly status: AccountStatus;
  readonly outbox: OutboxTally;
  readonly networkOnline: boolean;
}

function AccountItem({ account, status, outbox, networkOnline }: AccountItemProps) {
  const { actions } = useMail();
  const { t, language } = useI18n();
  const state = shownState(status, networkOnline);
  const label = account.email;
  const progress = status.progress;
  const number = new Intl.NumberFormat(language);
  return (
    <li className="status-account" data-state={state} title={`${account.name === '' ? account.email : `${account.name} <${account.email}>`}: ${t(`status.state.${state}`)}`}>
      <span className="status-dot" aria-hidden="true" />
      <span className="status-account-name">{label}</span>
      {/* Before the first report the dot alone says "not known yet"; the words are for screen readers and the tooltip. */}
      <span className={state === 'waiting' ? 'status-sr-only' : 'status-state'}>{t(`status.state.${state}`)}</span>
      {state === 'syncing' && progress !== null && (
        <>
          <span className="status-phase">
            {t(`status.phase.${progress.phase}`)}
            {progress.folder !== null && ` · ${progress.folder}`}
          </span>
          <ProgressBar label={t('status.progressLabel', { account: label })} amount={progressAmount(progress)} language={language} />
        </>
      )}
      {(outbox.waiting > 0 || outbox.undelivered > 0) && (
        <span className="status-outbox" data-failed={outbox.undelivered > 0 ? 'true' : undefined}>
          {outbox.waiting > 0 && <span className="status-outbox-waiting" title={outbox.reason ?? undefined}>
              {t('status.outboxWaiting', { count: number.format(outbox.waiting) })}
            </span>}
          {outbox.undelivered > 0 && <strong className="status-outbox-failed">{t('status.outboxFailed', { count: number.format(outbox.undelivered) })}</strong>}
        </span>
      )}
      {status.error !== null && (
        <>
          {/* What happened in the window's language; the engine's own sentence (host, reply) in the tooltip and the log. */}
          <span className="status-error" title={status.error.message === '' ? status.error.code : status.error.message}>
            {t(errorSummaryKey(status.error.code))}
          </span>
          <button type="button" className="status-details" onClick={() => actions.showConnectionLog(account.id)} aria-label={t('status.detailsLabel', { account: label })}>
            {t('status.details')}
          </button>
        </>
      )}
    </li>
  );
}

function IndexState({ state }: { readonly state: IndexSyncState }) {
  const { t, language } = useI18n();
  switch (state.phase) {
    case 'live':
      return null;
    case 'failed':
      return (
        <span className="status-index status-index-failed" role="alert">
          {t('status.index.failed', { message: state.error ?? '' })}
        </span>
      );
    case 'catching-up':
    case 'rebuilding':
      return (
        <span className="status-index">
          {t(`status.index.${state.phase}`)}
          <ProgressBar label={t('status.index.progressLabel')} amount={state.total > 0 ? { done: Math.min(state.done, state.total), total: state.total } : null} language={language} />
        </span>
      );
  }
}

/** role=progressbar with the counts as text beside it; without a known total it is indeterminate (no aria-valuenow). */
function ProgressBar({ label, amount, language }: { readonly label: string; readonly amount: ProgressAmount | null; readonly language: string }) {
  const { t } = useI18n();
  const number = new Intl.NumberFormat(language);
  const text = amount === null ? undefined : t('status.progress', { done: number.format(amount.done), total: number.format(amount.total) });
  return (
    <>
      <span
        className="status-progress"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={amount?.total}
        aria-valuenow={amount?.done}
        aria-valuetext={text}
        data-indeterminate={amount === null ? 'true' : undefined}
      >
        <span className="status-progress-fill" style={amount === null ? undefined : { width: `${(100 * amount.done) / amount.total}%` }} />
      </span>
      {text !== undefined && <span className="status-progress-text">{text}</span>}
    </>
  );
}
