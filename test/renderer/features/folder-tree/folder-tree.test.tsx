import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { act } from 'react';
import { FolderTree, type FolderSelection } from '../../../../renderer/src/features/folder-tree/FolderTree.js';
import { MESSAGE_IDS_TYPE } from '../../../../renderer/src/app/message-drag.js';
import { changesFor, fakeHost, fill, folder, freshIndex, mount, waitFor, settle, type Mounted } from '../../app/mail-harness.js';

let mounted: Mounted | undefined;
afterEach(() => mounted?.unmount());

const FOLDERS = [folder('INBOX', 'inbox', 3, 10), folder('Sent', 'sent', 0, 4), folder('Work', null, 2, 5), folder('Work/Reports', null, 1, 1), folder('Trash', 'trash', 0, 0)];

async function renderTree(language: 'en' | 'ja' = 'en', initial: FolderSelection = { kind: 'unified' }) {
  const host = fakeHost();
  const db = freshIndex();
  await fill(db, changesFor(FOLDERS, []));
  const selections: FolderSelection[] = [];
  const moves: { ids: readonly string[]; folderId: string }[] = [];
  let selection: FolderSelection = initial;
  mounted = mount(
    <FolderTree selection={selection} onSelect={(s) => selections.push((selection = s))} onMoveMessages={(ids, folderId) => moves.push({ ids, folderId })} />,
    host,
    db,
    { language },
  );
  const view = mounted.container;
  await waitFor(() => view.querySelector('[role="tree"]'), 'the tree');
  return { host, db, view, selections, moves, actionsCalled: mounted.actionsCalled };
}

const items = (view: HTMLElement) => [...view.querySelectorAll<HTMLElement>('[role="treeitem"]')];
const item = (view: HTMLElement, label: string) => items(view).find((i) => i.getAttribute('aria-label')?.startsWith(label))!;
const key = (target: HTMLElement, k: string, init: KeyboardEventInit = {}) =>
  act(() => {
    target.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true, ...init }));
  });

describe('FolderTree', () => {
  it('lists the unified Inbox first, then the account with special folders first and unread counts', async () => {
    const { view } = await renderTree();
    const labels = items(view).map((i) => i.getAttribute('aria-label'));
    expect(labels).toEqual(['All Inboxes, 3 unread', 'alice@tegami.test', 'Inbox, 3 unread', 'Sent', 'Trash', 'Work, 2 unread', 'Reports, 1 unread']);
    expect(item(view, 'All Inboxes').getAttribute('aria-selected')).toBe('true');
    expect(item(view, 'All Inboxes').tabIndex).toBe(0);
    expect(items(view).filter((i) => i.tabIndex === 0)).toHaveLength(1);
    expect(item(view, 'Work').getAttribute('aria-expanded')).toBe('true');
    expect(item(view, 'Reports').getAttribute('aria-level')).toBe('3');
    // The row is the treeitem; its children's group is beside it, owned through aria-owns.
    const reportsGroup = item(view, 'Reports').closest('[role="group"]');
    expect(reportsGroup?.id).toBe(item(view, 'Work').getAttribute('aria-owns'));
    expect(item(view, 'Work').textContent).not.toContain('Reports');
    expect(item(view, 'Reports').parentElement?.getAttribute('role')).toBe('none');
    expect(item(view, 'Inbox').querySelector('.tree-unread')?.textContent).toBe('3');
    expect(item(view, 'Inbox').querySelector('svg')).not.toBeNull();
  });

  it('updates the counts live when the index changes', async () => {
    const { view, db } = await renderTree();
    await fill(db, [{ kind: 'folder-upsert', seq: 100, folder: folder('INBOX', 'inbox', 7, 12) }]);
    await waitFor(() => item(view, 'All Inboxes').getAttribute('aria-label') === 'All Inboxes, 7 unread', 'the new count');
    expect(item(view, 'Inbox').getAttribute('aria-label')).toBe('Inbox, 7 unread');
  });

  it('moves with the arrow keys (roving tabindex), collapses and expands, and selects with Enter', async () => {
    const { view, selections } = await renderTree();
    const first = item(view, 'All Inboxes');
    act(() => first.focus());
    key(first, 'ArrowDown');
    expect(document.activeElement).toBe(item(view, 'alice@tegami.test'));
    key(document.activeElement as HTMLElement, 'ArrowDown');
    expect(document.activeElement).toBe(item(view, 'Inbox'));
    expect(item(view, 'Inbox').tabIndex).toBe(0);
    key(document.activeElement as HTMLElement, 'Enter');
    expect(selections.at(-1)).toEqual({ kind: 'folder', folderId: 'acct/INBOX' });

    key(document.activeElement as HTMLElement, 'End');
    expect(document.activeElement).toBe(item(view, 'Reports'));
    key(document.activeElement as HTMLElement, 'ArrowLeft');
    expect(document.activeElement).toBe(item(view, 'Work'));
    key(document.activeElement as HTMLElement, 'ArrowLeft');
    expect(item(view, 'Work').getAttribute('aria-expanded')).toBe('false');
    expect(item(view, 'Reports')).toBeUndefined();
    key(document.activeElement as HTMLElement, 'ArrowRight');
    expect(item(view, 'Work').getAttribute('aria-expanded')).toBe('true');
    key(document.activeElement as HTMLElement, 'ArrowRight');
    expect(document.activeElement).toBe(item(view, 'Reports'));
  });

  it('takes dropped messages only when the drag carries message ids', async () => {
    const { view, moves } = await renderTree();
    const work = item(view, 'Work');
    const drop = (types: Record<string, string>) => {
      const data = {
        types: Object.keys(types),
        getData: (type: string) => types[type] ?? '',
        dropEffect: 'none',
      };
      const over = new Event('dragover', { bubbles: true, cancelable: true }) as Event & { dataTransfer: unknown };
      over.dataTransfer = data;
      const dropped = new Event('drop', { bubbles: true, cancelable: true }) as Event & { dataTransfer: unknown };
      dropped.dataTransfer = data;
      act(() => {
        work.dispatchEvent(over);
        work.dispatchEvent(dropped);
      });
      return over.defaultPrevented;
    };
    expect(drop({ 'text/plain': 'hello' })).toBe(false);
    expect(drop({ [MESSAGE_IDS_TYPE]: JSON.stringify(['m1', 'm2']) })).toBe(true);
    expect(moves).toEqual([{ ids: ['m1', 'm2'], folderId: 'acct/Work' }]);
  });

  it('creates a subfolder from the context menu, confirms deletes, and shows the service’s error', async () => {
    const { view, host } = await renderTree();
    host.answer('createFolder', (_account, path) => folder(String(path), null, 0));
    host.answer('deleteFolder', () => {
      throw { code: 'imap-no', message: 'Mailbox is not empty' };
    });
    const work = item(view, 'Work');
    act(() => {
      work.dispatchEvent(new MouseEvent('contextmenu', { bubbles: true, cancelable: true, clientX: 10, clientY: 10 }));
    });
    const entries = () => [...view.querySelectorAll<HTMLElement>('[role="menuitem"]')].map((e) => e.textContent);
    expect(entries()).toEqual(['New subfolder…', 'Rename…', 'Delete…']);
    act(() => [...view.querySelectorAll<HTMLElement>('[role="menuitem"]')][0]!.click());
    const input = view.querySelector<HTMLInputElement>('[role="dialog"] input')!;
    expect(document.activeElement).toBe(input);
    // A name containing the delimiter is refused before anything is sent.
    act(() => {
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, 'a/b');
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    act(() => view.querySelector<HTMLFormElement>('[role="dialog"] form')!.requestSubmit());
    expect(view.querySelector('[role="dialog"] [role="alert"]')?.textContent).toContain('without “/”');
    act(() => {
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, '2024');
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    act(() => view.querySelector<HTMLFormElement>('[role="dialog"] form')!.requestSubmit());
    expect(host.calls.find((c) => c.method === 'createFolder')?.args).toEqual(['acct', 'Work/2024']);
    expect(view.querySelector('[role="dialog"]')).toBeNull();

    // Delete asks first; the failure is shown.
    act(() => {
      item(view, 'Reports').dispatchEvent(new MouseEvent('contextmenu', { bubbles: true, cancelable: true }));
    });
    act(() => [...view.querySelectorAll<HTMLElement>('[role="menuitem"]')].find((e) => e.textContent === 'Delete…')!.click());
    const dialog = view.querySelector('[role="dialog"]')!;
    expect(dialog.textContent).toContain('Delete “Reports”?');
    expect(host.calls.some((c) => c.method === 'deleteFolder')).toBe(false);
    act(() => [...dialog.querySelectorAll('button')].find((b) => b.textContent === 'Delete')!.click());
    expect(host.calls.find((c) => c.method === 'deleteFolder')?.args).toEqual(['acct/Work/Reports']);
    await settle();
    expect(view.querySelector('.tree-error[role="alert"]')?.textContent).toContain('The folder could not be deleted: Mailbox is not empty');
  });

  it('offers no rename or delete for special folders, and speaks Japanese', async () => {
    const { view } = await renderTree('ja');
    expect(items(view).map((i) => i.getAttribute('aria-label'))[0]).toBe('すべての受信トレイ、3 件未読');
    act(() => {
      item(view, '受信トレイ').dispatchEvent(new MouseEvent('contextmenu', { bubbles: true, cancelable: true }));
    });
    expect([...view.querySelectorAll('[role="menuitem"]')].map((e) => e.textContent)).toEqual(['新しいサブフォルダー…']);
  });

  it('opens the account wizard from the pane heading’s button and from the account row’s menu', async () => {
    const { view, actionsCalled } = await renderTree();
    const add = view.querySelector<HTMLButtonElement>('.folders-heading button')!;
    expect(add.getAttribute('aria-label')).toBe('Add account');
    act(() => add.click());
    expect(actionsCalled).toEqual(['openAccountWizard']);

    act(() => {
      item(view, 'alice@tegami.test').dispatchEvent(new MouseEvent('contextmenu', { bubbles: true, cancelable: true }));
    });
    const entries = [...view.querySelectorAll<HTMLElement>('[role="menuitem"]')];
    expect(entries.map((e) => e.textContent)).toContain('Add account…');
    act(() => entries.find((e) => e.textContent === 'Add account…')!.click());
    expect(actionsCalled).toEqual(['openAccountWizard', 'openAccountWizard']);
    expect(view.querySelector('[role="menu"]')).toBeNull();
    // A folder's menu is about the folder only.
    act(() => {
      item(view, 'Work').dispatchEvent(new MouseEvent('contextmenu', { bubbles: true, cancelable: true }));
    });
    expect([...view.querySelectorAll('[role="menuitem"]')].map((e) => e.textContent)).not.toContain('Add account…');
  });

  it('removes an account after a confirmation that says the server is not touched, and leaves its folders', async () => {
    const { view, host, db, selections } = await renderTree('en', { kind: 'folder', folderId: 'acct/Work' });
    host.answer('removeAccount', () => undefined);
    act(() => {
      item(view, 'alice@tegami.test').dispatchEvent(new MouseEvent('contextmenu', { bubbles: true, cancelable: true }));
    });
    act(() => [...view.querySelectorAll<HTMLElement>('[role="menuitem"]')].find((e) => e.textContent === 'Remove account…')!.click());
    const dialog = view.querySelector('[role="dialog"]')!;
    expect(dialog.textContent).toContain('Remove the account alice@tegami.test?');
    expect(dialog.textContent).toContain('saved password are removed');
    expect(dialog.textContent).toContain('The mail on the server is not touched');

    // Cancel sends nothing.
    act(() => [...dialog.querySelectorAll('button')].find((b) => b.textContent === 'Cancel')!.click());
    expect(view.querySelector('[role="dialog"]')).toBeNull();
    expect(host.calls.some((c) => c.method === 'removeAccount')).toBe(false);

    act(() => {
      item(view, 'alice@tegami.test').dispatchEvent(new MouseEvent('contextmenu', { bubbles: true, cancelable: true }));
    });
    act(() => [...view.querySelectorAll<HTMLElement>('[role="menuitem"]')].find((e) => e.textContent === 'Remove account…')!.click());
    act(() => [...view.querySelector('[role="dialog"]')!.querySelectorAll('button')].find((b) => b.textContent === 'Remove')!.click());
    expect(host.calls.find((c) => c.method === 'removeAccount')?.args).toEqual(['acct']);
    // The list was showing one of its folders: it goes back to the unified Inbox.
    expect(selections.at(-1)).toEqual({ kind: 'unified' });

    // The journal's account-remove empties the index of the account, and the tree follows.
    await fill(db, [{ kind: 'account-remove', seq: 200, accountId: 'acct' }]);
    await waitFor(() => view.querySelector('[role="tree"]') === null, 'the empty tree');
    expect(await db.folders.count()).toBe(0);
    expect(view.querySelector('.empty-state')).not.toBeNull();
    // With no account left the first-run screen offers "Add account"; the heading does not repeat it.
    expect(view.querySelector('.folders-heading button')).toBeNull();
  });

  it('keeps the selection when another account’s folder is shown, and shows a failed removal', async () => {
    const { view, host, selections } = await renderTree('ja');
    host.answer('removeAccount', () => {
      throw { code: 'storage-failed', message: 'disk full' };
    });
    act(() => {
      item(view, 'alice@tegami.test').dispatchEvent(new MouseEvent('contextmenu', { bubbles: true, cancelable: true }));
    });
    act(() => [...view.querySelectorAll<HTMLElement>('[role="menuitem"]')].find((e) => e.textContent === 'アカウントを削除…')!.click());
    expect(view.querySelector('[role="dialog"]')!.textContent).toContain('サーバー上のメールには手を加えません');
    act(() => [...view.querySelector('[role="dialog"]')!.querySelectorAll('button')].find((b) => b.textContent === '削除')!.click());
    expect(selections).toEqual([]);
    await settle();
    expect(view.querySelector('.tree-error[role="alert"]')?.textContent).toContain('アカウントを削除できませんでした');
  });

  it('opens the saved account in the wizard from “Account settings…” and closes it once saved', async () => {
    const { view, host } = await renderTree();
    act(() => {
      item(view, 'alice@tegami.test').dispatchEvent(new MouseEvent('contextmenu', { bubbles: true, cancelable: true }));
    });
    expect([...view.querySelectorAll('[role="menuitem"]')].map((e) => e.textContent)).toEqual(['New folder…', 'Add account…', 'Account settings…', 'Remove account…']);
    act(() => [...view.querySelectorAll<HTMLElement>('[role="menuitem"]')].find((e) => e.textContent === 'Account settings…')!.click());
    const wizard = view.querySelector('[role="dialog"]')!;
    expect(wizard.querySelector('h2')?.textContent).toBe('Account settings');
    const email = [...wizard.querySelectorAll<HTMLInputElement>('input[name="email"]')][0];
    expect(email?.value).toBe('alice@tegami.test');
    expect(wizard.querySelector<HTMLInputElement>('input[name="password"]')?.value).toBe('');

    host.answer('updateAccount', (_id, changes) => ({ id: 'acct', ...(changes as object) }));
    act(() => [...wizard.querySelectorAll('button')].find((b) => b.textContent === 'Check and save')!.click());
    expect(host.calls.find((c) => c.method === 'updateAccount')?.args[0]).toBe('acct');
    await settle();
    expect(view.querySelector('[role="dialog"]')).toBeNull();
  });
});
