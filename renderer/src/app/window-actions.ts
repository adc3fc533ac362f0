import type { Dispatch } from 'react';
import type { TegamiIndex } from '../data/db.js';
import { messageById } from '../data/queries.js';
import type { Translate } from '../i18n/catalogs.js';
import { errorText } from './errors.js';
import type { WindowActions } from './mail-context.js';
import type { WindowEvent } from './window-state.js';

/** Looks a message up in the index so the window can select its folder. */
export async function locateMessage(db: TegamiIndex, messageId: string): Promise<{ folderId: string | null; inUnifiedInbox: boolean }> {
  const message = await messageById(db, messageId);
  if (message === undefined) return { folderId: null, inUnifiedInbox: false };
  const folder = await db.folders.get(message.folderId);
  return { folderId: message.folderId, inUnifiedInbox: folder?.role === 'inbox' };
}

/** The actions every feature may call (MailContext), as events of the window's reducer. */
export function windowActions(dispatch: Dispatch<WindowEvent>, db: TegamiIndex, t: Translate): WindowActions {
  return {
    openComposer: (init) => dispatch({ type: 'composer', init }),
    openAccountWizard: () => dispatch({ type: 'wizard', open: true }),
    showMessage: (messageId) => {
      void locateMessage(db, messageId).then(
        ({ folderId, inUnifiedInbox }) => {
          if (folderId === null) dispatch({ type: 'notice', notice: t('shell.error.gone') });
          else dispatch({ type: 'show-message', messageId, folderId, inUnifiedInbox });
        },
        (error: unknown) => dispatch({ type: 'notice', notice: errorText(error) }),
      );
    },
    showConnectionLog: (accountId) => dispatch({ type: 'log', accountId }),
    showShortcuts: () => dispatch({ type: 'shortcuts', open: true }),
  };
}
