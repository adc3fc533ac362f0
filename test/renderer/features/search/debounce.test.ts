import { describe, expect, it } from 'vitest';
import { createDebouncer, type Timers } from '../../../../renderer/src/features/search/debounce.js';

/** A clock the test moves by hand: timers fire in due order when `advance` passes them. */
function manualClock(): Timers & { advance(ms: number): void; pending(): number } {
  let now = 0;
  let nextId = 1;
  const timers = new Map<number, { due: number; callback: () => void }>();
  return {
    setTimeout(callback, ms) {
      const id = nextId++;
      timers.set(id, { due: now + ms, callback });
      return id;
    },
    clearTimeout(handle) {
      timers.delete(handle as number);
    },
    advance(ms) {
      const until = now + ms;
      for (;;) {
        const due = [...timers.entries()].filter(([, t]) => t.due <= until).sort((a, b) => a[1].due - b[1].due)[0];
        if (due === undefined) break;
        timers.delete(due[0]);
        now = due[1].due;
        due[1].callback();
      }
      now = until;
    },
    pending: () => timers.size,
  };
}

describe('createDebouncer', () => {
  it('runs once with the last value after the typing pauses', () => {
    const clock = manualClock();
    const runs: string[] = [];
    const debounced = createDebouncer<string>((v) => runs.push(v), 120, clock);
    debounced.push('h');
    clock.advance(100);
    debounced.push('he');
    clock.advance(100);
    debounced.push('hel');
    clock.advance(119);
    expect(runs).toEqual([]);
    clock.advance(1);
    expect(runs).toEqual(['hel']);
    clock.advance(1000);
    expect(runs).toEqual(['hel']);
    expect(clock.pending()).toBe(0);
  });

  it('flush runs the waiting call now and only once; flush with nothing waiting does nothing', () => {
    const clock = manualClock();
    const runs: string[] = [];
    const debounced = createDebouncer<string>((v) => runs.push(v), 120, clock);
    debounced.flush();
    expect(runs).toEqual([]);
    debounced.push('tegami');
    debounced.flush();
    expect(runs).toEqual(['tegami']);
    clock.advance(500);
    expect(runs).toEqual(['tegami']);
  });

  it('cancel drops the waiting call', () => {
    const clock = manualClock();
    const runs: string[] = [];
    const debounced = createDebouncer<string>((v) => runs.push(v), 120, clock);
    debounced.push('x');
    debounced.cancel();
    clock.advance(500);
    debounced.flush();
    expect(runs).toEqual([]);
  });

  it('refuses a negative or non-finite delay', () => {
    expect(() => createDebouncer(() => undefined, -1)).toThrow(RangeError);
    expect(() => createDebouncer(() => undefined, Number.NaN)).toThrow(RangeError);
  });
});
