/**
 * UNSELECT (RFC 3691): leaves the mailbox without expunging. Without the extension, RFC 3691 §1
 * notes the trick of EXAMINE on a name that cannot exist, whose failure deselects (§6.3.1).
 */
import { MailError } from '../../net/mail-error.js';
import { mailbox } from '../compiler.js';
import type { CommandContext } from './context.js';

export async function unselect(ctx: CommandContext): Promise<void> {
  ctx.state.require('UNSELECT', 'selected');
  try {
    if (ctx.capabilities.has('UNSELECT')) await ctx.exec({ name: 'UNSELECT' });
    else {
      await ctx.exec({ name: 'EXAMINE', args: [mailbox(`tegami-unselect-${Date.now()}-nonexistent`)] }).then(
        () => {
          throw new MailError('protocol-error', 'The server opened a mailbox that should not exist.');
        },
        (error: unknown) => {
          if (!(error instanceof MailError) || error.reply === undefined) throw error;
        },
      );
    }
  } finally {
    ctx.state.deselect();
  }
}
