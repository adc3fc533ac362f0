import type { Dispatch } from 'react';
import type { TegamiIndex } from '../data/db.js';
import { messageById } from '../data/queries.js';
import type { Translate } from '../i18n/catalogs.js';
import { errorText } from './errors.js';
import type { HostKind, TegamiApi } from '../../../core/api/contract.js';
import type { ComposeInit, WindowActions } from './mail-context.js';
import type { WindowEvent } from './window-state.js';

/** Looks a message up in the index so the window can select its folder. */
export async function locateMessage(db: TegamiIndex, messageId: string): Promise<{ folderId: string | null; inUnifiedInbox: boolean }> {
  const message = await messageById(db, messageId);
  if (message === undefined) return { folderId: null, inUnifiedInbox: false };
  const folder = await db.folders.get(message.folderId);
  return { folderId: message.folderId, inUnifiedInbox: folder?.role === 'inbox' };
}

/** The host, when it can open windows of its own (Electron): the composer then gets one. */
export interface WindowHost {
  readonly api: Pick<TegamiApi, 'openWindow'>;
  readonly kind: HostKind;
}

/**
 * The actions every feature may call (MailContext), as events of the window's reducer. In
 * Electron the composer is a window of its own (issue #9: "its own window in Electron, a panel
 * on the web"); when the host cannot or fails to open one, the panel is the fallback.
 */
export function windowActions(dispatch: Dispatch<WindowEvent>, db: TegamiIndex, t: Translate, host: WindowHost | null = null): WindowActions {
  const panel = (init: ComposeInit): void => dispatch({ type: 'composer', init });
  return {
    openComposer: (init) => {
      if (host === null || host.kind !== 'electron') {
        panel(init);
        return;
      }
      host.api.openWindow({ kind: 'compose', start: init }).then(
        (result) => {
          if (result.status === 'unsupported') panel(init);
        },
        (error: unknown) => {
          panel(init);
          dispatch({ type: 'notice', notice: errorText(error, t) });
        },
      );
    },
    openAccountWizard: () => dispatch({ type: 'wizard', open: true }),
    showMessage: (messageId) => {
      void locateMessage(db, messageId).then(
        ({ folderId, inUnifiedInbox }) => {
          if (folderId === null) dispatch({ type: 'notice', notice: t('shell.error.gone') });
          else dispatch({ type: 'show-message', messageId, folderId, inUnifiedInbox });
        },
        (error: unknown) => dispatch({ type: 'notice', notice: errorText(error, t) }),
      );
    },
    showConnectionLog: (accountId) => dispatch({ type: 'log', accountId }),
    showShortcuts: () => dispatch({ type: 'shortcuts', open: true }),
  };
}
