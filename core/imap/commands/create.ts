/** CREATE (RFC 3501 §6.3.3): creates a mailbox; [ALREADYEXISTS] (RFC 5530) is a typed server-rejected error. */
import { mailbox } from '../compiler.js';
import type { CommandContext } from './context.js';

export async function create(ctx: CommandContext, path: string): Promise<void> {
  ctx.state.require('CREATE', 'authenticated', 'selected');
  await ctx.exec({ name: 'CREATE', args: [mailbox(path)], pipeline: true });
}
