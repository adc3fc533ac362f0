import { afterEach, describe, expect, it } from 'vitest';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { ReceivedTimeline } from '../../../../renderer/src/features/message-view/ReceivedTimeline.js';
import { I18nContext } from '../../../../renderer/src/i18n/context.js';
import { translator, type Language } from '../../../../renderer/src/i18n/catalogs.js';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

// Newest first, as in a header: the relay held the message for 20 minutes.
const fields = [
  'from relay.example.net (relay.example.net [198.51.100.7]) by mx.tegami.test (Postfix) with ESMTPS id 4ABC for <alice@tegami.test>; Sat, 28 Nov 2026 10:21:05 +0000',
  'from [192.0.2.10] (client.example.org [192.0.2.10]) by relay.example.net (Postfix) with ESMTPSA id 1XYZ; Sat, 28 Nov 2026 10:01:00 +0000',
];
const now = new Date('2026-11-28T12:00:00Z');

let root: Root | undefined;
function render(language: Language, list: readonly string[], dateHeader?: Date): HTMLElement {
  const container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  act(() =>
    root!.render(
      <I18nContext.Provider value={{ language, t: translator(language) }}>
        <ReceivedTimeline fields={list} now={now} {...(dateHeader !== undefined ? { dateHeader } : {})} />
      </I18nContext.Provider>,
    ),
  );
  return container;
}

afterEach(() => {
  act(() => root?.unmount());
  document.body.replaceChildren();
});

describe('ReceivedTimeline', () => {
  it('shows one step per hop, oldest first, with host, IP, protocol and delay', () => {
    const view = render('en', fields);
    const hops = [...view.querySelectorAll('li.received-hop')];
    expect(hops).toHaveLength(2);
    expect(hops[0]?.textContent).toContain('relay.example.net');
    expect(hops[0]?.textContent).toContain('192.0.2.10');
    expect(hops[0]?.textContent).toContain('ESMTPSA');
    expect(hops[1]?.textContent).toContain('198.51.100.7');
    expect(hops[1]?.textContent).toContain('20 min 5 s');
    expect(view.textContent).toContain('Total transit: 20 min 5 s');
  });

  it("counts the first hop's delay from the Date header, else says it is unknown", () => {
    const hops = (view: HTMLElement): Element[] => [...view.querySelectorAll('li.received-hop')];
    expect(hops(render('en', fields, new Date('2026-11-28T10:00:58Z')))[0]?.textContent).toContain('2 s after the Date header (the sender’s clock)');
    act(() => root?.unmount());
    expect(hops(render('ja', fields, new Date('2026-11-28T10:00:58Z')))[0]?.textContent).toContain('Date ヘッダーから 2 s');
    act(() => root?.unmount());
    const first = hops(render('en', fields))[0]?.textContent ?? '';
    expect(first).toContain('Delayunknown');
    expect(first).not.toContain('?');
  });

  it('highlights the slow hop only', () => {
    const view = render('en', fields);
    const hops = [...view.querySelectorAll('li.received-hop')];
    expect(hops[0]?.getAttribute('data-slow')).toBeNull();
    expect(hops[1]?.getAttribute('data-slow')).toBe('true');
    expect(hops[1]?.textContent).toContain('Slow hop');
  });

  it('speaks Japanese and says when there is no path', () => {
    expect(render('ja', fields).textContent).toContain('遅いホップ');
    act(() => root?.unmount());
    expect(render('en', []).textContent).toBe('This message has no Received fields.');
  });
});
