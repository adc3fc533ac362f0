/** LOGIN (RFC 3501 §6.2.3): refused when the server says LOGINDISABLED or the link is not encrypted. */
import { MailError } from '../../net/mail-error.js';
import { str } from '../compiler.js';
import type { CommandContext } from './context.js';
import { refreshCapabilities } from './util.js';

export async function login(ctx: CommandContext, user: string, password: string): Promise<void> {
  ctx.state.require('LOGIN', 'not-authenticated');
  if (ctx.capabilities.has('LOGINDISABLED')) {
    throw new MailError('auth-unsupported', 'The server does not allow LOGIN on this connection (LOGINDISABLED).');
  }
  ctx.line.assertCredentialsAllowed();
  const result = await ctx.exec({ name: 'LOGIN', args: [str(user), str(password)], secretArgs: [0, 1] });
  ctx.state.name = 'authenticated';
  await refreshCapabilities(ctx, result);
}
