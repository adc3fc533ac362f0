import { MailError } from '../net/mail-error.js';
import { isValidUidl, type UidListing } from './listing.js';

/**
 * Leave-on-server bookkeeping (pure). Per account, every UIDL seen on the server with the date
 * it was first seen and, once the message is durable locally, when that happened. A message is
 * downloaded when its UIDL has no download date; it is deleted from the server only when it has
 * one and the account's policy says so. UIDLs are the RFC 1939 §7 unique-ids, which a server
 * keeps stable across sessions.
 */
export type RetentionPolicy =
  /** Leave every message on the server. */
  | { readonly kind: 'keep-forever' }
  /** DELE each message right after it is durable locally (classic POP3). */
  | { readonly kind: 'delete-after-download' }
  /** Leave on the server for `days` days after it was first seen, then delete. */
  | { readonly kind: 'delete-after-days'; readonly days: number }
  /** Delete from the server once the user deleted the local copy. */
  | { readonly kind: 'delete-when-deleted-locally' };

export interface UidlRecord {
  /** ISO 8601: when this UIDL first appeared in a listing. */
  readonly firstSeen: string;
  /** ISO 8601: when the message became durable in the local store; absent until then. */
  readonly downloadedAt?: string;
  /** ISO 8601: when the user deleted the local copy. */
  readonly deletedLocallyAt?: string;
}

export interface AccountPop3State {
  readonly version: 1;
  readonly uidls: Readonly<Record<string, UidlRecord>>;
}

export interface SessionPlan {
  /** Messages on the server that were never downloaded, in server order. */
  readonly toDownload: readonly UidListing[];
  /** Messages downloaded earlier whose time to leave the server has come. */
  readonly toDelete: readonly UidListing[];
  /** The state with new UIDLs added and UIDLs no longer on the server dropped. */
  readonly state: AccountPop3State;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export function emptyState(): AccountPop3State {
  return { version: 1, uidls: {} };
}

export function validatePolicy(policy: RetentionPolicy): RetentionPolicy {
  switch (policy.kind) {
    case 'keep-forever':
    case 'delete-after-download':
    case 'delete-when-deleted-locally':
      return policy;
    case 'delete-after-days':
      if (!Number.isInteger(policy.days) || policy.days < 0 || policy.days > 36_500) {
        throw new MailError('invalid-argument', `Deleting after ${String(policy.days)} days is not valid: use a whole number of days from 0 to 36500.`);
      }
      return policy;
    default: {
      const unknown: never = policy;
      throw new MailError('invalid-argument', `Unknown retention policy ${JSON.stringify(unknown)}.`);
    }
  }
}

/** Whether a message downloaded in this session is deleted right after it is durable. */
export function deletesRightAfterDownload(policy: RetentionPolicy): boolean {
  return policy.kind === 'delete-after-download' || (policy.kind === 'delete-after-days' && policy.days === 0);
}

/** Whether an already downloaded message is due for deletion at `now`. */
export function isDue(record: UidlRecord, policy: RetentionPolicy, now: Date): boolean {
  if (record.downloadedAt === undefined) return false;
  switch (policy.kind) {
    case 'keep-forever':
      return false;
    case 'delete-after-download':
      // Downloaded in an earlier session that ended before its QUIT took effect.
      return true;
    case 'delete-after-days':
      return now.getTime() - Date.parse(record.firstSeen) >= policy.days * DAY_MS;
    case 'delete-when-deleted-locally':
      return record.deletedLocallyAt !== undefined;
  }
}

/**
 * Decides what a session does with the server's UIDL listing. Refuses a listing with duplicate
 * or malformed unique-ids: bookkeeping keyed on them could download twice or delete the wrong
 * message.
 */
export function planSession(state: AccountPop3State, listing: readonly UidListing[], policy: RetentionPolicy, now: Date): SessionPlan {
  validatePolicy(policy);
  const seen = new Set<string>();
  const entries: Array<[string, UidlRecord]> = [];
  const toDownload: UidListing[] = [];
  const toDelete: UidListing[] = [];
  for (const item of listing) {
    if (!isValidUidl(item.uidl)) throw new MailError('protocol-error', `The server listed an invalid unique-id "${item.uidl.slice(0, 80)}".`);
    if (seen.has(item.uidl)) {
      throw new MailError('protocol-error', `The server listed the unique-id "${item.uidl}" twice; leave-on-server cannot work safely with this mailbox.`);
    }
    seen.add(item.uidl);
    const record = Object.hasOwn(state.uidls, item.uidl) ? state.uidls[item.uidl] : undefined;
    const current = record ?? { firstSeen: now.toISOString() };
    entries.push([item.uidl, current]);
    if (current.downloadedAt === undefined) toDownload.push(item);
    else if (isDue(current, policy, now)) toDelete.push(item);
  }
  // fromEntries defines own properties, so a UIDL such as "__proto__" stays an ordinary key.
  return { toDownload, toDelete, state: { version: 1, uidls: Object.fromEntries(entries) } };
}

function update(state: AccountPop3State, uidl: string, change: (record: UidlRecord) => UidlRecord, now: Date): AccountPop3State {
  const record = (Object.hasOwn(state.uidls, uidl) ? state.uidls[uidl] : undefined) ?? { firstSeen: now.toISOString() };
  return { version: 1, uidls: { ...state.uidls, [uidl]: change(record) } };
}

/** Records that the message is durable locally (call only after the store's commit resolved). */
export function recordDownloaded(state: AccountPop3State, uidl: string, now: Date): AccountPop3State {
  return update(state, uidl, (r) => ({ ...r, downloadedAt: now.toISOString() }), now);
}

/** Records that the user deleted the local copy (for 'delete-when-deleted-locally'). */
export function recordDeletedLocally(state: AccountPop3State, uidl: string, now: Date): AccountPop3State {
  if (!Object.hasOwn(state.uidls, uidl)) return state;
  return update(state, uidl, (r) => ({ ...r, deletedLocallyAt: now.toISOString() }), now);
}

/** Forgets UIDLs the server removed (after a QUIT that applied their DELE). */
export function forget(state: AccountPop3State, removed: Iterable<string>): AccountPop3State {
  const gone = new Set(removed);
  return { version: 1, uidls: Object.fromEntries(Object.entries(state.uidls).filter(([uidl]) => !gone.has(uidl))) };
}

/** Validates state read back from disk; anything malformed is a typed error, not a crash. */
export function parseState(value: unknown): AccountPop3State {
  const bad = (why: string): MailError => new MailError('io-error', `The POP3 download state is damaged: ${why}.`);
  if (typeof value !== 'object' || value === null) throw bad('not an object');
  const v = value as { version?: unknown; uidls?: unknown };
  if (v.version !== 1) throw bad(`unknown version ${String(v.version)}`);
  if (typeof v.uidls !== 'object' || v.uidls === null || Array.isArray(v.uidls)) throw bad('no uidls map');
  const uidls: Array<[string, UidlRecord]> = [];
  for (const [uidl, raw] of Object.entries(v.uidls)) {
    if (!isValidUidl(uidl)) throw bad(`invalid unique-id ${JSON.stringify(uidl.slice(0, 80))}`);
    if (typeof raw !== 'object' || raw === null) throw bad(`record for ${uidl} is not an object`);
    const r = raw as Record<string, unknown>;
    const date = (key: string, required: boolean): string | undefined => {
      const d = r[key];
      if (d === undefined && !required) return undefined;
      if (typeof d !== 'string' || Number.isNaN(Date.parse(d))) throw bad(`${key} of ${uidl} is not a date`);
      return d;
    };
    const firstSeen = date('firstSeen', true) as string;
    const downloadedAt = date('downloadedAt', false);
    const deletedLocallyAt = date('deletedLocallyAt', false);
    uidls.push([
      uidl,
      {
        firstSeen,
        ...(downloadedAt === undefined ? {} : { downloadedAt }),
        ...(deletedLocallyAt === undefined ? {} : { deletedLocallyAt }),
      },
    ]);
  }
  return { version: 1, uidls: Object.fromEntries(uidls) };
}
