import { MailError } from '../net/mail-error.js';

/**
 * Opaque ids the API hands out, built so the engine can read them back without a lookup table:
 *   folder   `${accountId}/${server path}`        (account ids never contain "/")
 *   outbox   `${accountId}:outbox`
 *   message  `${folderId}#${local UID}`           (split at the last "#": a path may contain "#")
 */

/**
 * Local UIDs from here up belong to messages that exist only in this copy (an offline move,
 * copy or append not yet replayed). Servers count UIDs up from 1 and never get near 4e9, so a
 * placeholder cannot collide with a UID the server hands out later.
 */
export const LOCAL_UID_BASE = 4_000_000_000;

export function isLocalUid(uid: number): boolean {
  return uid >= LOCAL_UID_BASE;
}

export function folderId(accountId: string, path: string): string {
  return `${accountId}/${path}`;
}

export function outboxFolderId(accountId: string): string {
  return `${accountId}:outbox`;
}

export function messageId(folder: string, uid: number): string {
  return `${folder}#${uid}`;
}

export interface ParsedFolderId {
  readonly accountId: string;
  /** The server path, or undefined for the outbox. */
  readonly path: string | undefined;
}

export function parseFolderId(id: string): ParsedFolderId {
  const slash = id.indexOf('/');
  if (slash > 0) return { accountId: id.slice(0, slash), path: id.slice(slash + 1) };
  if (id.endsWith(':outbox')) return { accountId: id.slice(0, -':outbox'.length), path: undefined };
  throw new MailError('not-found', `"${id.slice(0, 100)}" is not a folder id.`);
}

export interface ParsedMessageId extends ParsedFolderId {
  readonly folderId: string;
  readonly uid: number;
}

export function parseMessageId(id: string): ParsedMessageId {
  const hash = id.lastIndexOf('#');
  const uid = Number(id.slice(hash + 1));
  if (hash <= 0 || !Number.isInteger(uid) || uid < 1) throw new MailError('not-found', `"${id.slice(0, 100)}" is not a message id.`);
  const folder = id.slice(0, hash);
  return { ...parseFolderId(folder), folderId: folder, uid };
}
