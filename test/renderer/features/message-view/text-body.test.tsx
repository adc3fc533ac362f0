import { afterEach, describe, expect, it } from 'vitest';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { MAX_QUOTE_DEPTH, textBlocks } from '../../../../renderer/src/features/message-view/text-body.js';
import { TextBody } from '../../../../renderer/src/features/message-view/TextBody.js';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const plain = { flowed: false, delSp: false };

describe('textBlocks', () => {
  it('groups lines by quote depth, accepting "> >" and ">>" alike', () => {
    const body = 'Sounds good.\r\n> Shall we meet?\r\n> > Is Monday ok?\r\n>> Or Tuesday\r\nBye\r\n';
    expect(textBlocks(body, plain)).toEqual([
      { depth: 0, text: 'Sounds good.', signature: false },
      { depth: 1, text: 'Shall we meet?', signature: false },
      { depth: 2, text: 'Is Monday ok?\nOr Tuesday', signature: false },
      { depth: 0, text: 'Bye', signature: false },
    ]);
  });

  it('unwraps format=flowed paragraphs per quote level (RFC 3676 §4.2, §4.5)', () => {
    const body = 'This is a long \r\nparagraph.\r\n> quoted and \r\n> flowed\r\n';
    expect(textBlocks(body, { flowed: true, delSp: false })).toEqual([
      { depth: 0, text: 'This is a long paragraph.', signature: false },
      { depth: 1, text: 'quoted and flowed', signature: false },
    ]);
    expect(textBlocks('日本語の \r\n文章\r\n', { flowed: true, delSp: true })[0]?.text).toBe('日本語の文章');
  });

  it('marks the signature after the "-- " separator (RFC 3676 §4.3)', () => {
    const blocks = textBlocks('Hi\n-- \nAlice\nTegami Inc.\n', plain);
    expect(blocks).toEqual([
      { depth: 0, text: 'Hi', signature: false },
      { depth: 0, text: '-- \nAlice\nTegami Inc.', signature: true },
    ]);
  });

  it('caps the depth of absurdly deep quoting', () => {
    expect(textBlocks(`${'>'.repeat(50)} deep`, plain)[0]?.depth).toBe(MAX_QUOTE_DEPTH);
  });
});

describe('TextBody', () => {
  let root: Root | undefined;
  afterEach(() => {
    act(() => root?.unmount());
    document.body.replaceChildren();
  });

  it('renders quotes as nested blockquotes with their level, text as text', () => {
    const container = document.createElement('div');
    document.body.append(container);
    root = createRoot(container);
    act(() => root!.render(<TextBody text={'<b>mine</b>\n> theirs\n'} format={plain} />));
    const quote = container.querySelector('blockquote.quote-level-1');
    expect(quote?.textContent).toBe('theirs');
    expect(container.querySelector('pre.text-body-own')?.textContent).toBe('<b>mine</b>');
    expect(container.querySelector('b')).toBeNull();
  });
});
