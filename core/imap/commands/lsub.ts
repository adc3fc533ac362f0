/** LSUB (RFC 3501 §6.3.9): subscribed mailboxes, for servers without LIST-EXTENDED. */
import { mailbox, str } from '../compiler.js';
import type { CommandContext } from './context.js';
import { decodeName } from './util.js';

export interface SubscribedMailbox {
  readonly path: string;
  readonly rawPath: string;
  readonly delimiter: string | null;
  readonly attributes: readonly string[];
}

export async function lsub(ctx: CommandContext, pattern = '*'): Promise<SubscribedMailbox[]> {
  ctx.state.require('LSUB', 'authenticated', 'selected');
  const found: SubscribedMailbox[] = [];
  await ctx.exec({
    name: 'LSUB',
    args: [str(''), mailbox(pattern)],
    pipeline: true,
    untagged: (d) => {
      if (d.type !== 'lsub') return false;
      found.push({ path: decodeName(ctx, d.name), rawPath: d.name, delimiter: d.delimiter, attributes: d.attributes });
      return true;
    },
  });
  return found;
}
