import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { act, createRef } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import type { IndexedMessage } from '../../../../renderer/src/data/db.js';
import type { ListRow, ListSort } from '../../../../renderer/src/data/queries.js';
import { MessageList, type ListAction, type ListController } from '../../../../renderer/src/features/message-list/MessageList.js';
import type { ListSource } from '../../../../renderer/src/features/message-list/list-source.js';
import { EMPTY_SELECTION, type Selection } from '../../../../renderer/src/features/message-list/selection.js';
import { NO_PENDING, withFlags, withLeaving, type PendingChanges } from '../../../../renderer/src/app/pending.js';
import { I18nContext } from '../../../../renderer/src/i18n/context.js';
import { translator } from '../../../../renderer/src/i18n/catalogs.js';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const DAY = 86_400_000;
const BASE = Date.UTC(2024, 0, 1);

function message(index: number, thread = `t${index}`): IndexedMessage {
  return {
    id: `m${index}`,
    accountId: 'a',
    folderId: 'a/INBOX',
    uid: index + 1,
    flags: index % 3 === 0 ? [] : ['\\Seen'],
    date: new Date(BASE - index * DAY).toISOString(),
    receivedAt: new Date(BASE - index * DAY).toISOString(),
    from: [{ name: `Sender ${index}`, address: `s${index}@example.test` }],
    to: [],
    cc: [],
    subject: `Subject ${index}`,
    snippet: '',
    size: 1000 + index,
    hasAttachments: index % 5 === 0,
    messageId: `<m${index}@example.test>`,
    inReplyTo: null,
    references: [],
    threadKey: thread,
    bodyDownloaded: true,
    delivery: null,
    sortDate: BASE - index * DAY,
    sortFrom: `sender ${index}`,
    sortSubject: `subject ${index}`,
    unread: index % 3 === 0 ? 1 : 0,
    flagged: 0,
    attachment: index % 5 === 0 ? 1 : 0,
  };
}

/**
 * A computed data source of `total` rows: row i is message i, generated on request, so the
 * test shows the list never asks for (or renders) more than a window. Threads: every row whose
 * index is divisible by 10 heads a conversation of 3 (itself plus two replies, shown when expanded).
 */
class ComputedSource implements ListSource {
  readonly requests: { offset: number; limit: number }[] = [];
  constructor(
    readonly total: number,
    readonly threaded = false,
  ) {}

  private expandedRows(expanded: ReadonlySet<string>): number {
    return this.threaded ? expanded.size * 2 : 0;
  }

  count(expanded: ReadonlySet<string>): Promise<number> {
    return Promise.resolve(this.total + this.expandedRows(expanded));
  }

  rows(expanded: ReadonlySet<string>, offset: number, limit: number): Promise<ListRow[]> {
    this.requests.push({ offset, limit });
    const all: ListRow[] = [];
    // Only the threaded fake needs to walk from 0; the flat one computes the page directly.
    if (!this.threaded) {
      for (let i = offset; i < Math.min(this.total, offset + limit); i++) all.push({ kind: 'message', message: message(i), depth: 0, threadSize: 1, expanded: false });
      return Promise.resolve(all);
    }
    for (let i = 0; i < this.total && all.length < offset + limit; i++) {
      const head = i % 10 === 0;
      const key = `t${i}`;
      const open = head && expanded.has(key);
      all.push({ kind: 'message', message: message(i, key), depth: 0, threadSize: head ? 3 : 1, expanded: open });
      if (open) for (const r of [1, 2]) all.push({ kind: 'message', message: { ...message(1_000_000 + i * 10 + r, key) }, depth: 1, threadSize: 3, expanded: false });
    }
    return Promise.resolve(all.slice(offset, offset + limit));
  }
}

let root: Root | undefined;
let container: HTMLElement | undefined;

interface Harness {
  view: HTMLElement;
  selection: () => Selection;
  actions: { action: ListAction; ids: readonly string[] }[];
  sorts: { sort: ListSort; descending: boolean }[];
  controller: React.RefObject<ListController | null>;
  rerender: (pending: PendingChanges) => void;
}

async function flush(): Promise<void> {
  for (let i = 0; i < 5; i++) await act(async () => new Promise((resolve) => setTimeout(resolve, 0)));
}

async function renderList(source: ListSource, options: { sort?: ListSort; descending?: boolean; threaded?: boolean; selection?: Selection; onOpenInWindow?: (id: string) => void } = {}): Promise<Harness> {
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  let selection: Selection = options.selection ?? EMPTY_SELECTION;
  const actions: Harness['actions'] = [];
  const sorts: Harness['sorts'] = [];
  const controller = createRef<ListController>();
  let pending: PendingChanges = NO_PENDING;
  const draw = (): void =>
    root!.render(
      <I18nContext.Provider value={{ language: 'en', t: translator('en') }}>
        <MessageList
          source={source}
          sourceKey="k"
          sort={options.sort ?? 'date'}
          descending={options.descending ?? true}
          threaded={options.threaded ?? false}
          searching={false}
          onSortChange={(sort, descending) => sorts.push({ sort, descending })}
          onThreadedChange={() => undefined}
          selection={selection}
          onSelectionChange={(next) => {
            selection = next;
            draw();
          }}
          pending={pending}
          onAction={(action, ids) => actions.push({ action, ids })}
          mac={false}
          controllerRef={controller}
          {...(options.onOpenInWindow !== undefined ? { onOpenInWindow: options.onOpenInWindow } : {})}
        />
      </I18nContext.Provider>,
    );
  act(draw);
  await flush();
  return {
    view: container,
    selection: () => selection,
    actions,
    sorts,
    controller,
    rerender: (next) => {
      pending = next;
      act(draw);
    },
  };
}

const bodyRows = (view: HTMLElement) => [...view.querySelectorAll<HTMLElement>('.grid-body [role="row"]')];
const rowFor = (view: HTMLElement, id: string) => view.querySelector<HTMLElement>(`[data-message-id="${id}"]`)!;

afterEach(() => {
  act(() => root?.unmount());
  container?.remove();
});

describe('MessageList virtualization', () => {
  it('renders a bounded window of 100,000 rows and fetches only the blocks it shows', async () => {
    const source = new ComputedSource(100_000);
    const { view } = await renderList(source);
    const grid = view.querySelector('[role="grid"]')!;
    expect(grid.getAttribute('aria-rowcount')).toBe('100001');
    const rows = bodyRows(view);
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.length).toBeLessThan(60);
    expect(rows[0]!.getAttribute('aria-rowindex')).toBe('2');
    expect(rows[0]!.textContent).toContain('Subject 0');
    expect(source.requests.every((r) => r.limit <= 128)).toBe(true);

    // Jump to the middle: the DOM stays the same size, the rows are the ones at that position.
    const scroller = view.querySelector<HTMLElement>('.grid-body')!;
    scroller.scrollTop = 50_000 * 30;
    act(() => {
      scroller.dispatchEvent(new Event('scroll'));
    });
    await flush();
    const middle = bodyRows(view);
    expect(middle.length).toBeLessThan(60);
    const indexes = middle.map((row) => Number(row.getAttribute('aria-rowindex')));
    expect(Math.min(...indexes)).toBeGreaterThan(49_980);
    expect(Math.max(...indexes)).toBeLessThan(50_060);
    expect(middle.some((row) => row.textContent?.includes('Subject 50000'))).toBe(true);
    expect(source.requests.at(-1)!.offset).toBeGreaterThan(49_000);
    expect((view.querySelector<HTMLElement>('.grid-spacer')!.style.height)).toBe(`${100_000 * 30}px`);
  });

  it('shows unread rows bold, stars and attachment marks, and the pending flags over the stored ones', async () => {
    const source = new ComputedSource(50);
    const harness = await renderList(source);
    expect(rowFor(harness.view, 'm0').classList.contains('unread')).toBe(true);
    expect(rowFor(harness.view, 'm1').classList.contains('unread')).toBe(false);
    expect(rowFor(harness.view, 'm0').querySelector('.c-att svg')).not.toBeNull();
    harness.rerender(withLeaving(withFlags(NO_PENDING, new Map([['m0', ['\\Seen', '\\Flagged']]])), ['m2'], true));
    expect(rowFor(harness.view, 'm0').classList.contains('unread')).toBe(false);
    expect(rowFor(harness.view, 'm0').querySelector('.star')!.getAttribute('aria-pressed')).toBe('true');
    expect(rowFor(harness.view, 'm2').classList.contains('leaving')).toBe(true);
    act(() => rowFor(harness.view, 'm4').querySelector<HTMLButtonElement>('.star')!.click());
    expect(harness.actions).toEqual([{ action: 'star', ids: ['m4'] }]);
  });
});

describe('MessageList selection', () => {
  it('opens a double-clicked message in a window of its own where the host has windows', async () => {
    const opened: string[] = [];
    const harness = await renderList(new ComputedSource(20), { onOpenInWindow: (id) => opened.push(id) });
    await act(async () => {
      rowFor(harness.view, 'm2').dispatchEvent(new MouseEvent('dblclick', { bubbles: true }));
    });
    expect(opened).toEqual(['m2']);
  });

  it('selects with click, ctrl+click and shift+click and marks rows aria-selected', async () => {
    const harness = await renderList(new ComputedSource(200));
    const click = async (id: string, init: MouseEventInit = {}) => {
      await act(async () => {
        rowFor(harness.view, id).dispatchEvent(new MouseEvent('click', { bubbles: true, ...init }));
      });
      await flush();
    };
    await click('m3');
    expect([...harness.selection().ids]).toEqual(['m3']);
    await click('m6', { shiftKey: true });
    expect([...harness.selection().ids].sort()).toEqual(['m3', 'm4', 'm5', 'm6']);
    await click('m10', { ctrlKey: true });
    expect(harness.selection().ids.size).toBe(5);
    expect(rowFor(harness.view, 'm10').getAttribute('aria-selected')).toBe('true');
    expect(rowFor(harness.view, 'm7').getAttribute('aria-selected')).toBe('false');
    await click('m4', { ctrlKey: true });
    expect(harness.selection().ids.has('m4')).toBe(false);
  });

  it('moves with arrow keys (Shift extends) and through the controller the shortcuts use', async () => {
    const harness = await renderList(new ComputedSource(200));
    const grid = harness.view.querySelector<HTMLElement>('[role="grid"]')!;
    const key = async (k: string, init: KeyboardEventInit = {}) => {
      await act(async () => {
        grid.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true, ...init }));
      });
      await flush();
    };
    await key('ArrowDown');
    expect([...harness.selection().ids]).toEqual(['m0']);
    await key('ArrowDown');
    await key('ArrowDown', { shiftKey: true });
    expect([...harness.selection().ids].sort()).toEqual(['m1', 'm2']);
    expect(grid.getAttribute('aria-activedescendant')).toBe(rowFor(harness.view, 'm2').id);
    await act(async () => harness.controller.current!.move(-1, false));
    await flush();
    expect([...harness.selection().ids]).toEqual(['m1']);
    await key('End');
    expect([...harness.selection().ids]).toEqual(['m199']);
  });
});

describe('MessageList threads and sorting', () => {
  it('expands and collapses a conversation in place', async () => {
    const source = new ComputedSource(30, true);
    const harness = await renderList(source, { threaded: true });
    const head = rowFor(harness.view, 'm10');
    // The expanded state is the conversation button's: rows of a grid have none (ARIA 1.2).
    expect(head.hasAttribute('aria-expanded')).toBe(false);
    expect(head.querySelector('.twisty')!.getAttribute('aria-expanded')).toBe('false');
    expect(head.querySelector('.thread-count')!.textContent).toBe('3');
    expect(harness.view.querySelector('[role="grid"]')!.getAttribute('aria-rowcount')).toBe('31');
    await act(async () => head.querySelector<HTMLButtonElement>('.twisty')!.click());
    await flush();
    expect(rowFor(harness.view, 'm10').querySelector('.twisty')!.getAttribute('aria-expanded')).toBe('true');
    const replies = bodyRows(harness.view).filter((row) => row.classList.contains('reply'));
    expect(replies.map((row) => row.getAttribute('data-message-id'))).toEqual(['m1000101', 'm1000102']);
    expect(harness.view.querySelector('[role="grid"]')!.getAttribute('aria-rowcount')).toBe('33');
    // The row after the conversation moved down by two.
    expect(rowFor(harness.view, 'm11').getAttribute('aria-rowindex')).toBe('15');

    // Left on the focused, expanded head collapses it again.
    await act(async () => {
      rowFor(harness.view, 'm10').dispatchEvent(new MouseEvent('click', { bubbles: true }));
    });
    await flush();
    await act(async () => {
      harness.view.querySelector('[role="grid"]')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowLeft', bubbles: true, cancelable: true }));
    });
    await flush();
    expect(rowFor(harness.view, 'm10').querySelector('.twisty')!.getAttribute('aria-expanded')).toBe('false');
    expect(bodyRows(harness.view).some((row) => row.classList.contains('reply'))).toBe(false);
  });

  it('sorts by clicking column headers, flipping the direction on the current column', async () => {
    const harness = await renderList(new ComputedSource(10), { sort: 'date', descending: true });
    const header = (name: string) => [...harness.view.querySelectorAll<HTMLElement>('[role="columnheader"]')].find((h) => h.textContent?.startsWith(name))!;
    expect(header('Date').getAttribute('aria-sort')).toBe('descending');
    expect(header('Subject').getAttribute('aria-sort')).toBe('none');
    act(() => header('Date').querySelector('button')!.click());
    act(() => header('Subject').querySelector('button')!.click());
    act(() => header('Size').querySelector('button')!.click());
    expect(harness.sorts).toEqual([
      { sort: 'date', descending: false },
      { sort: 'subject', descending: false },
      { sort: 'size', descending: true },
    ]);
  });
});

describe('MessageList and a message shown from outside', () => {
  it('finds the row of a message selected by id (a notification) and scrolls it into view', async () => {
    const harness = await renderList(new ComputedSource(100_000), { selection: { ids: new Set(['m1234']), anchor: null, focus: null } });
    await flush();
    expect(harness.selection().focus).toBe(1234);
    const shown = rowFor(harness.view, 'm1234');
    expect(shown).not.toBeNull();
    expect(shown.getAttribute('aria-selected')).toBe('true');
    expect(harness.view.querySelector('[role="grid"]')!.getAttribute('aria-activedescendant')).toBe(shown.id);
  });
});

