/** NOOP (RFC 3501 §6.1.2): polls for mailbox changes; they arrive as events. */
import type { CommandContext } from './context.js';

export async function noop(ctx: CommandContext): Promise<void> {
  await ctx.exec({ name: 'NOOP' });
}
