import { describe, expect, it } from 'vitest';
import { CLOSE_SAVE_TIMEOUT_MS, CloseGuard, type GuardTimers } from '../../../electron/main/close-guard.js';

/** A BrowserWindow as far as the guard sees it, plus a page whose beforeunload vetoes while it has unsaved changes. */
class FakeWindow {
  closes = 0;
  destroyed = false;
  isDestroyed(): boolean {
    return this.destroyed;
  }
  close(): void {
    this.closes++;
  }
}

/** Timers advanced by hand. */
class ManualTimers implements GuardTimers {
  readonly pending = new Map<number, { callback: () => void; ms: number }>();
  #next = 1;
  set(callback: () => void, ms: number): unknown {
    const id = this.#next++;
    this.pending.set(id, { callback, ms });
    return id;
  }
  clear(handle: unknown): void {
    this.pending.delete(handle as number);
  }
  fireAll(): void {
    const due = [...this.pending.values()];
    this.pending.clear();
    for (const timer of due) timer.callback();
  }
}

/** A 'will-prevent-unload' event; true when the guard overrode the page's veto (the window goes). */
function veto(guard: CloseGuard): boolean {
  let overridden = false;
  guard.unloadVetoed({ preventDefault: () => (overridden = true) });
  return overridden;
}

function setUp() {
  const window = new FakeWindow();
  const timers = new ManualTimers();
  const guard = new CloseGuard(window, { timers });
  return { window, timers, guard };
}

describe('CloseGuard', () => {
  it('lets the page hold a close while it saves, bounded by CLOSE_SAVE_TIMEOUT_MS', () => {
    const { window, timers, guard } = setUp();
    guard.closeRequested();
    expect(veto(guard)).toBe(false);
    expect([...timers.pending.values()].map((t) => t.ms)).toEqual([CLOSE_SAVE_TIMEOUT_MS]);
    // The page saved and closed the window itself: its second close is not held, and the wait ends.
    guard.closeRequested();
    guard.dispose();
    expect(timers.pending.size).toBe(0);
    expect(window.closes).toBe(0);
  });

  it('closes the window when the page has not closed it by the end of the wait, overriding its next veto', () => {
    const { window, timers, guard } = setUp();
    guard.closeRequested();
    expect(veto(guard)).toBe(false);
    timers.fireAll();
    expect(window.closes).toBe(1);
    guard.closeRequested();
    expect(veto(guard)).toBe(true);
    expect(timers.pending.size).toBe(0);
  });

  it('closes at once when the user asks again while the page is still saving', () => {
    const { window, timers, guard } = setUp();
    guard.closeRequested();
    expect(veto(guard)).toBe(false);
    guard.closeRequested();
    expect(veto(guard)).toBe(true);
    expect(timers.pending.size).toBe(0);
    expect(window.closes).toBe(0);
  });

  it('does not hold an unload that is not a close (a reload)', () => {
    const { timers, guard } = setUp();
    expect(veto(guard)).toBe(true);
    expect(timers.pending.size).toBe(0);
  });

  it('does not touch a window that is already gone when the wait ends', () => {
    const { window, timers, guard } = setUp();
    guard.closeRequested();
    veto(guard);
    window.destroyed = true;
    timers.fireAll();
    expect(window.closes).toBe(0);
  });

  it('remembers a close it held during a quit, so the host can quit again once the draft is saved', () => {
    const { guard } = setUp();
    expect(guard.quitHeld).toBe(false);
    guard.quitRequested();
    guard.closeRequested();
    expect(veto(guard)).toBe(false);
    expect(guard.quitHeld).toBe(true);
  });

  it('does not ask for a quit when it held an ordinary close', () => {
    const { guard } = setUp();
    guard.closeRequested();
    veto(guard);
    guard.dispose();
    expect(guard.quitHeld).toBe(false);
  });
});
