import type { ImapClient } from '../imap/client.js';
import { MailError } from '../net/mail-error.js';
import { readAll, type MailCache } from './cache.js';
import { MAX_QUEUE_ATTEMPTS } from './limits.js';
import type { OperationQueue, QueuedOperation } from './queue.js';

/** Errors that mean "not now" (the connection), as opposed to the server refusing the operation. */
const CONNECTION_CODES = new Set(['connect-failed', 'connect-timeout', 'greeting-timeout', 'command-timeout', 'idle-timeout', 'connection-closed', 'cancelled', 'dns-failed', 'tls-failed']);

export function isConnectionError(error: unknown): boolean {
  return error instanceof MailError && CONNECTION_CODES.has(error.code);
}

async function selectIfNeeded(client: ImapClient, path: string, uidValidity?: number): Promise<void> {
  if (client.state.selected?.path !== path || client.state.selected.readOnly) await client.run('select', path);
  const current = client.state.selected?.uidValidity;
  // RFC 3501 §2.3.1.1: after a UIDVALIDITY change the UID names another message, or none.
  if (uidValidity !== undefined && uidValidity !== 0 && current !== undefined && current !== uidValidity) {
    throw new MailError('uidvalidity-changed', `${path} was recreated on the server; a change made to the old copy was not applied.`);
  }
}

async function dropPlaceholder(cache: MailCache, path: string, uid: number): Promise<void> {
  const index = await cache.index(path).catch(() => undefined);
  if (index === undefined || !index.messages.has(uid)) return;
  const folder = cache.maildir(path);
  if ((await folder.list()).some((e) => e.uid === uid)) await folder.delete(uid);
  await cache.commit(path, [], [uid]);
}

/** With UIDPLUS (RFC 4315) the server names the new UID: ids given out for the placeholder keep working. */
async function remember(cache: MailCache, path: string, placeholder: number, uids: string | undefined): Promise<void> {
  if (uids === undefined || !/^\d+$/u.test(uids)) return;
  await cache.addAlias(path, placeholder, Number(uids));
}

async function perform(client: ImapClient, cache: MailCache, op: QueuedOperation): Promise<void> {
  switch (op.op) {
    case 'flags':
      await selectIfNeeded(client, op.path, op.uidValidity);
      if (op.add.length > 0) await client.run('store', String(op.uid), { operation: 'add', flags: [...op.add] });
      if (op.remove.length > 0) await client.run('store', String(op.uid), { operation: 'remove', flags: [...op.remove] });
      return;
    case 'move':
      await selectIfNeeded(client, op.path, op.uidValidity);
      // A UID the server no longer has moves nothing (RFC 6851 §3.3): deleted there, it stays
      // deleted; dropping the placeholder below makes the local copy agree.
      await remember(cache, op.to, op.placeholder, (await client.run('move', String(op.uid), op.to)).destinationUids);
      await dropPlaceholder(cache, op.to, op.placeholder);
      return;
    case 'copy':
      await selectIfNeeded(client, op.path, op.uidValidity);
      await remember(cache, op.to, op.placeholder, (await client.run('copy', String(op.uid), op.to)).destinationUids);
      await dropPlaceholder(cache, op.to, op.placeholder);
      return;
    case 'expunge':
      await selectIfNeeded(client, op.path, op.uidValidity);
      await client.run('store', String(op.uid), { operation: 'add', flags: ['\\Deleted'] });
      // UID EXPUNGE (RFC 4315) removes only this message, not others marked \Deleted elsewhere.
      await client.run('expunge', client.capabilities.has('UIDPLUS') ? String(op.uid) : undefined);
      return;
    case 'append': {
      const folder = cache.maildir(op.path);
      const present = (await folder.list()).some((e) => e.uid === op.placeholder);
      if (present) {
        const bytes = await readAll(await folder.read(op.placeholder));
        const appended = await client.run('append', op.path, { content: bytes, flags: [...op.flags] });
        await remember(cache, op.path, op.placeholder, appended.uids[0] !== undefined ? String(appended.uids[0]) : undefined);
      }
      if (op.replaces !== null) {
        await selectIfNeeded(client, op.path);
        await client.run('store', String(op.replaces), { operation: 'add', flags: ['\\Deleted'] });
        await client.run('expunge', client.capabilities.has('UIDPLUS') ? String(op.replaces) : undefined);
      }
      await dropPlaceholder(cache, op.path, op.placeholder);
      return;
    }
    case 'create-folder':
      await client.run('create', op.path);
      return;
    case 'delete-folder':
      if (client.state.selected?.path === op.path) await client.run('unselect').catch(() => undefined);
      await client.run('delete', op.path);
      return;
    case 'rename-folder':
      if (client.state.selected?.path === op.path) await client.run('unselect').catch(() => undefined);
      await client.run('rename', op.path, op.to);
      return;
    default: {
      // Every kind that can be queued is replayed: a new kind without a case here fails to
      // compile. One read from a queue file written by another version is refused (and dropped
      // after MAX_QUEUE_ATTEMPTS) instead of waiting forever.
      const unknown: never = op;
      throw new MailError('invalid-argument', `Unknown queued operation ${JSON.stringify(unknown)}.`);
    }
  }
}

export interface ReplayReport {
  readonly done: number;
  readonly dropped: ReadonlyArray<{ readonly operation: QueuedOperation; readonly reason: string }>;
}

/**
 * Sends the queue to the server in order. A connection failure stops the replay (the rest
 * waits for the next connection, in order); a refusal by the server is the server's answer:
 * retried a few times, then dropped with its reason, and the next sync shows the server's state.
 */
export async function replayQueue(client: ImapClient, cache: MailCache, queue: OperationQueue): Promise<ReplayReport> {
  let done = 0;
  const dropped: Array<{ operation: QueuedOperation; reason: string }> = [];
  for (const entry of [...queue.entries]) {
    try {
      await perform(client, cache, entry.operation);
      await queue.remove(entry.id);
      done++;
    } catch (error) {
      if (isConnectionError(error) || !(error instanceof MailError)) throw error;
      if (entry.attempts + 1 >= MAX_QUEUE_ATTEMPTS || error.code === 'mailbox-not-found' || error.code === 'uidvalidity-changed') {
        await queue.remove(entry.id);
        const op = entry.operation;
        if (op.op === 'move' || op.op === 'copy') await dropPlaceholder(cache, op.to, op.placeholder);
        dropped.push({ operation: op, reason: error.message });
      } else {
        await queue.failed(entry.id, error.message);
      }
    }
  }
  return { done, dropped };
}
