/**
 * The unread input of a connection: a list of received chunks, consumed from the front.
 * Taking bytes copies at most once (and not at all when they lie inside one chunk), so large
 * literals and message bodies are never concatenated repeatedly while they arrive.
 */
export class ByteQueue {
  private chunks: Buffer[] = [];
  /** Offset of the first unread byte inside chunks[0]. */
  private head = 0;
  private total = 0;

  get length(): number {
    return this.total;
  }

  push(chunk: Buffer): void {
    if (chunk.length === 0) return;
    this.chunks.push(chunk);
    this.total += chunk.length;
  }

  /** Position (relative to the first unread byte) of `byte` at or after `from`, or -1. */
  indexOf(byte: number, from = 0): number {
    let base = 0;
    for (let i = 0; i < this.chunks.length; i++) {
      const chunk = this.chunks[i] as Buffer;
      const start = i === 0 ? this.head : 0;
      const available = chunk.length - start;
      if (from < base + available) {
        const found = chunk.indexOf(byte, start + Math.max(0, from - base));
        if (found !== -1) return base + (found - start);
      }
      base += available;
    }
    return -1;
  }

  /** Removes and returns exactly `n` bytes (n ≤ length). */
  take(n: number): Buffer {
    if (n > this.total) throw new RangeError(`take(${n}) with only ${this.total} bytes buffered`);
    if (n === 0) return Buffer.alloc(0);
    const first = this.chunks[0] as Buffer;
    if (first.length - this.head >= n) {
      const out = first.subarray(this.head, this.head + n);
      this.advance(n);
      return out;
    }
    const out = Buffer.allocUnsafe(n);
    let written = 0;
    while (written < n) {
      const chunk = this.chunks[0] as Buffer;
      const count = Math.min(chunk.length - this.head, n - written);
      chunk.copy(out, written, this.head, this.head + count);
      written += count;
      this.advance(count);
    }
    return out;
  }

  /** Removes and returns up to `max` bytes from the first chunk, without copying. */
  takeSome(max: number): Buffer {
    const first = this.chunks[0];
    if (first === undefined || max <= 0) return Buffer.alloc(0);
    const count = Math.min(first.length - this.head, max);
    const out = first.subarray(this.head, this.head + count);
    this.advance(count);
    return out;
  }

  /** Drops everything buffered and returns how many bytes that was. */
  clear(): number {
    const dropped = this.total;
    this.chunks = [];
    this.head = 0;
    this.total = 0;
    return dropped;
  }

  private advance(count: number): void {
    this.head += count;
    this.total -= count;
    const first = this.chunks[0];
    if (first !== undefined && this.head >= first.length) {
      this.chunks.shift();
      this.head = 0;
    }
  }
}
