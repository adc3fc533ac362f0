/** LOGOUT (RFC 3501 §6.1.3): the BYE that precedes the OK is expected, not an error. */
import type { CommandContext } from './context.js';

export async function logout(ctx: CommandContext): Promise<void> {
  ctx.state.name = 'logout';
  try {
    await ctx.exec({ name: 'LOGOUT', untagged: (d) => d.type === 'condition' && d.status === 'BYE' });
  } finally {
    ctx.line.close();
  }
}
