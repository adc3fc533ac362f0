/**
 * The decoded bytes of one part, kept as the chunks the decoder produced. `bytes` joins them
 * on first use and then keeps only the joined copy, so a large attachment is held once;
 * callers that only need to stream it (hashing, saving) use `chunks` and never join.
 */
import { concatBytes } from './bytes.js';

export class PartContent {
  private parts: Uint8Array[] = [];
  private total = 0;

  /** Decoded size in bytes. */
  get size(): number {
    return this.total;
  }

  append(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    this.parts.push(chunk);
    this.total += chunk.length;
  }

  get chunks(): readonly Uint8Array[] {
    return this.parts;
  }

  get bytes(): Uint8Array {
    if (this.parts.length === 0) return new Uint8Array(0);
    if (this.parts.length > 1) this.parts = [concatBytes(this.parts, this.total)];
    return this.parts[0] as Uint8Array;
  }

  /** Drops the bytes (used when a consumer took them through a sink). */
  release(): void {
    this.parts = [];
  }
}
