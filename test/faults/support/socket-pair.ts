import { Duplex } from 'node:stream';

/** One end of an in-process connection: what one side writes, the other side reads. */
class PairEnd extends Duplex {
  peer: PairEnd | undefined;
  /** Everything this end wrote, for byte-for-byte comparisons. */
  readonly written: Buffer[] = [];

  override _read(): void {}

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.written.push(Buffer.from(chunk));
    this.peer?.push(chunk);
    callback();
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.peer?.push(null);
    callback();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    const peer = this.peer;
    if (peer && !peer.readableEnded && !peer.destroyed) peer.push(null);
    callback(error);
  }

  /** What this end wrote so far, as one string. */
  writtenText(): string {
    return Buffer.concat(this.written).toString('utf8');
  }
}

export type SocketEnd = PairEnd;

/** A fake socket pair for transports under test: [client end, server end]. */
export function socketPair(): [SocketEnd, SocketEnd] {
  const a = new PairEnd();
  const b = new PairEnd();
  a.peer = b;
  b.peer = a;
  return [a, b];
}
