/**
 * The UI benchmark's list page: the real MessageList over the real index (Dexie over Chromium's
 * IndexedDB), with the English catalog, in a window-sized frame. Exposes the measurements
 * ../ui.bench.ts drives: opening the folder until its rows are painted, frame times while
 * scrolling, jumping to the middle, opening a message (selection → its summary painted) and a
 * search until its results are painted.
 */
import '../../../renderer/src/styles.css';
import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import { NO_PENDING } from '../../../renderer/src/app/pending.js';
import { useMessage, type ListSort, type ListView } from '../../../renderer/src/data/queries.js';
import { MessageList } from '../../../renderer/src/features/message-list/MessageList.js';
import { indexSource, searchSource, type ListSource } from '../../../renderer/src/features/message-list/list-source.js';
import { SearchRun, type ActiveSearch } from '../../../renderer/src/features/search/run-search.js';
import { EMPTY_SELECTION, singleSelected, type Selection } from '../../../renderer/src/features/message-list/selection.js';
import { translator } from '../../../renderer/src/i18n/catalogs.js';
import { I18nContext } from '../../../renderer/src/i18n/context.js';
import { INBOX_ID } from './corpus.js';
import { fill, index, measureQueries } from './queries-page.js';

export { fill, measureQueries };

interface Shown {
  readonly key: string;
  readonly source: ListSource;
}

let show: (shown: Shown | null) => void = () => undefined;

function Summary({ id }: { id: string | null }) {
  const message = useMessage(index(), id);
  return <div id="summary">{message === null || message === undefined ? '' : <h3 data-opened={message.id}>{message.subject}</h3>}</div>;
}

function Harness() {
  const [shown, setShown] = useState<Shown | null>(null);
  const [selection, setSelection] = useState<Selection>(EMPTY_SELECTION);
  const [sort, setSort] = useState<{ sort: ListSort; descending: boolean }>({ sort: 'date', descending: true });
  const [threaded, setThreaded] = useState(false);
  show = setShown;
  return (
    <div style={{ display: 'grid', gridTemplateRows: '1fr 80px', height: '100vh' }}>
      {shown === null ? (
        <div />
      ) : (
        <MessageList
          source={shown.source}
          sourceKey={shown.key}
          sort={sort.sort}
          descending={sort.descending}
          threaded={threaded}
          searching={shown.key.startsWith('search:')}
          onSortChange={(s, d) => setSort({ sort: s, descending: d })}
          onThreadedChange={setThreaded}
          selection={selection}
          onSelectionChange={setSelection}
          pending={NO_PENDING}
          onAction={() => undefined}
          mac={false}
        />
      )}
      <Summary id={singleSelected(selection)} />
    </div>
  );
}

const VIEW: ListView = { folderIds: [INBOX_ID], sort: 'date', descending: true, threaded: false };

function nextFrame(): Promise<number> {
  return new Promise((resolve) => requestAnimationFrame(resolve));
}

/** Resolves (with performance.now()) once `ready()` holds and the frame showing it has been painted. */
function whenPainted(ready: () => boolean, timeoutMs = 30_000): Promise<number> {
  return new Promise((resolve, reject) => {
    const deadline = performance.now() + timeoutMs;
    const check = (): void => {
      if (ready()) {
        // rAF runs before the frame's paint; a task queued from it runs after that paint.
        requestAnimationFrame(() => setTimeout(() => resolve(performance.now()), 0));
        return;
      }
      if (performance.now() > deadline) reject(new Error('the list did not show its rows in time'));
      else requestAnimationFrame(check);
    };
    check();
  });
}

function scroller(): HTMLElement {
  const body = document.querySelector<HTMLElement>('.grid-body');
  if (body === null) throw new Error('no list body');
  return body;
}

function realRows(): HTMLElement[] {
  return [...document.querySelectorAll<HTMLElement>('.grid-body [data-message-id]')];
}

/** Whether the rows in view are real (not placeholders) and at least `min` of them. */
function rowsInView(min: number): boolean {
  const body = document.querySelector<HTMLElement>('.grid-body');
  if (body === null) return false;
  const top = body.getBoundingClientRect().top;
  const bottom = top + body.clientHeight;
  const visible = [...body.querySelectorAll<HTMLElement>('[role="row"]')].filter((r) => {
    const box = r.getBoundingClientRect();
    return box.bottom > top && box.top < bottom;
  });
  return visible.length >= min && visible.every((r) => r.dataset['messageId'] !== undefined);
}

export function mount(): void {
  const root = document.getElementById('root')!;
  createRoot(root).render(
    <I18nContext.Provider value={{ language: 'en', t: translator('en') }}>
      <Harness />
    </I18nContext.Provider>,
  );
}

/** Opens the 100,000-message folder; ms until its first screen of rows is painted. */
export async function openFolder(): Promise<number> {
  await index().open();
  await nextFrame();
  const started = performance.now();
  show({ key: `folder:${INBOX_ID}`, source: indexSource(index(), VIEW) });
  return (await whenPainted(() => rowsInView(10))) - started;
}

/** Scrolls down `frames` frames, `step` px per frame; every frame's duration (ms). */
export async function scrollFrames(frames: number, step: number): Promise<number[]> {
  const body = scroller();
  const durations: number[] = [];
  let last = await nextFrame();
  for (let i = 0; i < frames; i++) {
    body.scrollTop += step;
    const now = await nextFrame();
    durations.push(now - last);
    last = now;
  }
  return durations;
}

/** Jumps to row `row`; ms until the rows there are painted. */
export async function jumpTo(row: number, rowHeight: number): Promise<number> {
  const body = scroller();
  const started = performance.now();
  body.scrollTop = row * rowHeight;
  return (await whenPainted(() => rowsInView(10))) - started;
}

/** Clicks a row in view; ms until it is selected and the summary pane shows it. */
export async function openMessage(): Promise<number> {
  const rows = realRows();
  const row = rows[Math.min(5, rows.length - 1)];
  if (row === undefined) throw new Error('no row to open');
  const id = row.dataset['messageId']!;
  const started = performance.now();
  row.click();
  return (await whenPainted(() => row.getAttribute('aria-selected') === 'true' && document.querySelector(`[data-opened="${CSS.escape(id)}"]`) !== null)) - started;
}

/**
 * Searches the way the search bar does (SearchRun over the local index, offline so no server is
 * asked) and lists what it emits; ms until the first result rows are painted, and until the
 * whole local result is listed.
 */
export async function search(text: string): Promise<{ ms: number; wholeMs: number; found: number }> {
  const started = performance.now();
  let latest: ActiveSearch | null = null;
  let firstId: string | undefined;
  const run = new SearchRun(
    { api: { searchServer: () => Promise.reject(new Error('offline')) }, db: index(), online: false, unreachableAccounts: new Set() },
    { text, unread: false, flagged: false, hasAttachment: false, folderIds: null, since: null, until: null },
    {
      emit: (result) => {
        latest = result;
        firstId ??= result.messageIds[0];
        show({ key: `search:${text}:${result.messageIds.length}`, source: searchSource(index(), result.messageIds) });
      },
      localFailed: (message) => {
        throw new Error(message);
      },
      describeFailure: () => '',
    },
  );
  const ms = (await whenPainted(() => firstId !== undefined && realRows().some((r) => r.dataset['messageId'] === firstId))) - started;
  await run.settled;
  const wholeMs = (await whenPainted(() => latest?.localComplete === true)) - started;
  run.stop();
  return { ms, wholeMs, found: (latest as ActiveSearch | null)?.messageIds.length ?? 0 };
}

mount();
