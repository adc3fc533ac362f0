import { useCallback, useEffect, useId, useMemo, useRef, useState, type FormEvent, type KeyboardEvent, type MouseEvent, type ReactNode } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import type { Account, FolderSummary } from '../../../../core/api/contract.js';
import { Dialog } from '../../app/Dialog.js';
import { AccountWizard } from '../account-wizard/AccountWizard.js';
import { errorText } from '../../app/errors.js';
import { useMail } from '../../app/mail-context.js';
import { useReturnFocus } from '../../app/use-return-focus.js';
import { carriesMessages, draggedMessages } from '../../app/message-drag.js';
import { useI18n } from '../../i18n/context.js';
import type { MessageKey } from '../../i18n/catalogs.js';
import { folderDisplayName } from './folder-name.js';
import { FolderIcon } from './FolderIcon.js';
import { folderTree, unifiedInboxUnread, type FolderNode } from './folder-nodes.js';
import { treeKey, type VisibleItem } from './tree-keys.js';
import './folder-tree.css';

/** Which folders the message list shows: every account's Inbox, or one folder. */
export type FolderSelection = { readonly kind: 'unified' } | { readonly kind: 'folder'; readonly folderId: string };

export const UNIFIED_ID = 'unified';

export interface FolderTreeProps {
  readonly selection: FolderSelection;
  readonly onSelect: (selection: FolderSelection) => void;
  /** Messages dropped on a folder (the window moves them, optimistically). */
  readonly onMoveMessages: (messageIds: readonly string[], folderId: string) => void;
}

/** One visible row of the tree: the unified Inbox, an account, a folder or a placeholder parent. */
interface Item extends VisibleItem {
  readonly label: string;
  readonly level: number;
  readonly icon: Parameters<typeof FolderIcon>[0]['kind'];
  readonly unread: number;
  readonly folder: FolderSummary | null;
  readonly account: Account | null;
  readonly selectable: boolean;
  readonly children: readonly Item[];
}

type Prompt =
  | { readonly kind: 'add-account' }
  | { readonly kind: 'create'; readonly account: Account; readonly parent: FolderSummary | null }
  | { readonly kind: 'rename'; readonly folder: FolderSummary }
  | { readonly kind: 'delete'; readonly folder: FolderSummary }
  | { readonly kind: 'remove-account'; readonly account: Account }
  | { readonly kind: 'edit-account'; readonly account: Account };

interface MenuState {
  readonly item: Item;
  readonly x: number;
  readonly y: number;
}

const accountItemId = (id: string): string => `account:${id}`;
const folderItemId = (accountId: string, path: string): string => `folder:${accountId}/${path}`;

/** The whole tree as items, in display order, with unread counts. */
function buildItems(accounts: readonly Account[], folders: readonly FolderSummary[], folderName: (folder: FolderSummary) => string, unifiedLabel: string): Item[] {
  const toItem = (account: Account, node: FolderNode, parentId: string, level: number): Item => {
    const id = folderItemId(account.id, node.path);
    const children = node.children.map((child) => toItem(account, child, id, level + 1));
    return {
      id,
      parentId,
      expandable: children.length > 0,
      expanded: true,
      label: node.folder === null ? node.name : folderName(node.folder),
      level,
      icon: node.folder?.role ?? 'folder',
      unread: node.folder?.unread ?? 0,
      folder: node.folder,
      account,
      selectable: node.folder?.selectable ?? false,
      children,
    };
  };
  const items: Item[] = [];
  if (folders.some((folder) => folder.role === 'inbox')) {
    items.push({ id: UNIFIED_ID, parentId: null, expandable: false, expanded: false, label: unifiedLabel, level: 1, icon: 'unified', unread: unifiedInboxUnread(folders), folder: null, account: null, selectable: true, children: [] });
  }
  for (const account of accounts) {
    const id = accountItemId(account.id);
    const nodes = folderTree(folders.filter((folder) => folder.accountId === account.id));
    const children = nodes.map((node) => toItem(account, node, id, 2));
    items.push({ id, parentId: null, expandable: children.length > 0, expanded: true, label: account.email, level: 1, icon: 'account', unread: 0, folder: null, account, selectable: false, children });
  }
  return items;
}

/** The items a keyboard user can reach: collapsed items hide their descendants. */
function visible(items: readonly Item[], collapsed: ReadonlySet<string>): Item[] {
  const out: Item[] = [];
  const walk = (list: readonly Item[]): void => {
    for (const item of list) {
      const expanded = item.expandable && !collapsed.has(item.id);
      out.push({ ...item, expanded });
      if (expanded) walk(item.children);
    }
  };
  walk(items);
  return out;
}

/** The folder pane: a unified Inbox, then each account's folders (special folders first), with unread counts. */
export function FolderTree({ selection, onSelect, onMoveMessages }: FolderTreeProps) {
  const { t } = useI18n();
  const { api, db, actions } = useMail();
  const headingId = useId();
  const accounts = useLiveQuery(() => db.accounts.toArray(), [db]);
  const folders = useLiveQuery(() => db.folders.toArray(), [db]);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const [focusedId, setFocusedId] = useState<string | null>(null);
  const [dropTarget, setDropTarget] = useState<string | null>(null);
  const [menu, setMenu] = useState<MenuState | null>(null);
  const [prompt, setPrompt] = useState<Prompt | null>(null);
  const [error, setError] = useState<string | null>(null);
  const refs = useRef(new Map<string, HTMLDivElement>());
  const treeId = useId();

  const folderName = useCallback((folder: FolderSummary): string => folderDisplayName(folder, t), [t]);
  const items = useMemo(() => buildItems(accounts ?? [], folders ?? [], folderName, t('folders.unifiedInbox')), [accounts, folders, folderName, t]);
  const shown = useMemo(() => visible(items, collapsed), [items, collapsed]);
  // Ids for the groups the expanded items own (aria-owns); folder paths may hold spaces, so not from them.
  const groupIds = useMemo(() => new Map(shown.map((item, index) => [item.id, `${treeId}-group-${String(index)}`])), [shown, treeId]);
  const selectedId = selection.kind === 'unified' ? UNIFIED_ID : (shown.find((item) => item.folder?.id === selection.folderId)?.id ?? null);
  // Roving tabindex: exactly one item is in the Tab order (the focused one, else the selected one, else the first).
  const tabStop = shown.find((item) => item.id === focusedId)?.id ?? selectedId ?? shown[0]?.id ?? null;

  const focusItem = (id: string): void => {
    setFocusedId(id);
    refs.current.get(id)?.focus();
  };
  const choose = (item: Item): void => {
    if (item.id === UNIFIED_ID) onSelect({ kind: 'unified' });
    else if (item.folder !== null && item.selectable) onSelect({ kind: 'folder', folderId: item.folder.id });
  };
  const setExpanded = (id: string, expanded: boolean): void =>
    setCollapsed((previous) => {
      const next = new Set(previous);
      if (expanded) next.delete(id);
      else next.add(id);
      return next;
    });

  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>, item: Item): void => {
    if (event.key === 'ContextMenu' || (event.key === 'F10' && event.shiftKey)) {
      event.preventDefault();
      const box = refs.current.get(item.id)?.getBoundingClientRect();
      setMenu({ item, x: box?.left ?? 0, y: box?.bottom ?? 0 });
      return;
    }
    const result = treeKey(shown, item.id, event.key);
    if (result.kind === 'none') return;
    event.preventDefault();
    event.stopPropagation();
    switch (result.kind) {
      case 'focus':
        focusItem(result.id);
        break;
      case 'expand':
        setExpanded(result.id, true);
        break;
      case 'collapse':
        setExpanded(result.id, false);
        break;
      case 'select': {
        const target = shown.find((candidate) => candidate.id === result.id);
        if (target !== undefined) choose(target);
        break;
      }
    }
  };

  const run = (action: Promise<unknown>, errorKey: MessageKey): void => {
    setError(null);
    action.catch((failure: unknown) => setError(t(errorKey, { message: errorText(failure, t) })));
  };

  /**
   * The row is the treeitem and owns the group of its children (the WAI-ARIA APG navigation
   * treeview's markup): a treeitem that wrapped its children would have their names in its own
   * visible text, which then no longer matches its accessible name (WCAG 2.5.3 Label in Name).
   * The <li> is only layout (role=none). The space between name and unread count keeps them two
   * words in the visible text, as they are in the accessible name.
   */
  const renderItem = (item: Item): ReactNode => {
    const expanded = item.expandable && !collapsed.has(item.id);
    const isDropTarget = item.folder !== null && item.selectable;
    const label = item.unread > 0 ? t('folders.itemWithUnread', { name: item.label, count: String(item.unread) }) : item.label;
    const groupId = groupIds.get(item.id);
    return (
      <li key={item.id} role="none">
        <div
          ref={(node) => {
            if (node === null) refs.current.delete(item.id);
            else refs.current.set(item.id, node);
          }}
          role="treeitem"
          aria-level={item.level}
          aria-label={label}
          aria-selected={item.id === selectedId}
          aria-expanded={item.expandable ? expanded : undefined}
          aria-owns={expanded ? groupId : undefined}
          aria-disabled={!item.selectable && !item.expandable ? true : undefined}
          tabIndex={item.id === tabStop ? 0 : -1}
          data-item-id={item.id}
          className={`tree-row${item.id === selectedId ? ' selected' : ''}${dropTarget === item.id ? ' drop-target' : ''}`}
          style={{ paddingInlineStart: `${(item.level - 1) * 14 + 8}px` }}
          onFocus={() => setFocusedId(item.id)}
          onClick={(event) => {
            event.stopPropagation();
            focusItem(item.id);
            if (item.selectable) choose(item);
            else if (item.expandable) setExpanded(item.id, !expanded);
          }}
          onContextMenu={(event: MouseEvent) => {
            if (item.account === null) return;
            event.preventDefault();
            event.stopPropagation();
            focusItem(item.id);
            setMenu({ item, x: event.clientX, y: event.clientY });
          }}
          onDragOver={(event) => {
            if (!isDropTarget || !carriesMessages(event.dataTransfer)) return;
            event.preventDefault();
            event.stopPropagation();
            event.dataTransfer.dropEffect = 'move';
            setDropTarget(item.id);
          }}
          onDragLeave={(event) => {
            if (event.currentTarget === event.target) setDropTarget((current) => (current === item.id ? null : current));
          }}
          onDrop={(event) => {
            if (!isDropTarget || item.folder === null) return;
            event.preventDefault();
            event.stopPropagation();
            setDropTarget(null);
            const ids = draggedMessages(event.dataTransfer);
            if (ids.length > 0) onMoveMessages(ids, item.folder.id);
          }}
        >
          <span className="tree-twisty" aria-hidden="true">
            {item.expandable ? (expanded ? '▾' : '▸') : ''}
          </span>
          <FolderIcon kind={item.icon} />
          <span className={`tree-label${item.level === 1 && item.account !== null ? ' tree-account' : ''}`}>{item.label}</span>
          {item.unread > 0 && (
            <>
              {' '}
              <span className="tree-unread" aria-hidden="true">
                {item.unread}
              </span>
            </>
          )}
        </div>
        {expanded && (
          <ul role="group" id={groupId} className="tree-group">
            {item.children.map(renderItem)}
          </ul>
        )}
      </li>
    );
  };

  return (
    <nav className="pane pane-folders" aria-labelledby={headingId}>
      <div className="folders-heading">
        <h2 id={headingId} className="pane-heading">
          {t('folders.label')}
        </h2>
        {/* Before the first account the first-run screen is where to add one; one button, not two. */}
        {(accounts?.length ?? 0) > 0 && (
          <button type="button" className="folders-add-account" title={t('folders.addAccount')} aria-label={t('folders.addAccount')} onClick={() => actions.openAccountWizard()}>
            <svg viewBox="0 0 16 16" width={14} height={14} aria-hidden="true" focusable="false">
              <path d="M8 3v10M3 8h10" fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" />
            </svg>
          </button>
        )}
      </div>
      {error !== null && (
        <div className="tree-error" role="alert">
          <span>{error}</span>
          <button type="button" onClick={() => setError(null)}>
            {t('folders.dismiss')}
          </button>
        </div>
      )}
      {items.length === 0 ? (
        <p className="empty-state">{t('folders.empty')}</p>
      ) : (
        <ul
          role="tree"
          className="folder-tree"
          aria-label={t('folders.tree')}
          onKeyDown={(event) => {
            const id = (event.target as HTMLElement).closest('[role="treeitem"]')?.getAttribute('data-item-id');
            const item = shown.find((candidate) => candidate.id === id);
            if (item !== undefined) onKeyDown(event, item);
          }}
        >
          {items.map(renderItem)}
        </ul>
      )}
      {menu !== null && (
        <FolderMenu
          menu={menu}
          onClose={() => setMenu(null)}
          onPrompt={(next) => {
            // The wizard belongs to the window (the first-run screen and the app menu open it too).
            if (next.kind === 'add-account') actions.openAccountWizard();
            else setPrompt(next);
          }}
        />
      )}
      {(prompt?.kind === 'create' || prompt?.kind === 'rename') && (
        <NameDialog
          prompt={prompt}
          folderName={folderName}
          onClose={() => setPrompt(null)}
          onSubmit={(name) => {
            setPrompt(null);
            if (prompt.kind === 'create') {
              const delimiter = prompt.parent?.delimiter ?? folders?.find((folder) => folder.accountId === prompt.account.id)?.delimiter ?? '/';
              const path = prompt.parent === null ? name : `${prompt.parent.path}${delimiter}${name}`;
              run(api.createFolder(prompt.account.id, path), 'folders.error.create');
            } else {
              const { folder } = prompt;
              const cut = folder.delimiter === null ? -1 : folder.path.lastIndexOf(folder.delimiter);
              const path = cut === -1 ? name : `${folder.path.slice(0, cut + 1)}${name}`;
              run(api.renameFolder(folder.id, path), 'folders.error.rename');
            }
          }}
        />
      )}
      {prompt?.kind === 'delete' && (
        <DangerDialog
          title={t('folders.delete.title', { name: folderName(prompt.folder) })}
          body={t('folders.delete.body', { count: String(prompt.folder.total) })}
          confirmLabel={t('folders.delete')}
          onCancel={() => setPrompt(null)}
          onConfirm={() => {
            const { folder } = prompt;
            setPrompt(null);
            if (selection.kind === 'folder' && selection.folderId === folder.id) onSelect({ kind: 'unified' });
            run(api.deleteFolder(folder.id), 'folders.error.delete');
          }}
        />
      )}
      {prompt?.kind === 'edit-account' && (
        // The saved account comes back as an account-upsert through the journal; the tree follows the index.
        <AccountWizard editing={prompt.account} onClose={() => setPrompt(null)} onSaved={() => setPrompt(null)} />
      )}
      {prompt?.kind === 'remove-account' && (
        <DangerDialog
          title={t('folders.removeAccount.title', { address: prompt.account.email })}
          body={t('folders.removeAccount.body')}
          confirmLabel={t('folders.removeAccount')}
          onCancel={() => setPrompt(null)}
          onConfirm={() => {
            const { account } = prompt;
            setPrompt(null);
            // The account's folders leave the index with it; the list must not stay on one of them.
            const shown = selection.kind === 'folder' ? folders?.find((f) => f.id === selection.folderId) : undefined;
            if (shown?.accountId === account.id) onSelect({ kind: 'unified' });
            run(api.removeAccount(account.id), 'folders.error.removeAccount');
          }}
        />
      )}
    </nav>
  );
}

/** A question before something that cannot be undone: Cancel, or the action in the danger style. */
function DangerDialog({ title, body, confirmLabel, onCancel, onConfirm }: { readonly title: string; readonly body: string; readonly confirmLabel: string; readonly onCancel: () => void; readonly onConfirm: () => void }) {
  const { t } = useI18n();
  return (
    <Dialog title={title} onClose={onCancel}>
      <p>{body}</p>
      <div className="dialog-actions">
        <button type="button" onClick={onCancel}>
          {t('folders.cancel')}
        </button>
        <button type="button" className="danger" onClick={onConfirm}>
          {confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}

function FolderMenu({ menu, onClose, onPrompt }: { readonly menu: MenuState; readonly onClose: () => void; readonly onPrompt: (prompt: Prompt) => void }) {
  const { t } = useI18n();
  const ref = useRef<HTMLUListElement>(null);
  // Escape or a chosen entry: focus goes back to the folder the menu was opened on.
  useReturnFocus(ref);
  const { item } = menu;
  const account = item.account;
  const folder = item.folder;
  useEffect(() => {
    ref.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    const close = (event: globalThis.MouseEvent): void => {
      if (!(event.target instanceof Node) || ref.current?.contains(event.target) !== true) onClose();
    };
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, [onClose]);
  if (account === null) return null;
  // Special folders keep their names and stay: renaming or deleting Inbox/Sent/Trash breaks the account.
  const ordinary = folder !== null && folder.role === null;
  const entries: { key: MessageKey; prompt: Prompt }[] = [
    { key: folder === null ? 'folders.menu.new' : 'folders.menu.newSub', prompt: { kind: 'create', account, parent: folder } },
    ...(ordinary ? [{ key: 'folders.menu.rename' as const, prompt: { kind: 'rename' as const, folder } }] : []),
    ...(ordinary ? [{ key: 'folders.menu.delete' as const, prompt: { kind: 'delete' as const, folder } }] : []),
    // The account row (no folder) also manages accounts.
    ...(folder === null
      ? [
          { key: 'folders.menu.addAccount' as const, prompt: { kind: 'add-account' as const } },
          { key: 'folders.menu.editAccount' as const, prompt: { kind: 'edit-account' as const, account } },
          { key: 'folders.menu.removeAccount' as const, prompt: { kind: 'remove-account' as const, account } },
        ]
      : []),
  ];
  return (
    <ul
      ref={ref}
      role="menu"
      aria-label={t('folders.menu')}
      className="context-menu"
      style={{ left: menu.x, top: menu.y }}
      onKeyDown={(event) => {
        const entriesEls = [...(ref.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
        const at = entriesEls.indexOf(document.activeElement as HTMLElement);
        if (event.key === 'Escape') onClose();
        else if (event.key === 'ArrowDown') entriesEls[(at + 1) % entriesEls.length]?.focus();
        else if (event.key === 'ArrowUp') entriesEls[(at - 1 + entriesEls.length) % entriesEls.length]?.focus();
        else return;
        event.preventDefault();
        event.stopPropagation();
      }}
    >
      {entries.map((entry) => (
        <li
          key={entry.key}
          role="menuitem"
          tabIndex={-1}
          onClick={() => {
            onClose();
            onPrompt(entry.prompt);
          }}
          onKeyDown={(event) => {
            if (event.key !== 'Enter' && event.key !== ' ') return;
            event.preventDefault();
            onClose();
            onPrompt(entry.prompt);
          }}
        >
          {t(entry.key)}
        </li>
      ))}
    </ul>
  );
}

function NameDialog({
  prompt,
  folderName,
  onClose,
  onSubmit,
}: {
  readonly prompt: Extract<Prompt, { kind: 'create' | 'rename' }>;
  readonly folderName: (folder: FolderSummary) => string;
  readonly onClose: () => void;
  readonly onSubmit: (name: string) => void;
}) {
  const { t } = useI18n();
  const inputId = useId();
  const [name, setName] = useState(prompt.kind === 'rename' ? prompt.folder.name : '');
  const [problem, setProblem] = useState<string | null>(null);
  const delimiter = prompt.kind === 'rename' ? prompt.folder.delimiter : (prompt.parent?.delimiter ?? null);
  const title = prompt.kind === 'rename' ? t('folders.rename.title', { name: folderName(prompt.folder) }) : t('folders.new.title');
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const trimmed = name.trim();
    if (trimmed === '') setProblem(t('folders.nameEmpty'));
    else if (delimiter !== null && delimiter !== '' && trimmed.includes(delimiter)) setProblem(t('folders.nameInvalid', { delimiter }));
    else onSubmit(trimmed);
  };
  return (
    <Dialog title={title} onClose={onClose}>
      <form onSubmit={submit} className="folder-form">
        {prompt.kind === 'create' && prompt.parent !== null && <p>{t('folders.new.inside', { parent: folderName(prompt.parent) })}</p>}
        <label htmlFor={inputId}>{t('folders.name')}</label>
        <input id={inputId} value={name} onChange={(event) => setName(event.target.value)} aria-invalid={problem !== null} />
        {problem !== null && <p role="alert">{problem}</p>}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            {t('folders.cancel')}
          </button>
          <button type="submit" className="primary">
            {prompt.kind === 'rename' ? t('folders.rename') : t('folders.create')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
