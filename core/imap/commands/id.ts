/** ID (RFC 2971): some providers (Yahoo, 163.com) expect it before login; returns the server's. */
import { list, str, type CommandArg } from '../compiler.js';
import type { CommandContext } from './context.js';

export async function id(ctx: CommandContext, client: Readonly<Record<string, string>> | null): Promise<Record<string, string | null> | null> {
  if (!ctx.capabilities.has('ID')) return null;
  const args: CommandArg[] =
    client === null ? [{ type: 'atom', value: 'NIL' }] : [list(Object.entries(client).slice(0, 30).flatMap(([k, v]) => [str(k.slice(0, 30)), str(v.slice(0, 1024))]))];
  let server: Record<string, string | null> | null = null;
  await ctx.exec({
    name: 'ID',
    args,
    pipeline: true,
    untagged: (d) => {
      if (d.type !== 'id') return false;
      server = d.params === null ? null : { ...d.params };
      return true;
    },
  });
  return server;
}
