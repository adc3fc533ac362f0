/** UNSUBSCRIBE (RFC 3501 §6.3.7): removes a mailbox from the subscription list. */
import { mailbox } from '../compiler.js';
import type { CommandContext } from './context.js';

export async function unsubscribe(ctx: CommandContext, path: string): Promise<void> {
  ctx.state.require('UNSUBSCRIBE', 'authenticated', 'selected');
  await ctx.exec({ name: 'UNSUBSCRIBE', args: [mailbox(path)], pipeline: true });
}
