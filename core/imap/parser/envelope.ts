/** ENVELOPE (RFC 3501 §7.4.2), tolerant of NIL in every position and short address lists. */
import type { Address, Envelope } from './types.js';
import { isList, listItems, protocolError, textOrNull, type ImapValue } from './values.js';

export function parseEnvelope(value: ImapValue | undefined): Envelope {
  if (!isList(value)) throw protocolError('ENVELOPE is not a list.');
  const f = value.items;
  return {
    date: textOrNull(f[0]),
    subject: textOrNull(f[1]),
    from: addresses(f[2]),
    sender: addresses(f[3]),
    replyTo: addresses(f[4]),
    to: addresses(f[5]),
    cc: addresses(f[6]),
    bcc: addresses(f[7]),
    inReplyTo: textOrNull(f[8]),
    messageId: textOrNull(f[9]),
  };
}

/**
 * An address list. Group syntax (RFC 3501 §7.4.2: mailbox NIL host NIL starts a group named by
 * mailbox, host NIL ends it) is flattened: the group markers are kept as entries with a null host
 * so a caller that cares can rebuild groups.
 */
function addresses(value: ImapValue | undefined): Address[] {
  const out: Address[] = [];
  for (const item of listItems(value)) {
    if (!isList(item)) continue; // garbage inside an address list: skip that entry only
    const a = item.items;
    out.push({ name: textOrNull(a[0]), adl: textOrNull(a[1]), mailbox: textOrNull(a[2]), host: textOrNull(a[3]) });
  }
  return out;
}
