/** CLOSE (RFC 3501 §6.4.2): expunges \Deleted messages silently and leaves the selected state. */
import type { CommandContext } from './context.js';

export async function close(ctx: CommandContext): Promise<void> {
  ctx.state.require('CLOSE', 'selected');
  try {
    await ctx.exec({ name: 'CLOSE' });
  } finally {
    ctx.state.deselect();
  }
}
