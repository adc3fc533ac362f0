import { useEffect, useRef } from 'react';
import { commandForKey, isTypingTarget, type WindowCommand } from './keymap.js';

/**
 * The window's keyboard shortcuts, in one document listener. Keys a focused widget already
 * handled (the tree's and the list's arrows call preventDefault) and keys typed into a field or
 * a dialog are left alone; IME composition never triggers anything.
 */
export function useShortcuts(onCommand: (command: WindowCommand) => void, mac: boolean): void {
  const handler = useRef(onCommand);
  handler.current = onCommand;
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.defaultPrevented || event.isComposing || isTypingTarget(event.target)) return;
      const command = commandForKey(event, mac);
      if (command === undefined) return;
      // Enter activates whatever control has focus; it opens a message only from the list or the page itself.
      if (command === 'open-message' && !opensMessage(event.target)) return;
      event.preventDefault();
      handler.current(command);
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [mac]);
}

function opensMessage(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return true;
  return target === document.body || target.closest('[role="grid"]') !== null;
}
