import { useId, useMemo, useState, type FormEvent } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { Dialog } from '../../app/Dialog.js';
import { useMail } from '../../app/mail-context.js';
import { useI18n } from '../../i18n/context.js';

export interface MoveDialogProps {
  readonly messageIds: readonly string[];
  readonly onMove: (folderId: string) => void;
  readonly onClose: () => void;
}

/** "Move to…": a folder of the same account (IMAP moves stay within one server). */
export function MoveDialog({ messageIds, onMove, onClose }: MoveDialogProps) {
  const { t } = useI18n();
  const { db } = useMail();
  const selectId = useId();
  const data = useLiveQuery(async () => ({ folders: await db.folders.toArray(), messages: await db.messages.bulkGet([...messageIds]) }), [db, messageIds]);
  const targets = useMemo(() => {
    if (data === undefined) return [];
    const present = data.messages.filter((m) => m !== undefined);
    const accountIds = new Set(present.map((m) => m.accountId));
    const sources = new Set(present.map((m) => m.folderId));
    const accountId = accountIds.size === 1 ? [...accountIds][0] : undefined;
    return data.folders.filter((f) => f.accountId === accountId && f.selectable && f.role !== 'outbox' && !(sources.size === 1 && sources.has(f.id))).sort((a, b) => a.path.localeCompare(b.path));
  }, [data]);
  const [chosen, setChosen] = useState<string>('');
  const target = chosen !== '' ? chosen : (targets[0]?.id ?? '');
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (target !== '') onMove(target);
  };
  return (
    <Dialog title={t('list.move.title', { count: String(messageIds.length) })} onClose={onClose}>
      <form onSubmit={submit} className="folder-form">
        {data !== undefined && targets.length === 0 ? (
          <p>{t('list.move.none')}</p>
        ) : (
          <>
            <label htmlFor={selectId}>{t('list.move.folder')}</label>
            <select id={selectId} value={target} onChange={(event) => setChosen(event.target.value)}>
              {targets.map((folder) => (
                <option key={folder.id} value={folder.id}>
                  {folder.path}
                </option>
              ))}
            </select>
          </>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            {t('list.move.cancel')}
          </button>
          <button type="submit" className="primary" disabled={target === ''}>
            {t('list.move.submit')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
