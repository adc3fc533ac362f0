/**
 * MOVE / UID MOVE (RFC 6851). Without MOVE, RFC 6851 §3.3's fallback: COPY, STORE +FLAGS
 * \Deleted, then UID EXPUNGE of exactly those UIDs (needs UIDPLUS; a plain EXPUNGE would also
 * remove other messages someone marked \Deleted, so without UIDPLUS the originals stay marked
 * and `expunged` is false).
 */
import { seq, mailbox } from '../compiler.js';
import type { CommandContext } from './context.js';
import { copy, copyResult, type CopyResult } from './copy.js';
import { store } from './store.js';

export interface MoveResult extends CopyResult {
  readonly expunged: boolean;
}

export async function move(ctx: CommandContext, uids: string, destination: string): Promise<MoveResult> {
  ctx.state.require('MOVE', 'selected');
  if (ctx.capabilities.has('MOVE')) {
    let copyUid: CopyResult | undefined;
    const result = await ctx.exec({
      name: 'UID MOVE',
      args: [seq(uids), mailbox(destination)],
      // RFC 6851 §4.3: COPYUID arrives in an untagged OK before the EXPUNGEs.
      untagged: (d) => {
        if (d.type === 'condition' && d.status === 'OK' && d.code?.name === 'COPYUID') {
          copyUid = copyResult(d.code, false);
          return true;
        }
        return false;
      },
    });
    return { ...(copyUid ?? copyResult(result.code, false)), expunged: true };
  }
  const copied = await copy(ctx, uids, destination);
  await store(ctx, uids, { operation: 'add', flags: ['\\Deleted'] });
  if (!ctx.capabilities.has('UIDPLUS')) return { ...copied, expunged: false };
  await ctx.exec({ name: 'UID EXPUNGE', args: [seq(uids)] });
  return { ...copied, expunged: true };
}
