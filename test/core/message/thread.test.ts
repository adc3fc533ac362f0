import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { normalizeSubject, Threader, threadMessages, type ThreadMessage, type ThreadNode } from '../../../core/message/index.js';

function msg(key: string, subject: string, refs: string[] = [], date = 0, inReplyTo?: string): ThreadMessage {
  return { key, messageId: `${key}@x`, references: refs.map((r) => `<${r}@x>`), inReplyTo: inReplyTo === undefined ? undefined : `<${inReplyTo}@x>`, subject, date };
}

/** Thread shape as nested keys ("?" for a missing parent). */
function shape(nodes: readonly ThreadNode[]): unknown[] {
  return nodes.map((n) => (n.children.length === 0 ? (n.message?.key ?? '?') : [n.message?.key ?? '?', shape(n.children)]));
}

describe('subjects', () => {
  it('strips reply and forward prefixes in many languages, counters and list tags', () => {
    const cases: Array<[string, string, boolean]> = [
      ['Re: Hello', 'hello', true],
      ['RE[2]: Hello', 'hello', true],
      ['Re(3): Hello', 'hello', true],
      ['Fwd: Re: AW: SV: Hello', 'hello', true],
      ['[ml:123] Re: [ml:124] Hello', 'hello', true],
      ['返信: 会議', '会議', true],
      ['転送：会議', '会議', true],
      ['Hello (fwd)', 'hello', true],
      ['Hello', 'hello', false],
      ['  Re:   ', '', true],
    ];
    for (const [input, base, isReply] of cases) expect({ input, ...normalizeSubject(input) }).toEqual({ input, base, isReply });
  });
});

describe('JWZ threading', () => {
  it('builds a tree from References and In-Reply-To', () => {
    const threads = threadMessages([
      msg('a', 'Plan', [], 1),
      msg('b', 'Re: Plan', ['a'], 2),
      msg('c', 'Re: Plan', ['a', 'b'], 3),
      msg('d', 'Re: Plan', [], 4, 'a'),
      msg('z', 'Other', [], 0),
    ]);
    expect(shape(threads)).toEqual(['z', ['a', [['b', ['c']], 'd']]]);
  });

  it('keeps a missing parent as an empty node that joins its children', () => {
    const threads = threadMessages([msg('b', 'Re: Lost', ['gone'], 2), msg('c', 'Re: Lost', ['gone'], 3)]);
    expect(shape(threads)).toEqual([['?', ['b', 'c']]]);
    expect(threads[0]?.id).toBe('gone@x');
  });

  it('groups by subject when references are missing (Re:, AW:, 返信:, list tags)', () => {
    const threads = threadMessages([
      msg('a', '[team] Budget', [], 1),
      msg('b', 'AW: [team] Budget', [], 2),
      msg('c', '返信: 予算', [], 3),
      msg('d', '予算', [], 2),
    ]);
    expect(shape(threads)).toEqual([['a', ['b']], ['d', ['c']]]);
  });

  it('two originals with the same subject become siblings under a dummy', () => {
    expect(shape(threadMessages([msg('a', 'Weekly report', [], 1), msg('b', 'Weekly report', [], 2)]))).toEqual([['?', ['a', 'b']]]);
  });

  it('survives reference loops and duplicate Message-IDs', () => {
    const loop = threadMessages([msg('a', 'x', ['b'], 1), msg('b', 'y', ['a'], 2)]);
    // a names b as its parent; b then cannot name a without a loop, so b stays the root.
    expect(shape(loop)).toEqual([['b', ['a']]]);
    const dup: ThreadMessage[] = [
      { key: 'k1', messageId: '<same@x>', references: [], inReplyTo: undefined, subject: 'One', date: 1 },
      { key: 'k2', messageId: '<same@x>', references: [], inReplyTo: undefined, subject: 'Two', date: 2 },
    ];
    expect(shape(threadMessages(dup))).toEqual(['k1', 'k2']);
  });

  it('threads a conversation thousands of messages deep without recursion limits', () => {
    const chain = Array.from({ length: 5000 }, (_, i) => msg(`c${i}`, 'Re: long', i === 0 ? [] : [`c${i - 1}`], i));
    const threads = threadMessages(chain);
    expect(threads).toHaveLength(1);
    let node = threads[0];
    let depth = 0;
    while (node !== undefined && node.children.length > 0) {
      node = node.children[0];
      depth++;
    }
    expect(depth).toBe(4999);
    expect(node?.message?.key).toBe('c4999');
  });

  it('is stable and incremental: any order, any batching, same threads', () => {
    const ids = ['m0', 'm1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7'];
    const message = fc.record({
      idx: fc.nat({ max: ids.length - 1 }),
      refs: fc.array(fc.constantFrom(...ids, 'ghost'), { maxLength: 3 }),
      subject: fc.constantFrom('Hello', 'Re: Hello', 'AW: Hello', 'Other', '返信: Other', '[l] Hello'),
      date: fc.integer({ min: 0, max: 20 }),
    });
    fc.assert(
      fc.property(fc.uniqueArray(message, { selector: (m) => m.idx, maxLength: ids.length }), fc.integer({ min: 1, max: 4 }), fc.nat(), (raw, batch, seed) => {
        const all = raw.map((m) => msg(ids[m.idx] as string, m.subject, m.refs, m.date));
        const expected = shape(threadMessages(all));
        // shuffle deterministically by seed
        const shuffled = [...all].sort((a, b) => ((a.key.charCodeAt(1) * 31 + seed) % 17) - ((b.key.charCodeAt(1) * 31 + seed) % 17));
        const threader = new Threader();
        for (let i = 0; i < shuffled.length; i += batch) {
          threader.add(...shuffled.slice(i, i + batch));
          threader.threads();
        }
        expect(shape(threader.threads())).toEqual(expected);
        // every message appears exactly once
        const seen: string[] = [];
        const walk = (n: ThreadNode): void => {
          if (n.message !== undefined) seen.push(n.message.key);
          n.children.forEach(walk);
        };
        threader.threads().forEach(walk);
        expect(seen.sort()).toEqual(all.map((m) => m.key).sort());
      }),
      { seed: 5256, numRuns: 300 },
    );
  });
});
