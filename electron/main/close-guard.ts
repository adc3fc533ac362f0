/**
 * Closing a composer window with the OS close button must not lose what was typed. The page
 * holds the close with beforeunload while it has unsaved changes, saves the draft and then
 * closes the window itself (renderer/src/features/composer/unload.ts). Electron reports each
 * such veto as 'will-prevent-unload'; this guard decides what becomes of it, so a page that
 * never finishes (a hung save, a failed one) cannot keep the window open forever:
 *
 * - a veto during a close: the first one stands and the wait for the page starts; when the wait
 *   is over the guard closes the window again and overrides any further veto;
 * - a second close while waiting (the user clicks the close button again): closes at once;
 * - a veto outside a close (a reload): the page goes, as it would without the guard;
 * - a veto while the app quits: Electron gives up the whole quit when a window holds its close,
 *   so the guard remembers it (quitHeld) and the host quits again once this window is gone —
 *   the user who chose Quit gets the draft saved and the app closed.
 *
 * Written against narrow shapes instead of Electron's classes so it is unit-tested without the
 * Electron binary; integration.ts wires a BrowserWindow to it.
 */

/** How long a composer window waits for its page to save the draft and close itself. */
export const CLOSE_SAVE_TIMEOUT_MS = 5_000;

/** The BrowserWindow, as far as the guard uses it. */
export interface GuardedWindow {
  isDestroyed(): boolean;
  close(): void;
}

/** Electron's 'will-prevent-unload' event: preventDefault() ignores the page's veto. */
export interface UnloadVetoEvent {
  preventDefault(): void;
}

export interface GuardTimers {
  set(callback: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const REAL_TIMERS: GuardTimers = {
  set: (callback, ms) => setTimeout(callback, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export class CloseGuard {
  readonly #window: GuardedWindow;
  readonly #timeoutMs: number;
  readonly #timers: GuardTimers;
  /** A close was asked for (the window's 'close' event) and has not been given up. */
  #closing = false;
  /** The page held a close and is saving; the handle of the bounded wait. */
  #waiting: unknown = null;
  /** The wait is over: the next veto is ignored. */
  #override = false;
  /** The app is quitting (its 'before-quit'), and whether this window's veto gave that quit up. */
  #quitting = false;
  #quitHeld = false;

  constructor(window: GuardedWindow, options: { readonly timeoutMs?: number; readonly timers?: GuardTimers } = {}) {
    this.#window = window;
    this.#timeoutMs = options.timeoutMs ?? CLOSE_SAVE_TIMEOUT_MS;
    this.#timers = options.timers ?? REAL_TIMERS;
  }

  /** The window's 'close' event: the OS close button, a menu's Close, or the page's own window.close(). */
  closeRequested(): void {
    this.#closing = true;
  }

  /** The app's 'before-quit' event: the windows are about to be asked to close. */
  quitRequested(): void {
    this.#quitting = true;
  }

  /** This window held its close during a quit, which Electron then gave up: quit again when it is gone. */
  get quitHeld(): boolean {
    return this.#quitHeld;
  }

  /** The webContents' 'will-prevent-unload' event: the page's beforeunload held the unload. */
  unloadVetoed(event: UnloadVetoEvent): void {
    if (!this.#closing || this.#override || this.#waiting !== null) {
      // Not a close (a reload), the wait is over, or the user asked again: the window goes.
      this.#stopWaiting();
      event.preventDefault();
      return;
    }
    // The page is saving its draft and closes the window itself when it has; wait, but not forever.
    if (this.#quitting) this.#quitHeld = true;
    this.#waiting = this.#timers.set(() => {
      this.#waiting = null;
      this.#override = true;
      if (!this.#window.isDestroyed()) this.#window.close();
    }, this.#timeoutMs);
  }

  /** The window's 'closed' event. */
  dispose(): void {
    this.#stopWaiting();
  }

  #stopWaiting(): void {
    if (this.#waiting === null) return;
    this.#timers.clear(this.#waiting);
    this.#waiting = null;
  }
}
