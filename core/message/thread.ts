/**
 * Conversation threading: Jamie Zawinski's algorithm (https://www.jwz.org/doc/threading.html,
 * also RFC 5256 §2.2 REFERENCES) over Message-ID, In-Reply-To and References, with the subject
 * fallback for mailers that drop references.
 *
 * Stable and incremental: messages are threaded in a canonical order (date, Message-ID, key),
 * so the result depends only on the set of messages, never on the order they were added; a
 * Threader that receives messages in batches gives exactly the result of threading them all
 * at once.
 */
import { normalizeSubject } from './subject.js';

export interface ThreadMessage {
  /** The caller's key for the message (a Maildir name, a UID, ...); unique. */
  readonly key: string;
  readonly messageId: string | undefined;
  readonly inReplyTo: string | undefined;
  readonly references: readonly string[];
  readonly subject: string | undefined;
  /** Milliseconds since the epoch (Date header or arrival time). */
  readonly date: number | undefined;
}

export interface ThreadNode {
  /** The Message-ID of this node (a referenced but missing message has no `message`). */
  readonly id: string;
  readonly message: ThreadMessage | undefined;
  readonly children: readonly ThreadNode[];
}

class Container {
  message: ThreadMessage | undefined;
  parent: Container | undefined;
  children: Container[] = [];
  constructor(readonly id: string) {}

  hasDescendant(other: Container): boolean {
    const stack: Container[] = [...this.children];
    let guard = 0;
    while (stack.length > 0 && guard++ < 1_000_000) {
      const c = stack.pop() as Container;
      if (c === other) return true;
      stack.push(...c.children);
    }
    return false;
  }

  addChild(child: Container): void {
    if (child.parent !== undefined) child.parent.removeChild(child);
    child.parent = this;
    this.children.push(child);
  }

  removeChild(child: Container): void {
    const i = this.children.indexOf(child);
    if (i !== -1) this.children.splice(i, 1);
    child.parent = undefined;
  }
}

function normalizeId(id: string): string {
  return id.trim().replace(/^<|>$/g, '');
}

function canonicalOrder(a: ThreadMessage, b: ThreadMessage): number {
  const da = a.date ?? 0;
  const db = b.date ?? 0;
  if (da !== db) return da - db;
  const ma = a.messageId ?? '';
  const mb = b.messageId ?? '';
  if (ma !== mb) return ma < mb ? -1 : 1;
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

/** Containers below `roots`, children before their parent, without recursion. */
function postOrder(roots: readonly Container[]): Container[] {
  const out: Container[] = [];
  const stack: Array<{ c: Container; i: number }> = [...roots].reverse().map((c) => ({ c, i: 0 }));
  while (stack.length > 0) {
    const top = stack[stack.length - 1] as { c: Container; i: number };
    if (top.i < top.c.children.length) {
      stack.push({ c: top.c.children[top.i] as Container, i: 0 });
      top.i++;
    } else {
      stack.pop();
      out.push(top.c);
    }
  }
  return out;
}

function subjectOf(c: Container): string | undefined {
  if (c.message !== undefined) return c.message.subject;
  for (const child of c.children) if (child.message !== undefined) return child.message.subject;
  return undefined;
}

/** Threads a set of messages; the result lists thread roots, oldest conversation first. */
export function threadMessages(messages: readonly ThreadMessage[]): ThreadNode[] {
  const sorted = [...messages].sort(canonicalOrder);
  const table = new Map<string, Container>();
  const get = (id: string): Container => {
    let c = table.get(id);
    if (c === undefined) {
      c = new Container(id);
      table.set(id, c);
    }
    return c;
  };
  for (const msg of sorted) {
    // Step 1A: the container for this message (a duplicate Message-ID gets its own).
    let id = msg.messageId === undefined || msg.messageId.trim() === '' ? `\u0000key:${msg.key}` : normalizeId(msg.messageId);
    if (table.get(id)?.message !== undefined) id = `${id}\u0000dup:${msg.key}`;
    const container = get(id);
    container.message = msg;
    // Step 1B: link the References chain, never creating loops or moving existing links.
    const refs = msg.references.map(normalizeId).filter((r) => r !== '');
    if (msg.inReplyTo !== undefined) {
      const irt = normalizeId(msg.inReplyTo);
      if (irt !== '' && refs[refs.length - 1] !== irt && !refs.includes(irt)) refs.push(irt);
    }
    let previous: Container | undefined;
    for (const ref of refs) {
      const c = get(ref);
      if (previous !== undefined && c.parent === undefined && c !== previous && !c.hasDescendant(previous)) previous.addChild(c);
      previous = c;
    }
    // Step 1C: the message's parent is its last reference (if that makes no loop).
    if (container.parent !== undefined) container.parent.removeChild(container);
    if (previous !== undefined && previous !== container && !container.hasDescendant(previous)) previous.addChild(container);
  }
  // Step 2: the root set.
  let roots = [...table.values()].filter((c) => c.parent === undefined);
  // Step 4: prune empty containers (iteratively: threads can be thousands deep).
  for (const c of postOrder(roots)) {
    const kept: Container[] = [];
    for (const child of c.children) {
      if (child.message === undefined && child.children.length === 0) continue;
      if (child.message === undefined) kept.push(...child.children);
      else kept.push(child);
    }
    c.children = kept;
    for (const child of kept) child.parent = c;
  }
  roots = roots.flatMap((r): Container[] => {
    if (r.message === undefined && r.children.length === 0) return [];
    if (r.message === undefined && r.children.length === 1) {
      const only = r.children[0] as Container;
      only.parent = undefined;
      return [only];
    }
    return [r];
  });
  // Step 5: group the root set by subject.
  const bySubject = new Map<string, Container>();
  for (const root of roots) {
    const { base, isReply } = normalizeSubject(subjectOf(root));
    if (base === '') continue;
    const existing = bySubject.get(base);
    const existingIsReply = existing === undefined ? true : existing.message !== undefined && normalizeSubject(existing.message.subject).isReply;
    if (existing === undefined || (root.message === undefined && existing.message !== undefined) || (existingIsReply && !isReply && existing.message !== undefined)) {
      bySubject.set(base, root);
    }
  }
  const merged: Container[] = [];
  const removed = new Set<Container>();
  for (const root of roots) {
    const { base, isReply } = normalizeSubject(subjectOf(root));
    const target = base === '' ? undefined : bySubject.get(base);
    if (target === undefined || target === root || removed.has(root)) continue;
    if (target.message === undefined && root.message === undefined) {
      for (const child of [...root.children]) target.addChild(child);
      removed.add(root);
    } else if (target.message === undefined) {
      target.addChild(root);
      removed.add(root);
    } else if (root.message === undefined) {
      // keep the dummy as the group root
      root.addChild(target);
      removed.add(target);
      bySubject.set(base, root);
    } else if (isReply && !normalizeSubject(target.message.subject).isReply) {
      target.addChild(root);
      removed.add(root);
    } else {
      const dummy = new Container(`\u0000subject:${base}`);
      const index = roots.indexOf(target);
      dummy.addChild(target);
      dummy.addChild(root);
      removed.add(root);
      roots[index] = dummy;
      bySubject.set(base, dummy);
    }
  }
  for (const root of roots) if (!removed.has(root) && root.parent === undefined) merged.push(root);
  // Step 7: sort siblings by their earliest message, ties by id, for a stable result.
  const all = postOrder(merged);
  const earliest = new Map<Container, number>();
  for (const c of all) {
    let t = c.message === undefined ? Number.POSITIVE_INFINITY : (c.message.date ?? 0);
    for (const child of c.children) t = Math.min(t, earliest.get(child) ?? Number.POSITIVE_INFINITY);
    earliest.set(c, t);
  }
  const order = (a: Container, b: Container): number => {
    const d = (earliest.get(a) ?? 0) - (earliest.get(b) ?? 0);
    if (d !== 0 && Number.isFinite(d)) return d;
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  };
  const nodes = new Map<Container, ThreadNode>();
  for (const c of all) {
    nodes.set(c, {
      id: c.id.startsWith('\u0000') ? '' : (c.id.split('\u0000')[0] ?? ''),
      message: c.message,
      children: [...c.children].sort(order).map((child) => nodes.get(child) as ThreadNode),
    });
  }
  return merged.sort(order).map((c) => nodes.get(c) as ThreadNode);
}

/**
 * Threads messages as they arrive. add() may be called any number of times; threads()
 * always equals threadMessages() over everything added so far.
 */
export class Threader {
  private readonly messages = new Map<string, ThreadMessage>();
  private cached: ThreadNode[] | undefined;

  add(...messages: readonly ThreadMessage[]): void {
    for (const m of messages) this.messages.set(m.key, m);
    this.cached = undefined;
  }

  remove(key: string): void {
    if (this.messages.delete(key)) this.cached = undefined;
  }

  get size(): number {
    return this.messages.size;
  }

  threads(): ThreadNode[] {
    this.cached ??= threadMessages([...this.messages.values()]);
    return this.cached;
  }
}
