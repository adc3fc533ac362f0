/** NAMESPACE (RFC 2342): personal, other users' and shared prefixes with their delimiters. */
import type { NamespaceEntry } from '../parser/index.js';
import type { CommandContext } from './context.js';

export interface Namespaces {
  readonly personal: readonly NamespaceEntry[];
  readonly other: readonly NamespaceEntry[];
  readonly shared: readonly NamespaceEntry[];
}

export async function namespace(ctx: CommandContext): Promise<Namespaces> {
  ctx.state.require('NAMESPACE', 'authenticated', 'selected');
  // Without NAMESPACE, RFC 2342 §4 suggests the empty personal prefix; the delimiter comes from LIST.
  let result: Namespaces = { personal: [{ prefix: '', delimiter: null }], other: [], shared: [] };
  if (!ctx.capabilities.has('NAMESPACE')) return result;
  await ctx.exec({
    name: 'NAMESPACE',
    pipeline: true,
    untagged: (d) => {
      if (d.type !== 'namespace') return false;
      result = { personal: d.personal, other: d.other, shared: d.shared };
      return true;
    },
  });
  return result;
}
