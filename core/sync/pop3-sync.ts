import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AccountSettings, MessageSummary, Pop3Policy } from '../api/contract.js';
import { MailError } from '../net/mail-error.js';
import { DownloadSession, JsonFileStateStore, Pop3Client, type MessageSink, type RetentionPolicy } from '../pop3/index.js';
import type { MailCache } from './cache.js';
import type { ImapEndpoint } from './imap-connect.js';
import { folderId, messageId } from './ids.js';
import type { Pop3Ledger } from './pop3-ledger.js';
import type { FolderReport, ProgressListener } from './progress.js';
import { summarize } from './summary.js';

export interface Pop3SyncOptions {
  readonly signal?: AbortSignal;
  readonly onProgress?: ProgressListener;
}

/** An account's POP3 policy; without one, mail is left on the server (nothing is lost by default). */
export function pop3Policy(account: Pick<AccountSettings, 'pop3'>): Pop3Policy {
  return account.pop3 ?? { leaveOnServer: true, deleteAfterDays: null };
}

/**
 * Whether a message the user deletes here is deleted on the server too (by the next session's
 * DELE). Only an account that leaves mail on the server has anything left there to delete, and
 * it does unless the account says deleteWhenDeletedHere: false. Deleting is the default, as
 * with Thunderbird's "until I delete them": a message deleted here would otherwise stay on the
 * server, not downloaded again here yet still taking up the mailbox's space, until a
 * deleteAfterDays policy (if any) removed it. Who reads the same mailbox on another device
 * turns it off.
 */
export function deletesOnServerWhenDeletedHere(policy: Pop3Policy): boolean {
  return policy.leaveOnServer && policy.deleteWhenDeletedHere !== false;
}

function retention(policy: Pop3Policy): RetentionPolicy {
  if (!policy.leaveOnServer) return { kind: 'delete-after-download' };
  return policy.deleteAfterDays === null ? { kind: 'keep-forever' } : { kind: 'delete-after-days', days: policy.deleteAfterDays };
}

/**
 * POP3 → the Maildir INBOX. The POP3 module's DownloadSession decides what to fetch and what
 * may be deleted; its DELE grant is issued only after our sink's commit() resolved, and commit
 * resolves only once the Maildir delivery (tmp, fsync, rename, directory fsync) is done, so a
 * message is never deleted on the server before it is durable here.
 *
 * The ledger names each download's unique-id, and lists those the user deleted here: this
 * session sends their DELE, and only once the server acknowledged QUIT (RFC 1939 §6: the
 * UPDATE state removes them) are they settled. A session that drops before that deletes
 * nothing, and the next one sends them again. They are never downloaded again: the download
 * state keeps their download date until the server stops listing them.
 */
export async function syncPop3(endpoint: ImapEndpoint, cache: MailCache, ledger: Pop3Ledger, policy: Pop3Policy, options: Pop3SyncOptions = {}): Promise<FolderReport> {
  const started = Date.now();
  if (cache.folders.length === 0) await cache.setFolders([{ path: 'INBOX', delimiter: null, role: 'inbox', selectable: true }]);
  const inbox = cache.maildir('INBOX');
  const fid = folderId(cache.accountId, 'INBOX');
  const ca = endpoint.caFile !== undefined ? await readFile(endpoint.caFile) : undefined;
  const client = await Pop3Client.connect({ host: endpoint.host, port: endpoint.port, security: endpoint.security, ...(ca !== undefined ? { ca } : {}), ...(endpoint.pinnedSha256 !== undefined ? { pinnedSha256: endpoint.pinnedSha256 } : {}), ...(endpoint.transcript !== undefined ? { transcript: endpoint.transcript } : {}) });
  let added = 0;
  let bytes = 0;
  try {
    if (endpoint.accessToken !== undefined) await client.authenticate({ username: endpoint.user, accessToken: endpoint.accessToken });
    else await client.login(endpoint.user, endpoint.password ?? '');
    const session = await DownloadSession.begin(client, new JsonFileStateStore(join(cache.stateDir, 'pop3-state.json')), retention(policy));
    const todo = session.toDownload;
    for (const [i, item] of todo.entries()) {
      if (options.signal?.aborted === true) throw new MailError('cancelled', 'The sync was cancelled.');
      const chunks: Buffer[] = [];
      let summary: MessageSummary | undefined;
      const sink: MessageSink = {
        write: (chunk) => {
          chunks.push(chunk);
        },
        commit: async () => {
          const data = Buffer.concat(chunks);
          const now = new Date();
          const entry = await inbox.deliver(data, { internalDate: now });
          // Only a server that keeps the message can be asked to delete it later.
          if (deletesOnServerWhenDeletedHere(policy)) await ledger.downloaded('INBOX', entry.uid, item.uidl);
          summary = summarize(data, { id: messageId(fid, entry.uid), accountId: cache.accountId, folderId: fid, uid: null, flags: [], receivedAt: now, size: data.length, bodyDownloaded: true });
          bytes += data.length;
        },
        abort: () => undefined,
      };
      await session.downloadAndDeliver(item.uidl, sink);
      if (summary !== undefined) {
        added++;
        await cache.commit('INBOX', [summary], []);
      }
      options.onProgress?.({ phase: 'messages', folder: 'INBOX', foldersDone: 0, foldersTotal: 1, messagesDone: i + 1, messagesTotal: todo.length, bytes });
    }
    await session.deleteDue();
    const { absent } = await session.deleteDeletedLocally(ledger.deleted);
    // Not listed any more: removed on the server already (by another client, or an earlier QUIT).
    await ledger.settled(absent);
    const removed = await session.finish();
    await ledger.settled(removed);
  } finally {
    client.close();
  }
  const total = (await cache.index('INBOX')).messages.size;
  return { path: 'INBOX', added, updated: 0, removed: 0, total, bytes, ms: Date.now() - started, method: 'full' };
}
