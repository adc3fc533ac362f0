/**
 * STARTTLS (RFC 3501 §6.2.1, RFC 2595 §3.1): only in the not-authenticated state; data the
 * server pipelines after its OK is refused as injection (session pauseAfterOk), and every
 * capability learned before TLS is forgotten and asked for again.
 */
import { MailError } from '../../net/mail-error.js';
import type { CommandContext } from './context.js';

export async function starttls(ctx: CommandContext): Promise<void> {
  ctx.state.require('STARTTLS', 'not-authenticated');
  if (ctx.line.encrypted) throw new MailError('protocol-error', 'The connection is already encrypted.');
  if (!ctx.capabilities.has('STARTTLS')) {
    throw new MailError('starttls-unavailable', 'The server does not offer STARTTLS; refusing to continue without encryption.');
  }
  await ctx.exec({ name: 'STARTTLS', pauseAfterOk: 'starttls' });
  await ctx.line.startTls();
  ctx.capabilities.forget();
  await ctx.exec({ name: 'CAPABILITY' });
}
