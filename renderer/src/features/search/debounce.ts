/**
 * A trailing-edge debouncer: the last call within `delayMs` wins. Timers are injected so tests
 * drive time themselves; the default is the page's setTimeout.
 */

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const pageTimers: Timers = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
};

export interface Debouncer<T> {
  /** Schedules `run(value)` after the delay, replacing any call still waiting. */
  push(value: T): void;
  /** Runs the waiting call now (Enter in the search box). Does nothing when none waits. */
  flush(): void;
  /** Drops the waiting call (Escape, unmount). */
  cancel(): void;
}

export function createDebouncer<T>(run: (value: T) => void, delayMs: number, timers: Timers = pageTimers): Debouncer<T> {
  if (!Number.isFinite(delayMs) || delayMs < 0) throw new RangeError(`Debounce delay must be a non-negative number of milliseconds, not ${delayMs}.`);
  let handle: unknown = null;
  let pending: { value: T } | null = null;

  const fire = (): void => {
    handle = null;
    const call = pending;
    pending = null;
    if (call !== null) run(call.value);
  };

  return {
    push(value) {
      if (handle !== null) timers.clearTimeout(handle);
      pending = { value };
      handle = timers.setTimeout(fire, delayMs);
    },
    flush() {
      if (handle !== null) timers.clearTimeout(handle);
      fire();
    },
    cancel() {
      if (handle !== null) timers.clearTimeout(handle);
      handle = null;
      pending = null;
    },
  };
}
