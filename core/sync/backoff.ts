/**
 * A delay that doubles after every failure, up to a cap, and starts over after a success: the
 * waits between the background engine's attempts (a failed sync, an Outbox that could not send).
 */
export class Backoff {
  #next: number;

  constructor(
    private readonly initialMs: number,
    private readonly maxMs: number,
  ) {
    this.#next = initialMs;
  }

  /** The delay before the next attempt; the one after it is twice as long (at most the cap). */
  next(): number {
    const delay = this.#next;
    this.#next = Math.min(delay * 2, this.maxMs);
    return delay;
  }

  reset(): void {
    this.#next = this.initialMs;
  }
}
