import { describe, expect, it } from 'vitest';
import { commandForKeyPress, menuLocale, parseAccelerator, SHORTCUTS, shortcutFor, type KeyPress } from '../../../electron/common/shortcuts.js';

const press = (key: string, mods: Partial<Omit<KeyPress, 'key'>> = {}): KeyPress => ({ key, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods });

describe('shortcut table', () => {
  it('has one entry per command, unique accelerators and labels in both languages', () => {
    const commands = SHORTCUTS.map((s) => s.command);
    expect(new Set(commands).size).toBe(commands.length);
    const accelerators = SHORTCUTS.flatMap((s) => (s.accelerator !== undefined ? [s.accelerator.toLowerCase()] : []));
    expect(new Set(accelerators).size).toBe(accelerators.length);
    for (const entry of SHORTCUTS) {
      expect(entry.label.en).toMatch(/^[\x20-\x7e…]+$/);
      expect(entry.label.ja).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
      if (entry.accelerator !== undefined) expect(() => parseAccelerator(entry.accelerator!)).not.toThrow();
    }
    expect(shortcutFor('reply').accelerator).toBe('CmdOrCtrl+R');
  });

  it('parses accelerators and refuses unknown modifiers', () => {
    expect(parseAccelerator('CmdOrCtrl+Shift+R')).toEqual({ key: 'r', primary: true, shift: true, alt: false });
    expect(parseAccelerator('CmdOrCtrl+Enter')).toEqual({ key: 'enter', primary: true, shift: false, alt: false });
    expect(() => parseAccelerator('Hyper+R')).toThrow(/modifier/);
    expect(() => parseAccelerator('CmdOrCtrl+')).toThrow();
  });

  it('picks the language from the locale', () => {
    expect(menuLocale('ja')).toBe('ja');
    expect(menuLocale('ja-JP')).toBe('ja');
    expect(menuLocale('en-US')).toBe('en');
    expect(menuLocale('jv')).toBe('en');
  });
});

describe('commandForKeyPress', () => {
  it('matches the table with ⌘ on macOS and Ctrl elsewhere', () => {
    expect(commandForKeyPress(press('r', { metaKey: true }), true)).toBe('reply');
    expect(commandForKeyPress(press('r', { ctrlKey: true }), false)).toBe('reply');
    expect(commandForKeyPress(press('R', { ctrlKey: true, shiftKey: true }), false)).toBe('reply-all');
    expect(commandForKeyPress(press('Enter', { metaKey: true }), true)).toBe('send');
    expect(commandForKeyPress(press('Backspace', { ctrlKey: true }), false)).toBe('delete-message');
  });

  it('does not match the wrong primary modifier, extra modifiers or plain keys', () => {
    expect(commandForKeyPress(press('r', { ctrlKey: true }), true)).toBeUndefined();
    expect(commandForKeyPress(press('r', { metaKey: true }), false)).toBeUndefined();
    expect(commandForKeyPress(press('r', { ctrlKey: true, altKey: true }), false)).toBeUndefined();
    expect(commandForKeyPress(press('r'), false)).toBeUndefined();
  });

  it('maps every accelerator in the table back to its command', () => {
    for (const entry of SHORTCUTS) {
      if (entry.accelerator === undefined) continue;
      const parsed = parseAccelerator(entry.accelerator);
      const key = parsed.key === 'enter' ? 'Enter' : parsed.key === 'backspace' ? 'Backspace' : parsed.key;
      expect(commandForKeyPress(press(key, { ctrlKey: parsed.primary, shiftKey: parsed.shift, altKey: parsed.alt }), false)).toBe(entry.command);
    }
  });
});
