import type { BrowserWindow} from 'electron';
import { app, Menu, nativeImage, Tray } from 'electron';
import type { TegamiEvent } from '../../core/api/contract.js';
import type { TegamiService } from '../../core/api/service.js';
import type { MenuLocale } from '../common/shortcuts.js';
import { smallIconPath } from './icon-path.js';
import { notifyNewMail, setUnreadBadge } from './integration.js';
import { pushEvent } from './ipc.js';
import { trayTooltip } from './notifications.js';
import { trayMenuTemplate, wantsTray } from './tray-menu.js';
import { UnreadTracker } from './unread-tracker.js';

/**
 * What the host does with the mail while it runs, with or without a window: new-mail
 * notifications (a click shows the message), the dock/taskbar badge and the tray. The service
 * lives in this process, so on macOS, where closing the last window does not quit, sync and
 * notifications go on until the user quits.
 */

export interface MailIntegrationOptions {
  readonly locale: MenuLocale;
  /** Brings the main window up (creating it when closed) and answers it. */
  readonly showMainWindow: () => BrowserWindow;
  readonly openComposer: () => void;
}

/** Badge and tray updates wait this long so a sync storing thousands of messages updates them once. */
const BADGE_DELAY_MS = 500;

export function startMailIntegration(service: TegamiService, options: MailIntegrationOptions): () => void {
  const tracker = new UnreadTracker();
  let tray: Tray | undefined;
  let timer: NodeJS.Timeout | undefined;

  const refresh = (): void => {
    const unread = tracker.unread;
    setUnreadBadge(unread);
    if (tray === undefined) return;
    tray.setToolTip(trayTooltip(unread, options.locale));
    tray.setContextMenu(
      Menu.buildFromTemplate(
        trayMenuTemplate(options.locale, unread, {
          showWindow: () => void options.showMainWindow(),
          newMessage: options.openComposer,
          checkMail: () => void service.syncNow(null).catch(() => undefined),
          quit: () => app.quit(),
        }),
      ),
    );
  };
  const scheduleRefresh = (): void => {
    if (timer !== undefined) return;
    timer = setTimeout(() => {
      timer = undefined;
      refresh();
    }, BADGE_DELAY_MS);
  };

  if (wantsTray(process.platform)) {
    const image = nativeImage.createFromPath(smallIconPath());
    if (!image.isEmpty()) {
      tray = new Tray(image);
      tray.on('click', () => void options.showMainWindow());
    }
  }

  // The starting count: every account's folders (the journal then keeps it current).
  void (async () => {
    const accounts = await service.listAccounts();
    const folders = (await Promise.all(accounts.map((a) => service.listFolders(a.id)))).flat();
    tracker.reset(folders);
    refresh();
  })().catch((error: unknown) => console.error('tegami: could not count unread mail:', error));

  const stop = service.onEvent((event: TegamiEvent) => {
    if (event.type === 'changes') {
      if (tracker.apply(event.changes)) scheduleRefresh();
      return;
    }
    if (event.type === 'new-mail') {
      const messages = event.messages.map((m) => ({ accountId: event.accountId, messageId: m.id, from: m.from[0], subject: m.subject }));
      notifyNewMail(messages, options.locale, (message) => {
        const win = options.showMainWindow();
        if (message !== undefined) pushEvent(win.webContents, { type: 'show-message', messageId: message.messageId });
      });
    }
  });

  return () => {
    stop();
    if (timer !== undefined) clearTimeout(timer);
    tray?.destroy();
  };
}
