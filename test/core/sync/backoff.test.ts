import { describe, expect, it } from 'vitest';
import { Backoff } from '../../../core/sync/backoff.js';

describe('Backoff', () => {
  it('doubles the delay after each failure up to the cap, and starts over after a success', () => {
    const backoff = new Backoff(30_000, 300_000);
    expect([1, 2, 3, 4, 5, 6].map(() => backoff.next())).toEqual([30_000, 60_000, 120_000, 240_000, 300_000, 300_000]);
    backoff.reset();
    expect(backoff.next()).toBe(30_000);
    expect(backoff.next()).toBe(60_000);
  });
});
