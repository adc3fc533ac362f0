/**
 * Mail-side helpers for the end-to-end tests: alice's account settings for a stack, and
 * waiting until the service behind the web host has a message (found by its Message-ID).
 */
import type { Account, FolderSummary, MessageSummary, NewAccount } from '../../../core/api/contract.js';
import type { ServersDescriptor } from '../../servers/descriptor.js';
import { stackAccount } from '../../servers/stack-accounts.js';
import type { HostApi } from './host-api.js';

/** alice on the stack by its addresses (no discovery), the stack's CA trusted for the account. */
export function aliceAccount(servers: ServersDescriptor): NewAccount {
  return stackAccount(servers, 'alice');
}

/** The account's folder with `role`, waiting for the first sync to list the folders. */
export async function folderByRole(api: HostApi, account: Account, role: FolderSummary['role'], timeoutMs = 60_000): Promise<FolderSummary> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const folders = await api.call('listFolders', account.id);
    const folder = folders.find((f) => f.role === role);
    if (folder !== undefined) return folder;
    if (Date.now() > deadline) throw new Error(`${account.email} has no ${String(role)} folder (folders: ${folders.map((f) => f.path).join(', ')})`);
    await api.call('syncNow', account.id).catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** A Message-ID without its angle brackets (summaries carry it bare). */
export function bare(messageId: string): string {
  return messageId.replace(/^<|>$/g, '');
}

/**
 * Polls the service (asking it to sync each round) until every Message-ID is in the folder;
 * returns the summaries in the order of `messageIds`.
 */
export async function waitForMessages(api: HostApi, account: Account, folder: FolderSummary, messageIds: readonly string[], timeoutMs = 120_000): Promise<MessageSummary[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await api.call('syncNow', account.id).catch(() => undefined);
    const page = await api.call('listMessages', folder.id, { offset: 0, limit: 1000 });
    const byId = new Map(page.messages.map((m) => [bare(m.messageId ?? ''), m]));
    const found = messageIds.map((id) => byId.get(bare(id)));
    if (found.every((m): m is MessageSummary => m !== undefined)) return found;
    if (Date.now() > deadline) {
      const missing = messageIds.filter((_, i) => found[i] === undefined);
      throw new Error(`Not in ${folder.path} after ${timeoutMs} ms: ${missing.join(', ')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
