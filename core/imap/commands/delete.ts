/** DELETE (RFC 3501 §6.3.4): deletes a mailbox; deleting the selected one deselects it. */
import { mailbox } from '../compiler.js';
import type { CommandContext } from './context.js';

export async function deleteMailbox(ctx: CommandContext, path: string): Promise<void> {
  ctx.state.require('DELETE', 'authenticated', 'selected');
  await ctx.exec({ name: 'DELETE', args: [mailbox(path)], pipeline: true });
  if (ctx.state.selected?.path === path) ctx.state.deselect();
}
