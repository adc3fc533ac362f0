/** SUBSCRIBE (RFC 3501 §6.3.6): adds a mailbox to the subscription list. */
import { mailbox } from '../compiler.js';
import type { CommandContext } from './context.js';

export async function subscribe(ctx: CommandContext, path: string): Promise<void> {
  ctx.state.require('SUBSCRIBE', 'authenticated', 'selected');
  await ctx.exec({ name: 'SUBSCRIBE', args: [mailbox(path)], pipeline: true });
}
