import type { Change, FolderSummary } from '../../core/api/contract.js';

/**
 * The unread count the dock badge and the tray show: unread messages in every account's Inbox
 * (what Thunderbird and Mail.app count by default; other folders, Junk above all, would make
 * the badge meaningless). Kept from the change journal so the host never lists messages.
 */
export class UnreadTracker {
  readonly #inboxes = new Map<string, FolderSummary>();

  /** Starts from a full listing (every account's folders). */
  reset(folders: readonly FolderSummary[]): void {
    this.#inboxes.clear();
    for (const folder of folders) this.#track(folder);
  }

  /** Applies journal entries; answers whether the count may have changed. */
  apply(changes: readonly Change[]): boolean {
    let touched = false;
    for (const change of changes) {
      switch (change.kind) {
        case 'folder-upsert':
          this.#inboxes.delete(change.folder.id);
          this.#track(change.folder);
          touched = true;
          break;
        case 'folder-remove':
          touched = this.#inboxes.delete(change.folderId) || touched;
          break;
        case 'account-remove':
          for (const [id, folder] of this.#inboxes) {
            if (folder.accountId === change.accountId) {
              this.#inboxes.delete(id);
              touched = true;
            }
          }
          break;
        default:
          break;
      }
    }
    return touched;
  }

  get unread(): number {
    let total = 0;
    for (const folder of this.#inboxes.values()) total += folder.unread;
    return total;
  }

  #track(folder: FolderSummary): void {
    if (folder.role === 'inbox') this.#inboxes.set(folder.id, folder);
  }
}
