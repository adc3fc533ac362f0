import type { HostKind } from '../../../../core/api/contract.js';

/**
 * What the composer does when its page is about to go (beforeunload) with changes not yet saved
 * as a draft:
 * - 'ask': a browser tab lets the browser ask whether to leave (the web host);
 * - 'save-then-close': a composer window of its own in the desktop app holds the close, saves
 *   the draft and closes the window itself; the main process bounds that wait
 *   (electron/main/close-guard.ts), so the window always goes;
 * - 'leave': nothing to keep, or a composer panel inside the mail window, whose close it must
 *   not hold (the page would stay open with no one to close it).
 */
export type UnloadAction = 'leave' | 'ask' | 'save-then-close';

export function unloadAction(options: { readonly host: HostKind; readonly ownWindow: boolean; readonly unsaved: boolean }): UnloadAction {
  if (!options.unsaved) return 'leave';
  if (options.host === 'web') return 'ask';
  return options.ownWindow ? 'save-then-close' : 'leave';
}
