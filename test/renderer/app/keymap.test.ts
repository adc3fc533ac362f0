import { describe, expect, it } from 'vitest';
import { commandForKey, isTypingTarget } from '../../../renderer/src/app/keymap.js';

const press = (key: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }> = {}) => ({
  key,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});

describe('window keymap', () => {
  it('maps the single keys of the mail window', () => {
    expect(commandForKey(press('j'), false)).toBe('next-message');
    expect(commandForKey(press('ArrowDown'), false)).toBe('next-message');
    expect(commandForKey(press('k'), false)).toBe('previous-message');
    expect(commandForKey(press('Enter'), false)).toBe('open-message');
    expect(commandForKey(press('r'), false)).toBe('reply');
    expect(commandForKey(press('a'), false)).toBe('reply-all');
    expect(commandForKey(press('f'), false)).toBe('forward');
    expect(commandForKey(press('Delete'), false)).toBe('delete-message');
    expect(commandForKey(press('m'), false)).toBe('toggle-read');
    expect(commandForKey(press('s'), false)).toBe('toggle-flag');
    expect(commandForKey(press('/'), false)).toBe('find');
    expect(commandForKey(press('?', { shiftKey: true }), false)).toBe('shortcuts');
  });

  it('takes modified keys from the menus’ table, with ⌘ on macOS and Ctrl elsewhere', () => {
    expect(commandForKey(press('n', { ctrlKey: true }), false)).toBe('new-message');
    expect(commandForKey(press('n', { metaKey: true }), true)).toBe('new-message');
    expect(commandForKey(press('n', { metaKey: true }), false)).toBeUndefined();
    expect(commandForKey(press('R', { ctrlKey: true, shiftKey: true }), false)).toBe('reply-all');
    // Shift+arrow extends the list selection; it is not "next message".
    expect(commandForKey(press('ArrowDown', { shiftKey: true }), false)).toBeUndefined();
    // Ctrl+Enter sends in a composer; the mail window ignores it.
    expect(commandForKey(press('Enter', { ctrlKey: true }), false)).toBeUndefined();
    expect(commandForKey(press('x'), false)).toBeUndefined();
  });

  it('treats inputs, text areas, selects, editable content and dialogs as typing', () => {
    document.body.innerHTML = `
      <input id="text" type="text"><input id="box" type="checkbox"><textarea id="area"></textarea>
      <select id="sel"></select><div contenteditable="true"><span id="edit">x</span></div>
      <div role="dialog"><button id="inDialog">OK</button></div><button id="plain">B</button>`;
    const byId = (id: string) => document.getElementById(id);
    expect(isTypingTarget(byId('text'))).toBe(true);
    expect(isTypingTarget(byId('area'))).toBe(true);
    expect(isTypingTarget(byId('sel'))).toBe(true);
    expect(isTypingTarget(byId('edit'))).toBe(true);
    expect(isTypingTarget(byId('inDialog'))).toBe(true);
    expect(isTypingTarget(byId('box'))).toBe(false);
    expect(isTypingTarget(byId('plain'))).toBe(false);
    expect(isTypingTarget(document.body)).toBe(false);
    expect(isTypingTarget(null)).toBe(false);
  });
});
