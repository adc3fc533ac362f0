import { useCallback, useEffect, useId, useImperativeHandle, useLayoutEffect, useRef, useState, type KeyboardEvent, type MouseEvent, type Ref } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { shownFlags, type PendingChanges } from '../../app/pending.js';
import { setDraggedMessages } from '../../app/message-drag.js';
import { useReturnFocus } from '../../app/use-return-focus.js';
import type { ListRow, ListSort } from '../../data/queries.js';
import { useI18n } from '../../i18n/context.js';
import type { MessageKey } from '../../i18n/catalogs.js';
import { fullDate, listDate, listSize, senderLabel } from './list-format.js';
import type { ListSource } from './list-source.js';
import { moveFocus, rangeToFetch, reconcile, select, type Selection } from './selection.js';
import { ariaSort, nextSort } from './sort-header.js';
import { scrollToRow, virtualWindow } from './virtual-window.js';
import './message-list.css';

/** Pixel height of one row; fixed so the window of visible rows is arithmetic, not measurement. */
export const ROW_HEIGHT = 30;
/** Rows are fetched in aligned blocks so small scrolls reuse the last query's rows. */
export const FETCH_BLOCK = 64;
/** Used until the scroller has been measured (and where layout gives no height, as in tests). */
const FALLBACK_VIEWPORT = 600;
const PAGE_ROWS = 20;
/**
 * A message selected from outside the list (a notification, a conversation link) has no row
 * yet: the list looks for it among this many rows from the top, where new mail is.
 */
export const SHOWN_MESSAGE_SCAN_ROWS = 5000;
const SCAN_BLOCK = 500;

/** What the list asks the window to do with messages. */
export type ListAction = 'reply' | 'reply-all' | 'forward' | 'mark-read' | 'mark-unread' | 'star' | 'unstar' | 'move' | 'save-as' | 'delete';

/** Keyboard commands from the window's shortcuts (j/k, Enter) reach the list through this. */
export interface ListController {
  move(delta: number, extend: boolean): void;
  /** Shows the focused row (alone) in the reader. */
  openFocused(): void;
  focus(): void;
}

export interface MessageListProps {
  readonly source: ListSource;
  /** Changes whenever the source means a different list (folder, sort, search): resets expansion and scroll. */
  readonly sourceKey: string;
  readonly sort: ListSort;
  readonly descending: boolean;
  readonly threaded: boolean;
  /** A search result is shown: fixed order, no threads. */
  readonly searching: boolean;
  readonly onSortChange: (sort: ListSort, descending: boolean) => void;
  readonly onThreadedChange: (threaded: boolean) => void;
  readonly selection: Selection;
  readonly onSelectionChange: (selection: Selection) => void;
  readonly pending: PendingChanges;
  readonly onAction: (action: ListAction, messageIds: readonly string[]) => void;
  /** ⌘ toggles on macOS, Ctrl elsewhere. */
  readonly mac: boolean;
  readonly controllerRef?: Ref<ListController>;
  /** Double-click: the message in a window of its own (Electron); absent where there are no windows. */
  readonly onOpenInWindow?: (messageId: string) => void;
}

interface Fetched {
  readonly source: ListSource;
  readonly expanded: ReadonlySet<string>;
  readonly from: number;
  readonly rows: readonly ListRow[];
}

const COLUMNS: readonly { readonly sort: ListSort | null; readonly key: MessageKey; readonly className: string }[] = [
  { sort: null, key: 'list.column.flag', className: 'c-flag' },
  { sort: null, key: 'list.column.attachment', className: 'c-att' },
  { sort: 'from', key: 'list.column.from', className: 'c-from' },
  { sort: 'subject', key: 'list.column.subject', className: 'c-subject' },
  { sort: 'date', key: 'list.column.date', className: 'c-date' },
  { sort: 'size', key: 'list.column.size', className: 'c-size' },
];

function PaperclipIcon() {
  return (
    <svg viewBox="0 0 24 24" width={14} height={14} aria-hidden="true" focusable="false">
      <path d="M20 11.5l-8 8a5 5 0 0 1-7-7l8.5-8.5a3.5 3.5 0 0 1 5 5L10 17.5a2 2 0 0 1-3-3l7.5-7.5" fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" />
    </svg>
  );
}

/**
 * The message list: a virtual grid (only the visible rows plus an overscan exist in the DOM,
 * rows are fetched by range as the window moves), flat or in conversations, sortable by its
 * column headers, with multi-selection, a context menu and dragging onto folders. It follows
 * the index live: the count and the visible rows are live queries.
 */
export function MessageList(props: MessageListProps) {
  const { source, sourceKey, sort, descending, threaded, searching, selection, onSelectionChange, pending, onAction, mac } = props;
  const { t, language } = useI18n();
  const gridId = useId();
  const headingId = useId();
  const scrollerRef = useRef<HTMLDivElement>(null);
  const gridRef = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(FALLBACK_VIEWPORT);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set());
  const [menu, setMenu] = useState<{ x: number; y: number; ids: readonly string[] } | null>(null);

  // A different list starts collapsed at the top.
  useEffect(() => {
    setExpanded(new Set());
    setScrollTop(0);
    if (scrollerRef.current !== null) scrollerRef.current.scrollTop = 0;
  }, [sourceKey]);

  // The rows' scroller comes and goes with the grid (an empty list shows a sentence instead), so
  // its size is watched on whichever element is mounted, not only on the first one.
  const [scroller, setScroller] = useState<HTMLDivElement | null>(null);
  const bindScroller = useCallback((element: HTMLDivElement | null): void => {
    scrollerRef.current = element;
    setScroller(element);
  }, []);
  useLayoutEffect(() => {
    if (scroller === null) return;
    const measure = (): void => setViewport(scroller.clientHeight > 0 ? scroller.clientHeight : FALLBACK_VIEWPORT);
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(scroller);
    return () => observer.disconnect();
  }, [scroller]);

  const count = useLiveQuery(() => source.count(expanded), [source, expanded]);
  const rowCount = count ?? 0;
  const win = virtualWindow(rowCount, ROW_HEIGHT, scrollTop, viewport);
  const from = Math.floor(win.start / FETCH_BLOCK) * FETCH_BLOCK;
  const to = Math.max(from, Math.ceil(win.end / FETCH_BLOCK) * FETCH_BLOCK);
  const fetched = useLiveQuery(async (): Promise<Fetched> => ({ source, expanded, from, rows: await source.rows(expanded, from, to - from) }), [source, expanded, from, to]);
  // While the next block loads, the last one keeps showing (rows it does not cover are placeholders).
  const lastFetched = useRef<Fetched | undefined>(undefined);
  if (fetched !== undefined) lastFetched.current = fetched;
  const cache = lastFetched.current !== undefined && lastFetched.current.source === source && lastFetched.current.expanded === expanded ? lastFetched.current : undefined;
  const rowAt = useCallback((index: number): ListRow | undefined => (cache === undefined ? undefined : cache.rows[index - cache.from]), [cache]);

  const idsInRange = useCallback(
    async (first: number, last: number): Promise<string[]> => {
      const rows = await source.rows(expanded, first, last - first + 1);
      return rows.map((row) => row.message.id);
    },
    [source, expanded],
  );

  const rowIdAt = useCallback(
    async (index: number): Promise<string | undefined> => rowAt(index)?.message.id ?? (await source.rows(expanded, index, 1))[0]?.message.id,
    [rowAt, source, expanded],
  );

  const scrollIntoView = (index: number): void => {
    const scroller = scrollerRef.current;
    if (scroller === null) return;
    const next = scrollToRow(index, ROW_HEIGHT, scroller.scrollTop, viewport);
    if (next !== scroller.scrollTop) {
      scroller.scrollTop = next;
      setScrollTop(next);
    }
  };

  // Anchor and focus follow their messages when rows above them come or go.
  const current = (): Selection =>
    reconcile(
      selection,
      (index) => rowAt(index)?.message.id,
      (id) => {
        const at = cache?.rows.findIndex((row) => row.message.id === id) ?? -1;
        return at === -1 || cache === undefined ? undefined : cache.from + at;
      },
    );

  const live = current();

  const selectIndex = async (index: number, modifiers: { shift: boolean; toggle: boolean }): Promise<void> => {
    const id = await rowIdAt(index);
    if (id === undefined) return;
    const base = current();
    const range = rangeToFetch(base, index, modifiers);
    const rangeIds = range === null ? undefined : await idsInRange(range.from, range.to);
    onSelectionChange(select(base, index, id, modifiers, rangeIds));
    scrollIntoView(index);
  };

  // Find the row of a message selected from outside the list and bring it into view.
  const outsideId = live.focus === null && selection.ids.size === 1 ? [...selection.ids][0]! : null;
  useEffect(() => {
    if (outsideId === null || count === undefined) return;
    let cancelled = false;
    void (async () => {
      for (let from = 0; from < Math.min(rowCount, SHOWN_MESSAGE_SCAN_ROWS); from += SCAN_BLOCK) {
        const rows = await source.rows(expanded, from, SCAN_BLOCK);
        const at = rows.findIndex((row) => row.message.id === outsideId);
        if (cancelled) return;
        if (at !== -1) {
          onSelectionChange({ ...selection, anchor: from + at, focus: from + at, anchorId: outsideId, focusId: outsideId });
          scrollIntoView(from + at);
          return;
        }
        if (rows.length < SCAN_BLOCK) return;
      }
    })();
    return () => {
      cancelled = true;
    };
    // Runs once per message shown from outside (and again when the list it is looked for in changes).
  }, [outsideId, source, expanded, count === undefined]);

  const move = (delta: number, extend: boolean): void => {
    const index = moveFocus(current(), delta, rowCount);
    if (index !== null) void selectIndex(index, { shift: extend, toggle: false });
  };

  useImperativeHandle(props.controllerRef, () => ({
    move,
    openFocused: () => {
      const { focus } = current();
      if (focus !== null) void selectIndex(focus, { shift: false, toggle: false });
    },
    focus: () => gridRef.current?.focus(),
  }));

  const toggleThread = (row: ListRow): void => {
    if (row.threadSize < 2 || row.depth !== 0) return;
    setExpanded((previous) => {
      const next = new Set(previous);
      if (next.has(row.message.threadKey)) next.delete(row.message.threadKey);
      else next.add(row.message.threadKey);
      return next;
    });
  };

  const onGridKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.target !== event.currentTarget) return;
    const focusedRow = live.focus === null ? undefined : rowAt(live.focus);
    const toggle = mac ? event.metaKey : event.ctrlKey;
    switch (event.key) {
      case 'ArrowDown':
        move(1, event.shiftKey);
        break;
      case 'ArrowUp':
        move(-1, event.shiftKey);
        break;
      case 'PageDown':
        move(PAGE_ROWS, event.shiftKey);
        break;
      case 'PageUp':
        move(-PAGE_ROWS, event.shiftKey);
        break;
      case 'Home':
        move(-rowCount, event.shiftKey);
        break;
      case 'End':
        move(rowCount, event.shiftKey);
        break;
      case 'ArrowRight':
        if (focusedRow === undefined || focusedRow.threadSize < 2 || focusedRow.expanded) return;
        toggleThread(focusedRow);
        break;
      case 'ArrowLeft':
        if (focusedRow === undefined || !focusedRow.expanded) return;
        toggleThread(focusedRow);
        break;
      case ' ':
        if (live.focus === null) return;
        void selectIndex(live.focus, { shift: false, toggle });
        break;
      case 'a':
        if (!toggle) return;
        void idsInRange(0, rowCount - 1).then((ids) => onSelectionChange({ ids: new Set(ids), anchor: 0, focus: live.focus }));
        break;
      case 'ContextMenu':
      case 'F10': {
        if (event.key === 'F10' && !event.shiftKey) return;
        if (selection.ids.size === 0) return;
        const box = gridRef.current?.getBoundingClientRect();
        setMenu({ x: (box?.left ?? 0) + 40, y: (box?.top ?? 0) + 60, ids: [...selection.ids] });
        break;
      }
      default:
        return;
    }
    event.preventDefault();
  };

  const onRowClick = (event: MouseEvent, index: number): void => {
    gridRef.current?.focus({ preventScroll: true });
    void selectIndex(index, { shift: event.shiftKey, toggle: mac ? event.metaKey : event.ctrlKey });
  };

  const onRowContextMenu = (event: MouseEvent, index: number, id: string): void => {
    event.preventDefault();
    const ids = selection.ids.has(id) ? [...selection.ids] : [id];
    if (!selection.ids.has(id)) onSelectionChange(select(selection, index, id, { shift: false, toggle: false }));
    setMenu({ x: event.clientX, y: event.clientY, ids });
  };

  const rows = [];
  for (let index = win.start; index < win.end; index++) {
    const row = rowAt(index);
    const top = index * ROW_HEIGHT;
    if (row === undefined) {
      rows.push(
        <div key={`placeholder-${index}`} role="row" aria-rowindex={index + 2} className="list-row placeholder" style={{ top, height: ROW_HEIGHT }}>
          <span role="gridcell" className="c-wide">
            {t('list.loading')}
          </span>
        </div>,
      );
      continue;
    }
    const { message } = row;
    const flags = shownFlags(pending, message.id, message.flags);
    const unread = !flags.includes('\\Seen');
    const starred = flags.includes('\\Flagged');
    const selected = selection.ids.has(message.id);
    const leaving = pending.leaving.has(message.id);
    const isThread = row.depth === 0 && row.threadSize > 1;
    const className = ['list-row', unread ? 'unread' : '', selected ? 'selected' : '', leaving ? 'leaving' : '', row.depth > 0 ? 'reply' : '', index === live.focus ? 'focused' : '']
      .filter((c) => c !== '')
      .join(' ');
    rows.push(
      <div
        key={message.id}
        id={`${gridId}-row-${index}`}
        role="row"
        aria-rowindex={index + 2}
        aria-selected={selected}
        data-message-id={message.id}
        className={className}
        style={{ top, height: ROW_HEIGHT }}
        draggable
        onClick={(event) => onRowClick(event, index)}
        onDoubleClick={props.onOpenInWindow === undefined ? undefined : () => props.onOpenInWindow?.(message.id)}
        onContextMenu={(event) => onRowContextMenu(event, index, message.id)}
        onDragStart={(event) => setDraggedMessages(event.dataTransfer, selected ? [...selection.ids] : [message.id])}
      >
        <span role="gridcell" className="c-flag">
          <button
            type="button"
            tabIndex={-1}
            className={`star${starred ? ' on' : ''}`}
            aria-pressed={starred}
            aria-label={starred ? t('list.unstar') : t('list.star')}
            onClick={(event) => {
              event.stopPropagation();
              onAction(starred ? 'unstar' : 'star', [message.id]);
            }}
          >
            {starred ? '★' : '☆'}
          </button>
        </span>
        <span role="gridcell" className="c-att" title={message.hasAttachments ? t('list.hasAttachment') : undefined}>
          {message.hasAttachments && (
            <>
              <PaperclipIcon />
              <span className="visually-hidden">{t('list.hasAttachment')}</span>
            </>
          )}
        </span>
        <span role="gridcell" className="c-from">
          {isThread ? (
            <button
              type="button"
              tabIndex={-1}
              className="twisty"
              // A row of a grid has no expanded state (ARIA 1.2 allows aria-expanded on rows of a
              // treegrid only): the conversation's button carries it, and its name says it for the
              // row's text, which is what a screen reader reads on the active row.
              aria-expanded={row.expanded}
              aria-label={row.expanded ? t('list.collapseThread') : t('list.expandThread')}
              onClick={(event) => {
                event.stopPropagation();
                toggleThread(row);
              }}
            >
              {row.expanded ? '▾' : '▸'}
            </button>
          ) : (
            <span className="twisty-space" aria-hidden="true" />
          )}
          {unread && <span className="visually-hidden">{t('list.unread')}, </span>}
          {senderLabel(message.from) || t('list.noSender')}
        </span>
        <span role="gridcell" className="c-subject">
          <span className="subject-text">{message.subject.trim() === '' ? t('list.noSubject') : message.subject}</span>
          {isThread && (
            <span className="thread-count" title={t('list.thread', { count: String(row.threadSize) })}>
              {row.threadSize}
            </span>
          )}
        </span>
        <span role="gridcell" className="c-date" title={fullDate(message.sortDate, language)}>
          {listDate(message.sortDate, language)}
        </span>
        <span role="gridcell" className="c-size">
          {listSize(message.size, language)}
        </span>
      </div>,
    );
  }

  const activeDescendant = live.focus !== null && live.focus >= win.start && live.focus < win.end && rowAt(live.focus) !== undefined ? `${gridId}-row-${live.focus}` : undefined;
  const order = { sort, descending };

  return (
    <section className="pane pane-list" aria-labelledby={headingId}>
      <div className="list-heading">
        <h2 id={headingId} className="pane-heading">
          {t('messages.label')}
        </h2>
        <span className="list-count" aria-live="polite">
          {count === undefined ? '' : rowCount === 1 ? t(searching ? 'list.searchCountOne' : 'list.countOne') : t(searching ? 'list.searchCount' : 'list.count', { count: rowCount.toLocaleString(language) })}
        </span>
        <button type="button" className="list-threaded" aria-pressed={threaded && !searching} disabled={searching} title={t('list.threadedHint')} onClick={() => props.onThreadedChange(!threaded)}>
          {t('list.threaded')}
        </button>
      </div>
      {count !== undefined && rowCount === 0 ? (
        <p className="empty-state">{searching ? t('list.searchEmpty') : t('messages.empty')}</p>
      ) : (
        <div
          ref={gridRef}
          role="grid"
          className="message-grid"
          aria-label={t('list.grid')}
          aria-rowcount={rowCount + 1}
          aria-colcount={COLUMNS.length}
          aria-multiselectable="true"
          aria-activedescendant={activeDescendant}
          tabIndex={0}
          onKeyDown={onGridKeyDown}
        >
          <div role="rowgroup" className="grid-head">
            <div role="row" aria-rowindex={1} className="list-row head">
              {COLUMNS.map((column) => (
                <span key={column.key} role="columnheader" className={column.className} aria-sort={column.sort === null ? undefined : ariaSort(order, column.sort)}>
                  {column.sort === null || searching ? (
                    <span className={column.sort === null ? 'visually-hidden' : ''}>{t(column.key)}</span>
                  ) : (
                    <button
                      type="button"
                      className="sort-button"
                      title={t('list.sortBy', { column: t(column.key) })}
                      onClick={() => {
                        const next = nextSort(order, column.sort!);
                        props.onSortChange(next.sort, next.descending);
                      }}
                    >
                      {t(column.key)}
                      <span aria-hidden="true">{sort === column.sort ? (descending ? ' ▼' : ' ▲') : ''}</span>
                    </button>
                  )}
                </span>
              ))}
            </div>
          </div>
          <div role="rowgroup" ref={bindScroller} className="grid-body" onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}>
            <div className="grid-spacer" style={{ height: win.totalHeight }}>
              {rows}
            </div>
          </div>
        </div>
      )}
      {menu !== null && (
        <RowMenu
          menu={menu}
          rowFlags={(id) => {
            for (let index = win.start; index < win.end; index++) {
              const row = rowAt(index);
              if (row?.message.id === id) return shownFlags(pending, id, row.message.flags);
            }
            return undefined;
          }}
          onClose={() => setMenu(null)}
          onAction={onAction}
        />
      )}
    </section>
  );
}

function RowMenu({
  menu,
  rowFlags,
  onClose,
  onAction,
}: {
  readonly menu: { x: number; y: number; ids: readonly string[] };
  readonly rowFlags: (id: string) => readonly string[] | undefined;
  readonly onClose: () => void;
  readonly onAction: (action: ListAction, ids: readonly string[]) => void;
}) {
  const { t } = useI18n();
  const ref = useRef<HTMLUListElement>(null);
  // Escape or a chosen entry: focus goes back to the list the menu was opened on.
  useReturnFocus(ref);
  useEffect(() => {
    ref.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    const close = (event: globalThis.MouseEvent): void => {
      if (!(event.target instanceof Node) || ref.current?.contains(event.target) !== true) onClose();
    };
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, [onClose]);
  const flags = menu.ids.map(rowFlags);
  const anyUnread = flags.some((f) => f === undefined || !f.includes('\\Seen'));
  const allStarred = flags.every((f) => f?.includes('\\Flagged') === true);
  const single = menu.ids.length === 1;
  const entries: { action: ListAction; key: MessageKey }[] = [
    ...(single
      ? [
          { action: 'reply' as const, key: 'list.menu.reply' as const },
          { action: 'reply-all' as const, key: 'list.menu.replyAll' as const },
          { action: 'forward' as const, key: 'list.menu.forward' as const },
        ]
      : []),
    anyUnread ? { action: 'mark-read', key: 'list.menu.markRead' } : { action: 'mark-unread', key: 'list.menu.markUnread' },
    allStarred ? { action: 'unstar', key: 'list.menu.unstar' } : { action: 'star', key: 'list.menu.star' },
    { action: 'move', key: 'list.menu.move' },
    { action: 'save-as', key: 'list.menu.saveAs' },
    { action: 'delete', key: 'list.menu.delete' },
  ];
  const run = (action: ListAction): void => {
    onClose();
    onAction(action, menu.ids);
  };
  return (
    <ul
      ref={ref}
      role="menu"
      aria-label={t('list.menu')}
      className="context-menu"
      style={{ left: menu.x, top: menu.y }}
      onKeyDown={(event) => {
        const items = [...(ref.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
        const at = items.indexOf(document.activeElement as HTMLElement);
        if (event.key === 'Escape') onClose();
        else if (event.key === 'ArrowDown') items[(at + 1) % items.length]?.focus();
        else if (event.key === 'ArrowUp') items[(at - 1 + items.length) % items.length]?.focus();
        else return;
        event.preventDefault();
        event.stopPropagation();
      }}
    >
      {entries.map((entry) => (
        <li
          key={entry.action}
          role="menuitem"
          tabIndex={-1}
          onClick={() => run(entry.action)}
          onKeyDown={(event) => {
            if (event.key !== 'Enter' && event.key !== ' ') return;
            event.preventDefault();
            event.stopPropagation();
            run(entry.action);
          }}
        >
          {t(entry.key)}
        </li>
      ))}
    </ul>
  );
}
