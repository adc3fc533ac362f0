import type { Writable } from 'node:stream';
import { MailError } from '../net/mail-error.js';
import { MAX_COLLECTED_RESPONSE_BYTES } from './limits.js';

/**
 * Where a streamed message goes. The client calls write() for every decoded chunk in order
 * (awaiting each, which gives backpressure), then exactly one of commit() (the terminator was
 * received: the message is complete) or abort() (the transfer failed: discard what was
 * written). After either, nothing more is called.
 */
export interface MessageSink {
  write(chunk: Buffer): Promise<void> | void;
  /**
   * The message is complete. For a store, resolve only once it is durable (written, fsynced,
   * renamed into place): the leave-on-server logic deletes from the server only after this.
   */
  commit(): Promise<void> | void;
  abort(reason: MailError): Promise<void> | void;
}

/**
 * A sink over a Node Writable (a file stream, a socket, stdout). commit() ends the stream and
 * waits for 'finish'; abort() destroys it with the error. 'finish' only means the data reached
 * the operating system, not that it is durable: for a store use a sink that fsyncs.
 */
export function writableSink(stream: Writable, options: { end?: boolean } = {}): MessageSink {
  const end = options.end ?? true;
  return {
    write(chunk) {
      if (stream.destroyed) return Promise.reject(new MailError('io-error', 'The output stream was closed.'));
      if (stream.write(chunk)) return undefined;
      return new Promise<void>((resolve, reject) => {
        const cleanup = (): void => {
          stream.off('drain', onDrain);
          stream.off('error', onError);
          stream.off('close', onClose);
        };
        const onDrain = (): void => {
          cleanup();
          resolve();
        };
        const onError = (error: Error): void => {
          cleanup();
          reject(new MailError('io-error', `Writing the message failed: ${error.message}`, { cause: error }));
        };
        const onClose = (): void => {
          cleanup();
          reject(new MailError('io-error', 'The output stream was closed.'));
        };
        stream.on('drain', onDrain);
        stream.on('error', onError);
        stream.on('close', onClose);
      });
    },
    commit() {
      if (!end) return undefined;
      return new Promise<void>((resolve, reject) => {
        stream.once('error', (error) => reject(new MailError('io-error', `Writing the message failed: ${error.message}`, { cause: error })));
        stream.end(() => resolve());
      });
    },
    abort(reason) {
      if (end) stream.destroy(reason);
    },
  };
}

/** A sink over an async callback per chunk, with optional commit/abort callbacks. */
export function callbackSink(
  onChunk: (chunk: Buffer) => Promise<void> | void,
  handlers: { commit?: () => Promise<void> | void; abort?: (reason: MailError) => Promise<void> | void } = {},
): MessageSink {
  return {
    write: onChunk,
    commit: () => handlers.commit?.(),
    abort: (reason) => handlers.abort?.(reason),
  };
}

/**
 * Collects into memory, for small responses (TOP headers, tests). Refuses to grow past
 * `limit` bytes with 'literal-too-large' instead of exhausting memory.
 */
export class BufferSink implements MessageSink {
  private readonly parts: Buffer[] = [];
  private length = 0;
  private state: 'open' | 'committed' | 'aborted' = 'open';
  abortReason: MailError | undefined;

  constructor(private readonly limit: number = MAX_COLLECTED_RESPONSE_BYTES) {}

  write(chunk: Buffer): void {
    if (this.length + chunk.length > this.limit) {
      throw new MailError('literal-too-large', `The response is larger than the ${this.limit}-byte limit for an in-memory read.`, {
        details: { limit: this.limit },
      });
    }
    // Copy: decoded chunks are views into transport buffers.
    this.parts.push(Buffer.from(chunk));
    this.length += chunk.length;
  }

  commit(): void {
    this.state = 'committed';
  }

  abort(reason: MailError): void {
    this.state = 'aborted';
    this.abortReason = reason;
    this.parts.length = 0;
    this.length = 0;
  }

  get status(): 'open' | 'committed' | 'aborted' {
    return this.state;
  }

  get bytes(): Buffer {
    return Buffer.concat(this.parts, this.length);
  }
}
