import type { Account, FolderSummary, MessageSummary } from '../../../../core/api/contract.js';

/** Test data for the search feature: accounts, folders and summaries as the service sends them. */

export function account(id: string, protocol: 'imap' | 'pop3' = 'imap'): Account {
  return {
    id,
    name: `User ${id}`,
    email: `${id}@tegami.test`,
    incoming: { host: 'mail.tegami.test', port: 993, security: 'tls', username: id, protocol },
    outgoing: { host: 'mail.tegami.test', port: 465, security: 'tls', username: id },
    pop3: protocol === 'pop3' ? { leaveOnServer: true, deleteAfterDays: null } : null,
    caFile: null,
  };
}

export function folder(accountId: string, path: string, extra: Partial<FolderSummary> = {}): FolderSummary {
  return {
    id: `${accountId}/${path}`, accountId, path, name: path.split('/').at(-1) ?? path, delimiter: '/',
    role: path === 'INBOX' ? 'inbox' : null, unread: 0, total: 0, selectable: true, ...extra,
  };
}

export function message(id: string, folderId: string, extra: Partial<MessageSummary> = {}): MessageSummary {
  const accountId = folderId.split('/')[0] ?? 'a1';
  return {
    id, accountId, folderId, uid: 1, flags: ['\\Seen'], date: '2026-11-20T10:00:00Z', receivedAt: '2026-11-20T10:00:05Z',
    from: [{ name: 'Bob', address: 'bob@tegami.test' }], to: [{ name: '', address: 'alice@tegami.test' }], cc: [],
    subject: `Subject ${id}`, snippet: '', size: 1000, hasAttachments: false, messageId: `<${id}@tegami.test>`,
    inReplyTo: null, references: [], threadKey: `<${id}@tegami.test>`, bodyDownloaded: true, delivery: null, ...extra,
  };
}
