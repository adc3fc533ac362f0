/** RENAME (RFC 3501 §6.3.5): renaming INBOX moves its messages, the server keeps an empty INBOX. */
import { mailbox } from '../compiler.js';
import type { CommandContext } from './context.js';

export async function rename(ctx: CommandContext, from: string, to: string): Promise<void> {
  ctx.state.require('RENAME', 'authenticated', 'selected');
  await ctx.exec({ name: 'RENAME', args: [mailbox(from), mailbox(to)], pipeline: true });
}
