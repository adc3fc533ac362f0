import { describe, expect, it } from 'vitest';
import { INITIAL_WINDOW_STATE, windowReducer, type WindowState } from '../../../renderer/src/app/window-state.js';
import { applyFlagChange, NO_PENDING, shownFlags, withFlags, withLeaving, withoutFlags } from '../../../renderer/src/app/pending.js';

const selected = (ids: string[], anchor: number | null = 0) => ({ ids: new Set(ids), anchor, focus: anchor });

describe('window state', () => {
  it('a different folder clears the selection and any .eml shown; the same folder changes nothing', () => {
    const state: WindowState = { ...INITIAL_WINDOW_STATE, selection: selected(['m1']), messageFile: '/tmp/a.eml' };
    const next = windowReducer(state, { type: 'folder', folder: { kind: 'folder', folderId: 'a/INBOX' } });
    expect(next.selection.ids.size).toBe(0);
    expect(next.messageFile).toBeNull();
    expect(windowReducer(next, { type: 'folder', folder: { kind: 'folder', folderId: 'a/INBOX' } })).toBe(next);
  });

  it('a new order keeps the selected messages but drops row anchors', () => {
    const state = { ...INITIAL_WINDOW_STATE, selection: selected(['m1', 'm2'], 4) };
    const next = windowReducer(state, { type: 'sort', sort: 'subject', descending: false });
    expect([...next.selection.ids]).toEqual(['m1', 'm2']);
    expect(next.selection.anchor).toBeNull();
    expect(windowReducer(state, { type: 'threaded', threaded: false }).selection.focus).toBeNull();
  });

  it('showing a message selects it, switching folder unless the unified Inbox or a search already shows it', () => {
    const inUnified = windowReducer(INITIAL_WINDOW_STATE, { type: 'show-message', messageId: 'm9', folderId: 'a/INBOX', inUnifiedInbox: true });
    expect(inUnified.folder).toEqual({ kind: 'unified' });
    expect([...inUnified.selection.ids]).toEqual(['m9']);
    const elsewhere = windowReducer(INITIAL_WINDOW_STATE, { type: 'show-message', messageId: 'm9', folderId: 'a/Work', inUnifiedInbox: false });
    expect(elsewhere.folder).toEqual({ kind: 'folder', folderId: 'a/Work' });
  });

  it('a search replaces the selection; clearing it again too', () => {
    const search = { query: { text: 'x', unread: false, flagged: false, hasAttachment: false, folderIds: null, since: null, until: null }, messageIds: ['m1'], localComplete: true, serverPending: false, serverError: null };
    const state = { ...INITIAL_WINDOW_STATE, selection: selected(['m5']) };
    const searching = windowReducer(state, { type: 'search', search });
    expect(searching.selection.ids.size).toBe(0);
    expect(windowReducer({ ...searching, selection: selected(['m1']) }, { type: 'search', search: null }).selection.ids.size).toBe(0);
  });
});

describe('pending changes', () => {
  it('applies flag changes without duplicates and overlays them until dropped', () => {
    expect(applyFlagChange(['\\Seen', '\\Answered'], { add: ['\\Flagged', '\\Seen'], remove: ['\\Answered'] })).toEqual(['\\Seen', '\\Flagged']);
    const pending = withFlags(NO_PENDING, new Map([['m1', ['\\Seen']]]));
    expect(shownFlags(pending, 'm1', [])).toEqual(['\\Seen']);
    expect(shownFlags(pending, 'm2', ['\\Draft'])).toEqual(['\\Draft']);
    expect(shownFlags(withoutFlags(pending, ['m1']), 'm1', [])).toEqual([]);
    const leaving = withLeaving(NO_PENDING, ['m1', 'm2'], true);
    expect([...withLeaving(leaving, ['m1'], false).leaving]).toEqual(['m2']);
  });
});

describe('messages leaving the list', () => {
  it('are dropped from the selection, and nothing changes when none was selected', () => {
    const state = { ...INITIAL_WINDOW_STATE, selection: selected(['m1', 'm2']) };
    expect([...windowReducer(state, { type: 'forget', ids: ['m1'] }).selection.ids]).toEqual(['m2']);
    expect(windowReducer(state, { type: 'forget', ids: ['m9'] })).toBe(state);
  });
});
