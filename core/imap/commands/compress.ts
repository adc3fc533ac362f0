/** COMPRESS=DEFLATE (RFC 4978): raw deflate both ways from right after the OK. */
import { atom } from '../compiler.js';
import type { CommandContext } from './context.js';

export async function compress(ctx: CommandContext): Promise<boolean> {
  ctx.state.require('COMPRESS', 'authenticated', 'selected');
  if (!ctx.capabilities.has('COMPRESS=DEFLATE')) return false;
  await ctx.exec({ name: 'COMPRESS', args: [atom('DEFLATE')], pauseAfterOk: 'compress' });
  await ctx.line.deflate();
  return true;
}
