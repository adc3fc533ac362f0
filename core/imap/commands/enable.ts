/** ENABLE (RFC 5161): CONDSTORE, QRESYNC, UTF8=ACCEPT … only what the server offers. */
import { atom } from '../compiler.js';
import type { CommandContext } from './context.js';

export async function enable(ctx: CommandContext, extensions: readonly string[]): Promise<string[]> {
  ctx.state.require('ENABLE', 'authenticated');
  const wanted = extensions.map((e) => e.toUpperCase()).filter((e) => ctx.capabilities.has(e) && !ctx.state.enabled.has(e));
  if (wanted.length === 0 || !ctx.capabilities.has('ENABLE')) return [...ctx.state.enabled];
  await ctx.exec({
    name: 'ENABLE',
    args: wanted.map(atom),
    untagged: (d) => {
      if (d.type !== 'enabled') return false;
      for (const c of d.capabilities) ctx.state.enabled.add(c.toUpperCase());
      return true;
    },
  });
  return [...ctx.state.enabled];
}
