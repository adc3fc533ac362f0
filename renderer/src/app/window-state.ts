import type { ListSort } from '../data/queries.js';
import type { FolderSelection } from '../features/folder-tree/FolderTree.js';
import { EMPTY_SELECTION, pruneSelection, type Selection } from '../features/message-list/selection.js';
import type { ActiveSearch } from '../features/search/SearchBar.js';
import type { ComposeInit } from './mail-context.js';
import { NO_PENDING, type PendingChanges } from './pending.js';

/**
 * The mail window's state in one reducer: what is shown (folder, order, search, selection),
 * which panel or dialog is open, and the optimistic changes in flight. Pure, so the window's
 * rules (a new folder clears the selection, a shown message selects its folder, …) are tested
 * without rendering.
 */
export interface WindowState {
  readonly folder: FolderSelection;
  readonly sort: ListSort;
  readonly descending: boolean;
  readonly threaded: boolean;
  readonly search: ActiveSearch | null;
  readonly selection: Selection;
  readonly composer: ComposeInit | null;
  readonly wizard: boolean;
  readonly logAccountId: string | null;
  readonly shortcuts: boolean;
  /** An .eml file shown in place of the reader. */
  readonly messageFile: string | null;
  /** Messages waiting for the "Move to…" dialog. */
  readonly moving: readonly string[] | null;
  readonly pending: PendingChanges;
  readonly notice: string | null;
}

export const INITIAL_WINDOW_STATE: WindowState = {
  folder: { kind: 'unified' },
  sort: 'date',
  descending: true,
  threaded: true,
  search: null,
  selection: EMPTY_SELECTION,
  composer: null,
  wizard: false,
  logAccountId: null,
  shortcuts: false,
  messageFile: null,
  moving: null,
  pending: NO_PENDING,
  notice: null,
};

export type WindowEvent =
  | { readonly type: 'folder'; readonly folder: FolderSelection }
  | { readonly type: 'sort'; readonly sort: ListSort; readonly descending: boolean }
  | { readonly type: 'threaded'; readonly threaded: boolean }
  | { readonly type: 'search'; readonly search: ActiveSearch | null }
  | { readonly type: 'selection'; readonly selection: Selection }
  /** Messages that left the list (moved, deleted): no longer selected. */
  | { readonly type: 'forget'; readonly ids: readonly string[] }
  /** Show one message: select it in its folder (unless a search or the unified Inbox already shows it). */
  | { readonly type: 'show-message'; readonly messageId: string; readonly folderId: string | null; readonly inUnifiedInbox: boolean }
  | { readonly type: 'composer'; readonly init: ComposeInit | null }
  | { readonly type: 'wizard'; readonly open: boolean }
  | { readonly type: 'log'; readonly accountId: string | null }
  | { readonly type: 'shortcuts'; readonly open: boolean }
  | { readonly type: 'message-file'; readonly path: string | null }
  | { readonly type: 'moving'; readonly ids: readonly string[] | null }
  | { readonly type: 'pending'; readonly update: (pending: PendingChanges) => PendingChanges }
  | { readonly type: 'notice'; readonly notice: string | null };

function same(a: FolderSelection, b: FolderSelection): boolean {
  return a.kind === b.kind && (a.kind === 'unified' || (b.kind === 'folder' && a.folderId === b.folderId));
}

export function windowReducer(state: WindowState, event: WindowEvent): WindowState {
  switch (event.type) {
    case 'folder':
      if (same(state.folder, event.folder) && state.messageFile === null) return state;
      return { ...state, folder: event.folder, selection: EMPTY_SELECTION, messageFile: null };
    case 'sort':
      // Row positions change with the order, so index anchors would point at other messages.
      return { ...state, sort: event.sort, descending: event.descending, selection: { ids: state.selection.ids, anchor: null, focus: null } };
    case 'threaded':
      return { ...state, threaded: event.threaded, selection: { ids: state.selection.ids, anchor: null, focus: null } };
    case 'search':
      return { ...state, search: event.search, selection: event.search === null && state.search === null ? state.selection : EMPTY_SELECTION };
    case 'selection':
      return { ...state, selection: event.selection, messageFile: null };
    case 'forget': {
      const selection = pruneSelection(state.selection, (id) => !event.ids.includes(id));
      return selection === state.selection ? state : { ...state, selection };
    }
    case 'show-message': {
      const selection: Selection = { ids: new Set([event.messageId]), anchor: null, focus: null };
      const keepFolder = state.search !== null || event.folderId === null || (state.folder.kind === 'unified' && event.inUnifiedInbox);
      return { ...state, folder: keepFolder ? state.folder : { kind: 'folder', folderId: event.folderId! }, selection, messageFile: null };
    }
    case 'composer':
      return { ...state, composer: event.init };
    case 'wizard':
      return { ...state, wizard: event.open };
    case 'log':
      return { ...state, logAccountId: event.accountId };
    case 'shortcuts':
      return { ...state, shortcuts: event.open };
    case 'message-file':
      return { ...state, messageFile: event.path };
    case 'moving':
      return { ...state, moving: event.ids };
    case 'pending':
      return { ...state, pending: event.update(state.pending) };
    case 'notice':
      return { ...state, notice: event.notice };
  }
}
