/** CAPABILITY (RFC 3501 §6.1.1). The untagged response updates ctx.capabilities via the tracker. */
import type { CommandContext } from './context.js';

export async function capability(ctx: CommandContext): Promise<string[]> {
  let list: readonly string[] = [];
  await ctx.exec({
    name: 'CAPABILITY',
    pipeline: true,
    untagged: (d) => {
      if (d.type !== 'capability') return false;
      list = d.capabilities;
      return false; // the tracker must see it too
    },
  });
  return [...list];
}
