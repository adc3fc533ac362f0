import { describe, expect, it } from 'vitest';
import { SHORTCUTS } from '../../../../electron/common/shortcuts.js';
import { commandForKey } from '../../../../renderer/src/app/keymap.js';
import { acceleratorCaps, commandKeys, keyCap, PAGE_KEYS } from '../../../../renderer/src/features/help/shortcut-keys.js';

describe('PAGE_KEYS', () => {
  it('lists the keys the window really handles, each meaning the command the sheet says', () => {
    for (const entry of PAGE_KEYS) {
      for (const key of entry.keys) {
        const shifted = key === '?';
        expect(commandForKey({ key, ctrlKey: false, metaKey: false, shiftKey: shifted, altKey: false }, false), `${entry.id} ${key}`).toBe(entry.command);
      }
    }
  });

  it('covers j/k and the arrows, Enter, r/a/f, Delete, m, s, / and ?', () => {
    const keys = PAGE_KEYS.flatMap((e) => e.keys).sort();
    expect(keys).toEqual(['/', '?', 'ArrowDown', 'ArrowUp', 'Delete', 'Enter', 'a', 'f', 'j', 'k', 'm', 'r', 's'].sort());
  });
});

describe('acceleratorCaps', () => {
  it('spells CmdOrCtrl as ⌘ on macOS and Ctrl elsewhere, with the platform modifier names', () => {
    expect(acceleratorCaps('CmdOrCtrl+Shift+R', true)).toEqual(['⌘', '⇧', 'R']);
    expect(acceleratorCaps('CmdOrCtrl+Shift+R', false)).toEqual(['Ctrl', 'Shift', 'R']);
    expect(acceleratorCaps('CmdOrCtrl+Enter', false)).toEqual(['Ctrl', 'Enter']);
    expect(acceleratorCaps('CmdOrCtrl+Backspace', true)).toEqual(['⌘', '⌫']);
    expect(acceleratorCaps('Alt+,', false)).toEqual(['Alt', ',']);
    expect(acceleratorCaps('CmdOrCtrl++', false)).toEqual(['Ctrl', '+']);
  });

  it('refuses a modifier it does not know instead of showing something wrong', () => {
    expect(() => acceleratorCaps('Hyper+K', false)).toThrow(/Unsupported modifier "Hyper"/);
  });

  it('names keys by their caps', () => {
    expect(keyCap('ArrowDown', false)).toBe('↓');
    expect(keyCap('Enter', true)).toBe('↩');
    expect(keyCap('Delete', false)).toBe('Delete');
    expect(keyCap('j', false)).toBe('j');
  });
});

describe('commandKeys', () => {
  it('lists every accelerator of the menu table, New Message and Send included', () => {
    const listed = commandKeys(false).map((c) => c.entry.command);
    expect(listed).toEqual(SHORTCUTS.filter((s) => s.accelerator !== undefined).map((s) => s.command));
    expect(commandKeys(false).find((c) => c.entry.command === 'new-message')?.caps).toEqual(['Ctrl', 'N']);
    expect(commandKeys(true).find((c) => c.entry.command === 'send')?.caps).toEqual(['⌘', '↩']);
  });
});
