/**
 * EXPUNGE (RFC 3501 §6.4.3) or, with UIDs and UIDPLUS, UID EXPUNGE (RFC 4315 §2.1) which removes
 * only the given messages. Returns the expunged sequence numbers / vanished UIDs as reported.
 */
import { MailError } from '../../net/mail-error.js';
import { seq } from '../compiler.js';
import type { CommandContext } from './context.js';

export interface ExpungeResult {
  readonly sequenceNumbers: number[];
  readonly vanished: string[];
}

export async function expunge(ctx: CommandContext, uids?: string): Promise<ExpungeResult> {
  ctx.state.require('EXPUNGE', 'selected');
  if (uids !== undefined && !ctx.capabilities.has('UIDPLUS')) {
    throw new MailError('invalid-argument', 'The server cannot expunge single messages (no UIDPLUS).');
  }
  const sequenceNumbers: number[] = [];
  const vanished: string[] = [];
  await ctx.exec({
    name: uids === undefined ? 'EXPUNGE' : 'UID EXPUNGE',
    args: uids === undefined ? [] : [seq(uids)],
    untagged: (d) => {
      // Not consumed: the tracker must still count them and emit events.
      if (d.type === 'expunge') sequenceNumbers.push(d.seq);
      if (d.type === 'vanished') vanished.push(d.uids);
      return false;
    },
  });
  return { sequenceNumbers, vanished };
}
