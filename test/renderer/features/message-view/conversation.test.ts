import { describe, expect, it } from 'vitest';
import { foldQuotes, initiallyExpanded } from '../../../../renderer/src/features/message-view/conversation.js';
import { textBlocks } from '../../../../renderer/src/features/message-view/text-body.js';

const plain = { flowed: false, delSp: false };

describe('conversation', () => {
  it('expands the selected message and the unread ones', () => {
    const entries = [
      { id: 'a', unread: 0 as const },
      { id: 'b', unread: 1 as const },
      { id: 'c', unread: 0 as const },
    ];
    expect([...initiallyExpanded(entries, 'a')].sort()).toEqual(['a', 'b']);
    // The selection is not in this thread (it moved away): the newest is shown.
    expect([...initiallyExpanded(entries, 'zz')].sort()).toEqual(['b', 'c']);
    expect([...initiallyExpanded([], null)]).toEqual([]);
  });

  it('folds quoted text with its attribution line and keeps the own words', () => {
    const body = ['Sounds good, see you then.', '', 'On Sat, 28 Nov 2026, Bob <bob@tegami.test> wrote:', '> Lunch at noon?', '> > earlier', 'Thanks', '-- ', 'Alice'].join('\n');
    const segments = foldQuotes(textBlocks(body, plain));
    expect(segments.map((s) => s.kind)).toEqual(['own', 'quoted', 'own']);
    expect(segments[0]?.blocks.map((b) => b.text).join('\n')).toBe('Sounds good, see you then.\n');
    const quoted = segments[1]!;
    expect(quoted.kind === 'quoted' && quoted.lines).toBe(3);
    expect(quoted.blocks[0]?.text).toBe('On Sat, 28 Nov 2026, Bob <bob@tegami.test> wrote:');
    expect(segments[2]?.blocks.map((b) => b.text)).toEqual(['Thanks', '-- \nAlice']);
  });

  it('recognises a Japanese attribution line', () => {
    const body = ['了解です。', '2026年11月28日(土) 10:00 ボブ <bob@tegami.test>:', '> 明日の会議は10時からです。'].join('\n');
    const segments = foldQuotes(textBlocks(body, plain));
    expect(segments.map((s) => s.kind)).toEqual(['own', 'quoted']);
    expect(segments[0]?.blocks[0]?.text).toBe('了解です。');
  });

  it('leaves a message without quotes as one own segment', () => {
    expect(foldQuotes(textBlocks('Just text\nand more', plain)).map((s) => s.kind)).toEqual(['own']);
    expect(foldQuotes([])).toEqual([]);
  });
});
