import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { errorText } from '../../app/errors.js';
import type { ConnectionLogEntry } from '../../../../core/api/contract.js';
import { useMail } from '../../app/mail-context.js';
import { useAccounts } from '../../data/queries.js';
import { useI18n } from '../../i18n/context.js';
import { DIRECTION_ARROWS, entryTime, transcriptText } from './connection-log.js';
import { useModalDialog } from './use-modal-dialog.js';
import './status.css';

export interface ConnectionLogDialogProps {
  readonly accountId: string;
  readonly onClose: () => void;
}

type LogState =
  | { readonly kind: 'loading' }
  | { readonly kind: 'loaded'; readonly entries: readonly ConnectionLogEntry[] }
  | { readonly kind: 'failed'; readonly message: string };

type CopyState = { readonly kind: 'idle' } | { readonly kind: 'copied' } | { readonly kind: 'failed'; readonly message: string };

/**
 * An account's redacted protocol transcript (what Tegami sent, what the server answered), to
 * see why a connection fails and to copy into a support request. Modal: focus stays inside,
 * Escape closes.
 */
export function ConnectionLogDialog({ accountId, onClose }: ConnectionLogDialogProps) {
  const { api, db } = useMail();
  const { t, language } = useI18n();
  const account = useAccounts(db)?.find((a) => a.id === accountId);
  const [log, setLog] = useState<LogState>({ kind: 'loading' });
  const [copy, setCopy] = useState<CopyState>({ kind: 'idle' });
  const titleId = useId();
  const noteId = useId();
  const dialogRef = useRef<HTMLDivElement>(null);
  const listRef = useRef<HTMLOListElement>(null);
  const closeRef = useRef<HTMLButtonElement>(null);
  const request = useRef(0);

  const load = useCallback(() => {
    const mine = ++request.current;
    setLog({ kind: 'loading' });
    setCopy({ kind: 'idle' });
    api.getConnectionLog(accountId).then(
      (entries) => {
        if (request.current === mine) setLog({ kind: 'loaded', entries });
      },
      (reason: unknown) => {
        if (request.current === mine) setLog({ kind: 'failed', message: errorText(reason, t) });
      },
    );
  }, [api, accountId]);

  useEffect(() => {
    load();
    return () => {
      request.current += 1;
    };
  }, [load]);

  // The newest lines are the ones that explain the failure: start at the bottom.
  useEffect(() => {
    const list = listRef.current;
    if (log.kind === 'loaded' && list !== null) list.scrollTop = list.scrollHeight;
  }, [log]);

  useModalDialog(dialogRef, onClose, closeRef);

  const copyAll = (): void => {
    if (log.kind !== 'loaded') return;
    const clipboard = navigator.clipboard as Clipboard | undefined;
    if (clipboard === undefined) {
      setCopy({ kind: 'failed', message: 'navigator.clipboard is not available' });
      return;
    }
    clipboard.writeText(transcriptText(log.entries)).then(
      () => setCopy({ kind: 'copied' }),
      (reason: unknown) => setCopy({ kind: 'failed', message: reason instanceof Error ? reason.message : String(reason) }),
    );
  };

  const accountLabel = account?.email ?? accountId;
  return (
    <div className="dialog-backdrop">
      <div className="dialog connection-log" role="dialog" aria-modal="true" aria-labelledby={titleId} aria-describedby={noteId} ref={dialogRef}>
        <h2 id={titleId}>{t('status.log.title', { account: accountLabel })}</h2>
        <p id={noteId} className="connection-log-note">
          {t('status.log.redacted')}
        </p>
        <div className="connection-log-toolbar" role="toolbar" aria-label={t('status.log.entries')}>
          <button type="button" onClick={copyAll} disabled={log.kind !== 'loaded' || log.entries.length === 0}>
            {t('status.log.copy')}
          </button>
          <button type="button" onClick={load} disabled={log.kind === 'loading'}>
            {t('status.log.refresh')}
          </button>
          <span role="status">
            {copy.kind === 'copied' && t('status.log.copied')}
            {copy.kind === 'failed' && t('status.log.copyFailed', { message: copy.message })}
            {log.kind === 'loading' && t('status.log.loading')}
          </span>
        </div>
        {log.kind === 'failed' && (
          <p className="connection-log-error" role="alert">
            {t('status.log.failed', { message: log.message })}
          </p>
        )}
        {log.kind === 'loaded' && log.entries.length === 0 && <p>{t('status.log.empty')}</p>}
        {log.kind === 'loaded' && log.entries.length > 0 && (
          <ol className="connection-log-entries" aria-label={t('status.log.entries')} ref={listRef} tabIndex={0}>
            {log.entries.map((entry, index) => (
              <li key={index} className="connection-log-entry" data-direction={entry.direction}>
                <time className="connection-log-time" dateTime={entry.at}>
                  {entryTime(entry.at, language)}
                </time>
                <span className="connection-log-protocol">{entry.protocol.toUpperCase()}</span>
                <span className="connection-log-arrow" role="img" title={t(`status.log.direction.${entry.direction}`)} aria-label={t(`status.log.direction.${entry.direction}`)}>
                  {DIRECTION_ARROWS[entry.direction]}
                </span>
                <span className="connection-log-text">{entry.text}</span>
              </li>
            ))}
          </ol>
        )}
        <div className="dialog-actions">
          <button type="button" ref={closeRef} onClick={onClose}>
            {t('status.log.close')}
          </button>
        </div>
      </div>
    </div>
  );
}
