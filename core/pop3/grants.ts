/**
 * Deletion grants: the only thing Pop3Client.dele() accepts. A grant names one message of one
 * session and can only be created by code in core/pop3 that has seen the message made durable
 * (a sink's commit() resolved, now or in an earlier session recorded in the account's state).
 * issueDeletionGrant is deliberately not exported from core/pop3/index.ts.
 */

const issued = new WeakSet<DeletionGrant>();

export class DeletionGrant {
  private constructor(
    /** The client whose session the message number belongs to (numbers are per session). */
    readonly session: object,
    readonly msg: number,
    readonly uidl: string,
    /** Why deleting is allowed: when the message became durable locally. */
    readonly durableAt: string,
  ) {}

  /** @internal */
  static create(session: object, msg: number, uidl: string, durableAt: string): DeletionGrant {
    const grant = new DeletionGrant(session, msg, uidl, durableAt);
    issued.add(grant);
    return grant;
  }
}

/** @internal Issued only by the leave-on-server session once the message is known durable. */
export function issueDeletionGrant(session: object, msg: number, uidl: string, durableAt: string): DeletionGrant {
  return DeletionGrant.create(session, msg, uidl, durableAt);
}

/** True only for grants made by issueDeletionGrant (not look-alike objects). */
export function isGenuineGrant(value: unknown): value is DeletionGrant {
  return typeof value === 'object' && value !== null && issued.has(value as DeletionGrant);
}
