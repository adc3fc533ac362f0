/**
 * Deletion grants: the only thing Pop3Client.dele() accepts. A grant names one message of one
 * session and is created only by issueDeletionGrant, which only DownloadSession calls once it
 * has seen the message made durable (a sink's commit() resolved, now or in an earlier session
 * recorded in the account's state). issueDeletionGrant is not exported from core/pop3/index.ts,
 * and the constructor needs a token no other module has, so a grant cannot be forged.
 */

const TOKEN: unique symbol = Symbol('DeletionGrant');
const issued = new WeakSet<DeletionGrant>();

export class DeletionGrant {
  constructor(
    token: typeof TOKEN,
    /** The client whose session the message number belongs to (numbers are per session). */
    readonly session: object,
    readonly msg: number,
    readonly uidl: string,
    /** Why deleting is allowed: when the message became durable locally. */
    readonly durableAt: string,
  ) {
    if (token !== TOKEN) throw new TypeError('Deletion grants are issued by DownloadSession only.');
    issued.add(this);
  }
}

/** Issued only by the leave-on-server session once the message is known durable. */
export function issueDeletionGrant(session: object, msg: number, uidl: string, durableAt: string): DeletionGrant {
  return new DeletionGrant(TOKEN, session, msg, uidl, durableAt);
}

/** True only for grants made by issueDeletionGrant (not look-alike objects). */
export function isGenuineGrant(value: unknown): value is DeletionGrant {
  return typeof value === 'object' && value !== null && issued.has(value as DeletionGrant);
}
