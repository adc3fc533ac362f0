import { useEffect, useMemo, useRef, type Dispatch, type ReactNode } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import type { AppCommand } from '../../../core/api/contract.js';
import type { IndexSyncState } from '../data/index-sync.js';
import type { ListView } from '../data/queries.js';
import { AccountWizard } from '../features/account-wizard/AccountWizard.js';
import { Composer } from '../features/composer/Composer.js';
import { FirstRun } from '../features/first-run/FirstRun.js';
import { FolderTree } from '../features/folder-tree/FolderTree.js';
import { indexSource, searchSource } from '../features/message-list/list-source.js';
import { MessageList, type ListAction, type ListController } from '../features/message-list/MessageList.js';
import { MoveDialog } from '../features/message-list/MoveDialog.js';
import { singleSelected } from '../features/message-list/selection.js';
import { MessageFileView, Reader } from '../features/message-view/Reader.js';
import { saveMessages, saveOutcomeText } from '../features/message-view/save-message.js';
import { SEARCH_INPUT_ID, SearchBar } from '../features/search/SearchBar.js';
import { AppearanceControls } from '../features/settings/AppearanceControls.js';
import { ConnectionLogDialog } from '../features/status/ConnectionLogDialog.js';
import { StatusBar } from '../features/status/StatusBar.js';
import { ShortcutsSheet } from '../features/help/ShortcutsSheet.js';
import type { Language } from '../i18n/catalogs.js';
import { useI18n } from '../i18n/context.js';
import { ComposerPanel } from './ComposerPanel.js';
import { errorText } from './errors.js';
import { isMacPlatform, type WindowCommand } from './keymap.js';
import { useMail } from './mail-context.js';
import { FLAGGED, messageOps, SEEN } from './message-ops.js';
import { shownFlags } from './pending.js';
import { useShortcuts } from './use-shortcuts.js';
import type { WindowEvent, WindowState } from './window-state.js';

/**
 * How long a message stays open in the reader before it is marked read. Skimming with j/k
 * passes each message in well under a second and should not mark them all read; a message the
 * user stops on is being read, and is marked within a second like other mail clients do.
 */
export const MARK_READ_DWELL_MS = 800;

export interface ShellProps {
  readonly state: WindowState;
  readonly dispatch: Dispatch<WindowEvent>;
  readonly systemLanguage: Language;
  /** A problem to show in the status bar (a setting that failed to save, a lost connection). */
  readonly notice?: string | undefined;
  readonly indexSync: IndexSyncState | null;
}

function Icon({ d }: { readonly d: string }) {
  return (
    <svg viewBox="0 0 24 24" width={18} height={18} aria-hidden="true" focusable="false">
      <path d={d} fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}

const ICONS = {
  new: 'M4 20h4L19 9l-4-4L4 16zM13.5 6.5l4 4',
  reply: 'M10 8L4 13l6 5M4 13h10a6 6 0 0 1 6 6',
  replyAll: 'M11 8l-6 5 6 5M7 8l-6 5 6 5M5 13h9a6 6 0 0 1 6 6',
  forward: 'M14 8l6 5-6 5M20 13H10a6 6 0 0 0-6 6',
  delete: 'M4 7h16M9 7V4h6v3M6 7l1 13h10l1-13',
  read: 'M3 8l9 6 9-6M3 6h18v13H3z',
  star: 'M12 3.5l2.6 5.3 5.9.9-4.3 4.1 1 5.8L12 16.9l-5.2 2.7 1-5.8-4.3-4.1 5.9-.9z',
  getMail: 'M12 3v12M7 10l5 5 5-5M4 17v3h16v-3',
  help: 'M9.5 9a2.5 2.5 0 1 1 3.5 2.3c-.7.3-1 .9-1 1.7v.5M12 17.5v.5M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20z',
};

/** The three-pane mail window: folders, message list, reader; toolbar above, status below. */
export function Shell({ state, dispatch, systemLanguage, notice, indexSync }: ShellProps) {
  const { t } = useI18n();
  const { api, db, info, settings, updateSettings, actions } = useMail();
  const mac = isMacPlatform(info.platform);
  const listRef = useRef<ListController>(null);
  const accounts = useLiveQuery(() => db.accounts.toArray(), [db]);
  const folders = useLiveQuery(() => db.folders.toArray(), [db]);

  const folderIds = useMemo(() => {
    if (state.folder.kind === 'folder') return [state.folder.folderId];
    return (folders ?? []).filter((folder) => folder.role === 'inbox').map((folder) => folder.id);
  }, [state.folder, folders]);
  const view = useMemo<ListView>(() => ({ folderIds, sort: state.sort, descending: state.descending, threaded: state.threaded }), [folderIds, state.sort, state.descending, state.threaded]);
  const source = useMemo(() => (state.search !== null ? searchSource(db, state.search.messageIds) : indexSource(db, view)), [db, view, state.search]);
  const sourceKey = state.search !== null ? `search:${state.search.messageIds.length}:${state.search.messageIds[0] ?? ''}` : `${folderIds.join('|')}:${state.sort}:${state.descending}:${state.threaded}`;

  const pendingRef = useRef(state.pending);
  pendingRef.current = state.pending;
  const ops = useMemo(
    () =>
      messageOps({
        api,
        db,
        t,
        pending: () => pendingRef.current,
        updatePending: (update) => dispatch({ type: 'pending', update }),
        notice: (text) => dispatch({ type: 'notice', notice: text }),
      }),
    [api, db, t, dispatch],
  );

  const selectedIds = [...state.selection.ids];
  const leave = (kind: 'move' | 'remove', ids: readonly string[], folderId = ''): void => {
    void (kind === 'move' ? ops.move(ids, folderId) : ops.remove(ids)).then((done) => {
      if (done) dispatch({ type: 'forget', ids });
    });
  };
  const openId = state.messageFile === null ? singleSelected(state.selection) : null;
  const hasSelection = selectedIds.length > 0;
  // What reply/forward act on: the one open message, else the focused one of a multi-selection.
  const actionTarget = openId ?? selectedIds[selectedIds.length - 1] ?? null;

  // Mark read after a short dwell (see MARK_READ_DWELL_MS).
  const opened = useLiveQuery(() => (openId === null ? undefined : db.messages.get(openId)), [db, openId]);
  const openedUnread = opened !== undefined && !shownFlags(state.pending, opened.id, opened.flags).includes(SEEN);
  useEffect(() => {
    if (!openedUnread || openId === null) return;
    const timer = setTimeout(() => void ops.setFlags([openId], { add: [SEEN], remove: [] }), MARK_READ_DWELL_MS);
    return () => clearTimeout(timer);
  }, [openId, openedUnread, ops]);

  const compose = (mode: 'reply' | 'reply-all' | 'forward-inline'): void => {
    if (actionTarget !== null) actions.openComposer({ mode, messageId: actionTarget });
  };
  const currentAccountId = state.folder.kind === 'folder' ? ((folders ?? []).find((f) => f.id === (state.folder.kind === 'folder' ? state.folder.folderId : ''))?.accountId ?? null) : null;

  // Save As: every selected message (a folder dialog for several, as Thunderbird does; the web host downloads each).
  const saveAs = (ids: readonly string[]): void => {
    if (ids.length === 0) return;
    saveMessages(api, ids).then(
      (outcome) => dispatch({ type: 'notice', notice: saveOutcomeText(t, outcome) }),
      (error: unknown) => dispatch({ type: 'notice', notice: t('reader.save.failed', { message: errorText(error, t) }) }),
    );
  };

  const runCommand = (command: WindowCommand): void => {
    switch (command) {
      case 'new-message':
        actions.openComposer({ mode: 'new', accountId: currentAccountId, request: null });
        break;
      case 'reply':
        compose('reply');
        break;
      case 'reply-all':
        compose('reply-all');
        break;
      case 'forward':
        compose('forward-inline');
        break;
      case 'mark-read':
        void ops.setFlags(selectedIds, { add: [SEEN], remove: [] });
        break;
      case 'mark-unread':
        void ops.setFlags(selectedIds, { add: [], remove: [SEEN] });
        break;
      case 'toggle-read':
        void ops.toggleRead(selectedIds);
        break;
      case 'flag':
      case 'toggle-flag':
        void ops.toggleFlag(selectedIds);
        break;
      case 'delete-message':
        if (hasSelection) leave('remove', selectedIds);
        break;
      case 'move-message':
        if (hasSelection) dispatch({ type: 'moving', ids: selectedIds });
        break;
      case 'next-message':
        listRef.current?.move(1, false);
        break;
      case 'previous-message':
        listRef.current?.move(-1, false);
        break;
      case 'open-message':
        listRef.current?.openFocused();
        break;
      case 'toggle-threads':
        dispatch({ type: 'threaded', threaded: !state.threaded });
        break;
      case 'find':
        document.getElementById(SEARCH_INPUT_ID)?.focus();
        break;
      case 'check-mail':
        dispatch({ type: 'notice', notice: t('shell.syncing') });
        api.syncNow(null).then(
          () => dispatch({ type: 'notice', notice: null }),
          (error: unknown) => dispatch({ type: 'notice', notice: t('shell.error.sync', { message: errorText(error, t) }) }),
        );
        break;
      case 'add-account':
        actions.openAccountWizard();
        break;
      case 'shortcuts':
        actions.showShortcuts();
        break;
      case 'preferences':
        document.querySelector<HTMLElement>('[data-testid="language-select"]')?.focus();
        break;
      case 'print':
        window.print();
        break;
      case 'save-as':
        saveAs(selectedIds);
        break;
      // The host handles these natively (file dialogs); the reader has its own tabs for source and headers.
      case 'open-message-file':
      case 'view-source':
      case 'view-headers':
      case 'send':
        break;
    }
  };
  useShortcuts(runCommand, mac);

  // Commands from the native menus and requests the host passes on (mailto:, notifications, .eml files).
  const commandRef = useRef(runCommand);
  commandRef.current = runCommand;
  useEffect(
    () =>
      api.onEvent((event) => {
        switch (event.type) {
          case 'command':
            commandRef.current(event.command satisfies AppCommand);
            break;
          case 'compose':
            actions.openComposer({ mode: 'new', accountId: null, request: event.request });
            break;
          case 'show-message':
            actions.showMessage(event.messageId);
            break;
          case 'open-message-file':
            dispatch({ type: 'message-file', path: event.path });
            break;
          default:
            break;
        }
      }),
    [api, actions, dispatch],
  );

  const onListAction = (action: ListAction, ids: readonly string[]): void => {
    switch (action) {
      case 'reply':
      case 'reply-all':
        if (ids[0] !== undefined) actions.openComposer({ mode: action, messageId: ids[0] });
        break;
      case 'forward':
        if (ids[0] !== undefined) actions.openComposer({ mode: 'forward-inline', messageId: ids[0] });
        break;
      case 'mark-read':
        void ops.setFlags(ids, { add: [SEEN], remove: [] });
        break;
      case 'mark-unread':
        void ops.setFlags(ids, { add: [], remove: [SEEN] });
        break;
      case 'star':
        void ops.setFlags(ids, { add: [FLAGGED], remove: [] });
        break;
      case 'unstar':
        void ops.setFlags(ids, { add: [], remove: [FLAGGED] });
        break;
      case 'move':
        dispatch({ type: 'moving', ids });
        break;
      case 'save-as':
        saveAs(ids);
        break;
      case 'delete':
        leave('remove', ids);
        break;
    }
  };

  const noAccount = accounts !== undefined && accounts.length === 0;
  let reader: ReactNode;
  if (state.messageFile !== null) reader = <MessageFileView path={state.messageFile} />;
  else if (noAccount) reader = <FirstRun />;
  else if (selectedIds.length > 1) reader = <p className="empty-state">{t('shell.selected', { count: String(selectedIds.length) })}</p>;
  else reader = <Reader messageId={openId} />;

  const button = (label: string, icon: string, command: WindowCommand, disabled: boolean, hint?: string): ReactNode => (
    <button type="button" className="tool" onClick={() => runCommand(command)} disabled={disabled} title={hint ?? label}>
      <Icon d={icon} />
      <span>{label}</span>
    </button>
  );

  return (
    <div className="shell">
      <header className="toolbar" role="banner">
        <div className="brand">
          <img src="./favicon.svg" alt="" width={22} height={22} />
          <span>{t('app.name')}</span>
        </div>
        <div role="toolbar" aria-label={t('shell.actions')} className="toolbar-actions">
          {button(t('shell.new'), ICONS.new, 'new-message', noAccount)}
          {button(t('shell.reply'), ICONS.reply, 'reply', actionTarget === null)}
          {button(t('shell.replyAll'), ICONS.replyAll, 'reply-all', actionTarget === null)}
          {button(t('shell.forward'), ICONS.forward, 'forward', actionTarget === null)}
          {button(t('shell.delete'), ICONS.delete, 'delete-message', !hasSelection)}
          {button(t('shell.markRead'), ICONS.read, 'toggle-read', !hasSelection, t('shell.markReadHint'))}
          {button(t('shell.star'), ICONS.star, 'toggle-flag', !hasSelection, t('shell.starHint'))}
          {button(t('shell.getMail'), ICONS.getMail, 'check-mail', noAccount)}
        </div>
        <div className="toolbar-search">{!noAccount && <SearchBar folderIds={folderIds} onChange={(search) => dispatch({ type: 'search', search })} />}</div>
        <div role="toolbar" aria-label={t('app.toolbarLabel')} className="toolbar-controls">
          <AppearanceControls settings={settings} systemLanguage={systemLanguage} onChange={updateSettings} />
          <button type="button" className="tool icon-only" onClick={() => actions.showShortcuts()} title={t('shell.shortcuts')} aria-label={t('shell.shortcuts')}>
            <Icon d={ICONS.help} />
          </button>
        </div>
      </header>
      <div className="panes">
        <FolderTree selection={state.folder} onSelect={(folder) => dispatch({ type: 'folder', folder })} onMoveMessages={(ids, folderId) => leave('move', ids, folderId)} />
        <MessageList
          source={source}
          sourceKey={sourceKey}
          sort={state.sort}
          descending={state.descending}
          threaded={state.threaded}
          searching={state.search !== null}
          onSortChange={(sort, descending) => dispatch({ type: 'sort', sort, descending })}
          onThreadedChange={(threaded) => dispatch({ type: 'threaded', threaded })}
          selection={state.selection}
          onSelectionChange={(selection) => dispatch({ type: 'selection', selection })}
          pending={state.pending}
          onAction={onListAction}
          mac={mac}
          controllerRef={listRef}
          {...(info.host === 'electron'
            ? {
                onOpenInWindow: (messageId: string) => {
                  api.openWindow({ kind: 'message', messageId }).catch((error: unknown) => dispatch({ type: 'notice', notice: errorText(error, t) }));
                },
              }
            : {})}
        />
        <main className={`pane pane-reader${noAccount && state.messageFile === null ? ' centered' : ''}`} aria-label={t('reader.label')}>
          {reader}
        </main>
        {state.composer !== null && (
          <ComposerPanel label={t('shell.composer')}>
            <Composer init={state.composer} onClose={() => dispatch({ type: 'composer', init: null })} />
          </ComposerPanel>
        )}
      </div>
      <StatusBar notice={notice ?? state.notice ?? undefined} indexSync={indexSync} />
      {state.wizard && (
        <AccountWizard
          onClose={() => dispatch({ type: 'wizard', open: false })}
          onAdded={() => {
            // The new account's Inbox fills the unified Inbox as its first sync arrives.
            dispatch({ type: 'wizard', open: false });
            dispatch({ type: 'folder', folder: { kind: 'unified' } });
          }}
        />
      )}
      {state.logAccountId !== null && <ConnectionLogDialog accountId={state.logAccountId} onClose={() => dispatch({ type: 'log', accountId: null })} />}
      {state.shortcuts && <ShortcutsSheet onClose={() => dispatch({ type: 'shortcuts', open: false })} />}
      {state.moving !== null && (
        <MoveDialog
          messageIds={state.moving}
          onClose={() => dispatch({ type: 'moving', ids: null })}
          onMove={(folderId) => {
            const ids = state.moving ?? [];
            dispatch({ type: 'moving', ids: null });
            leave('move', ids, folderId);
          }}
        />
      )}
    </div>
  );
}
