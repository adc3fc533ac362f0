/**
 * The IMAP session: tags, the write side (literals, continuation requests, pipelining), the
 * read loop (raw chunks → parser → typed responses), routing of untagged responses to the
 * command that caused them, and the command timer. It knows no command semantics; commands
 * (commands/*.ts) call `exec` through a narrow context.
 *
 * Pipelining (RFC 3501 §5.5): commands marked `pipeline` are written while others are still
 * running; every other command waits until nothing is in flight and holds the line until it
 * completes, because its untagged responses (or EXPUNGEs it allows) would be ambiguous.
 */
import * as zlib from 'node:zlib';
import { MailError } from '../net/mail-error.js';
import { compileCommand, type CommandArg, type CompileOptions, type Segment } from './compiler.js';
import { commandError, type TaggedResult } from './errors.js';
import { GREETING_TIMEOUT_MS } from './limits.js';
import { codeName, ImapParser, type LiteralAnnouncement, type LiteralSink, type ParsedItem, type UntaggedData } from './parser/index.js';
import type { ImapTransport } from './transport.js';

export interface ExecRequest {
  readonly name: string;
  readonly args?: readonly CommandArg[];
  /** Argument indexes that never reach a transcript (passwords). */
  readonly secretArgs?: readonly number[];
  /** Return true when the response belongs to this command; it is then not routed further. */
  readonly untagged?: (data: UntaggedData) => boolean;
  /** Continuation requests for commands that converse (AUTHENTICATE, IDLE). */
  readonly continuation?: (text: string) => void;
  /** Called when another command is queued behind this one (IDLE ends itself then). */
  readonly interrupt?: () => void;
  /** Offered each literal while this command runs (streaming FETCH bodies). */
  readonly literalSink?: (literal: LiteralAnnouncement) => LiteralSink | undefined;
  /** May be written while other commands are in flight. */
  readonly pipeline?: boolean;
  /** Not guarded by the command timer (IDLE waits for the server on purpose). */
  readonly untimed?: boolean;
  /**
   * STARTTLS and COMPRESS: stop reading right after the tagged OK, so the caller can change
   * the byte stream; anything the server sent after the OK is refused as injection.
   */
  readonly pauseAfterOk?: 'starttls' | 'compress';
  readonly signal?: AbortSignal;
}

export interface SessionObserver {
  /** Every untagged response, after routing; `consumed` tells whether a command took it. */
  untagged(data: UntaggedData, consumed: boolean): void;
  /** The session ended: error undefined for a clean LOGOUT. */
  closed(error: MailError | undefined): void;
  /** Every tagged completion (its response code may be an ALERT the user must see). */
  tagged?(result: TaggedResult): void;
  /** An untagged response that could not be read (no command to blame). */
  malformed?(error: MailError): void;
}

export interface SessionOptions {
  readonly commandTimeoutMs?: number;
  readonly greetingTimeoutMs?: number;
  readonly maxLiteralSize?: number;
  /** Current compile options (they change after CAPABILITY and ENABLE UTF8=ACCEPT). */
  readonly compileOptions: () => CompileOptions;
}

interface Pending {
  readonly tag: string;
  readonly name: string;
  readonly request: ExecRequest;
  readonly resolve: (result: TaggedResult) => void;
  readonly reject: (error: MailError) => void;
  readonly done: Promise<unknown>;
  malformed: MailError | undefined;
  finished: boolean;
}

const DEFAULT_COMMAND_TIMEOUT_MS = 120_000;

export class ImapSession {
  readonly #transport: ImapTransport;
  readonly #observer: SessionObserver;
  readonly #options: SessionOptions;
  readonly #parser: ImapParser;
  readonly #inflight = new Map<string, Pending>();
  #tagCounter = 0;
  #lock: Promise<void> = Promise.resolve();
  #continuationWaiter: { pending: Pending; resolve: () => void } | undefined;
  #closed: MailError | undefined;
  #ending = false;
  #bye: string | undefined;
  #timer: NodeJS.Timeout | undefined;
  #greeting: { resolve: (data: UntaggedData) => void; reject: (error: MailError) => void } | undefined;
  #pausing: Pending | undefined;
  #itemsAfterPause = 0;
  #inflater: zlib.InflateRaw | undefined;
  #deflater: zlib.DeflateRaw | undefined;
  #writeChain: Promise<void> = Promise.resolve();
  #queued = 0;

  constructor(transport: ImapTransport, observer: SessionObserver, options: SessionOptions) {
    this.#transport = transport;
    this.#observer = observer;
    this.#options = options;
    this.#parser = new ImapParser({
      ...(options.maxLiteralSize !== undefined ? { maxLiteralSize: options.maxLiteralSize } : {}),
      literalSink: (literal) => {
        for (const p of this.#inflight.values()) {
          const sink = p.request.literalSink?.(literal);
          if (sink !== undefined) return sink;
        }
        return undefined;
      },
    });
  }

  get closed(): boolean {
    return this.#closed !== undefined;
  }

  get compressed(): boolean {
    return this.#deflater !== undefined;
  }

  /** Starts reading and resolves with the greeting (untagged OK, PREAUTH or BYE). */
  start(): Promise<UntaggedData> {
    const greeting = new Promise<UntaggedData>((resolve, reject) => {
      this.#greeting = { resolve, reject };
    });
    const ms = this.#options.greetingTimeoutMs ?? GREETING_TIMEOUT_MS;
    const timer = setTimeout(() => this.#terminate(new MailError('greeting-timeout', 'The server did not send its greeting in time.', { transient: true })), ms);
    void this.#readLoop();
    return greeting.finally(() => clearTimeout(timer));
  }

  /** Runs one command; resolves with its tagged OK, rejects with a typed MailError otherwise. */
  exec(request: ExecRequest): Promise<TaggedResult> {
    if (this.#closed !== undefined) return Promise.reject(this.#closed);
    if (request.signal?.aborted) return Promise.reject(new MailError('cancelled', `${request.name} was cancelled.`));
    let resolve!: (r: TaggedResult) => void;
    let reject!: (e: MailError) => void;
    const done = new Promise<TaggedResult>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    const pending: Pending = {
      tag: '',
      name: request.name,
      request,
      resolve,
      reject,
      done: done.catch(() => undefined),
      malformed: undefined,
      finished: false,
    };
    const previous = this.#lock;
    let release!: () => void;
    this.#lock = new Promise<void>((r) => (release = r));
    for (const p of this.#inflight.values()) p.request.interrupt?.();
    this.#queued++;
    void previous
      .then(() => {
        this.#queued--;
        return this.#send(pending);
      })
      .catch((error: unknown) => this.#settle(pending, toMailError(error)))
      .finally(() => release());
    return done;
  }

  /** Writes raw bytes outside a command (IDLE's DONE, SASL responses); secret ones are redacted. */
  writeContinuation(data: string, secret = false): Promise<void> {
    if (this.#closed !== undefined) return Promise.reject(this.#closed);
    return this.#write(new TextEncoder().encode(`${data}\r\n`), secret ? { redact: '[credentials]' } : {}, data);
  }

  /**
   * After a `pauseAfterOk` command: `change` swaps the byte stream (TLS handshake, or
   * `'deflate'` for COMPRESS=DEFLATE), then reading resumes.
   */
  async resume(change: (() => Promise<void>) | 'deflate'): Promise<void> {
    if (change === 'deflate') {
      this.#deflater = zlib.createDeflateRaw();
      this.#inflater = zlib.createInflateRaw();
      this.#inflater.on('data', (chunk: Buffer) => this.#receive(chunk));
      this.#inflater.on('error', (error) =>
        this.#terminate(new MailError('protocol-error', 'The compressed stream from the server is corrupt.', { cause: error })),
      );
    } else {
      await change();
    }
    void this.#readLoop();
  }

  /** Marks that the connection is expected to end (LOGOUT): a close is then not an error. */
  expectClose(): void {
    this.#ending = true;
  }

  /** Ends the session cleanly (after LOGOUT's OK). */
  close(): void {
    this.#ending = true;
    this.#terminate(undefined);
  }

  /** True when a command waits for the line (an IDLE should give way). */
  get waiting(): boolean {
    return this.#queued > 0;
  }

  /** Ends the session at once: every command fails with `error`. */
  abort(error: MailError): void {
    this.#terminate(error);
  }

  // --- writing ---------------------------------------------------------------------------

  async #send(pending: Pending): Promise<void> {
    if (this.#closed !== undefined) throw this.#closed;
    const { request } = pending;
    if (!request.pipeline) await this.#drain();
    if (this.#closed !== undefined) throw this.#closed;
    const tag = `T${++this.#tagCounter}`;
    const compiled = compileCommand(
      { tag, name: request.name, args: request.args ?? [], ...(request.secretArgs ? { secretArgs: request.secretArgs } : {}) },
      this.#options.compileOptions(),
    );
    (pending as { tag: string }).tag = tag;
    this.#inflight.set(tag, pending);
    this.#armTimer();
    const onAbort = (): void => this.#terminate(new MailError('cancelled', `${request.name} was cancelled; the connection was closed.`));
    request.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      for (const segment of compiled.segments) {
        if (pending.finished) break;
        await this.#writeSegment(segment, compiled.summary);
        if (segment.kind === 'bytes' && segment.awaitContinuation) await this.#awaitContinuation(pending);
      }
      if (!request.pipeline) await pending.done;
    } finally {
      request.signal?.removeEventListener('abort', onAbort);
    }
  }

  async #writeSegment(segment: Segment, summary: string): Promise<void> {
    if (segment.kind === 'bytes') {
      if (segment.secret) await this.#write(segment.data, { redact: summary }, summary);
      else if (segment.literalData === true) await this.#write(segment.data, { transcript: 'summary' }, `[${segment.data.length} bytes]`);
      else await this.#write(segment.data, {}, undefined);
      return;
    }
    let sent = 0;
    for await (const chunk of segment.source.chunks()) {
      sent += chunk.length;
      if (sent > segment.source.size) break;
      await this.#write(chunk, { transcript: 'summary' }, `[${chunk.length} bytes]`);
    }
    if (sent !== segment.source.size) {
      // The announced literal size is already on the wire: the stream cannot be resynchronised.
      const error = new MailError('invalid-argument', `The message source gave ${sent} bytes, not the ${segment.source.size} announced.`);
      this.#terminate(error);
      throw error;
    }
  }

  #write(data: Uint8Array, options: { redact?: string; transcript?: 'full' | 'summary' | 'none' }, text: string | undefined): Promise<void> {
    const deflater = this.#deflater;
    if (deflater === undefined) return this.#transport.write(data, options);
    const line = text ?? new TextDecoder().decode(data).replace(/\r?\n$/, '');
    if (options.redact !== undefined) this.#transport.transcript?.client(line, options.redact);
    else this.#transport.transcript?.client(line);
    const run = async (): Promise<void> => {
      const compressed = await new Promise<Buffer>((resolve, reject) => {
        const parts: Buffer[] = [];
        const onData = (c: Buffer): void => {
          parts.push(c);
        };
        deflater.on('data', onData);
        deflater.write(data);
        deflater.flush(zlib.constants.Z_SYNC_FLUSH, () => {
          deflater.off('data', onData);
          resolve(Buffer.concat(parts));
        });
        deflater.once('error', reject);
      });
      await this.#transport.write(compressed, { transcript: 'none' });
    };
    const next = this.#writeChain.then(run);
    this.#writeChain = next.catch(() => undefined);
    return next;
  }

  #awaitContinuation(pending: Pending): Promise<void> {
    return new Promise<void>((resolve) => {
      this.#continuationWaiter = { pending, resolve };
      // If the command completes first (NO/BAD to the literal), stop waiting.
      void pending.done.then(() => {
        if (this.#continuationWaiter?.pending === pending) {
          this.#continuationWaiter = undefined;
          resolve();
        }
      });
    });
  }

  /** Waits until no command is in flight (for commands that cannot be pipelined). */
  async #drain(): Promise<void> {
    while (this.#inflight.size > 0) {
      await Promise.all([...this.#inflight.values()].map((p) => p.done));
    }
  }

  // --- reading ---------------------------------------------------------------------------

  async #readLoop(): Promise<void> {
    try {
      for await (const chunk of this.#transport.readStream(Number.MAX_SAFE_INTEGER, { timeout: 'idle' })) {
        this.#armTimer();
        if (this.#inflater !== undefined) this.#inflater.write(chunk);
        else this.#receive(chunk);
        if (this.#pausing !== undefined) {
          this.#finishPause();
          return;
        }
        if (this.#closed !== undefined) return;
      }
      this.#terminate(this.#closeError());
    } catch (error) {
      this.#terminate(this.#ending ? undefined : toMailError(error, this.#bye));
    }
  }

  #finishPause(): void {
    const pending = this.#pausing;
    this.#pausing = undefined;
    if (pending === undefined) return;
    if (this.#itemsAfterPause > 0 || this.#parser.pending) {
      // STARTTLS: RFC 3207 §6 / CVE-2011-0411, data pipelined after the OK could be an
      // attacker's. COMPRESS: it would already be compressed, and was read as plain text.
      const error =
        pending.request.pauseAfterOk === 'starttls'
          ? new MailError(
              'starttls-injection',
              'The server sent data right after its OK to STARTTLS; the connection was closed because that data could have been injected.',
            )
          : new MailError('protocol-error', `The server sent data in the same packet as its OK to ${pending.name}; the stream cannot be read.`);
      this.#terminate(error);
      return;
    }
    this.#settle(pending, undefined, { status: 'OK', code: undefined, text: '' });
  }

  #receive(chunk: Uint8Array): void {
    let items: ParsedItem[];
    try {
      items = this.#parser.push(chunk);
    } catch (error) {
      this.#terminate(toMailError(error));
      return;
    }
    for (const item of items) {
      if (this.#closed !== undefined) return;
      if (this.#pausing !== undefined) {
        this.#itemsAfterPause++;
        continue;
      }
      this.#dispatch(item);
    }
  }

  #dispatch(item: ParsedItem): void {
    if (item.kind === 'malformed') {
      if (item.fatal) {
        this.#terminate(item.error);
        return;
      }
      this.#transport.transcript?.info(`unreadable response: ${item.error.message}`);
      const owner = item.tag !== undefined ? this.#inflight.get(item.tag) : undefined;
      if (owner !== undefined) {
        this.#settle(owner, item.error);
        return;
      }
      const oldest = this.#inflight.values().next().value;
      if (oldest !== undefined) oldest.malformed ??= item.error;
      else this.#observer.malformed?.(item.error);
      return;
    }
    const response = item.response;
    switch (response.kind) {
      case 'continuation': {
        this.#transport.transcript?.server(`+ ${response.text}`);
        const waiter = this.#continuationWaiter;
        if (waiter !== undefined) {
          this.#continuationWaiter = undefined;
          waiter.resolve();
          return;
        }
        for (const p of this.#inflight.values()) {
          if (p.request.continuation !== undefined) {
            p.request.continuation(response.text);
            return;
          }
        }
        this.#transport.transcript?.info('unexpected continuation request ignored');
        return;
      }
      case 'tagged': {
        this.#transport.transcript?.server(`${response.tag} ${response.status} ${response.text}`);
        const pending = this.#inflight.get(response.tag);
        if (pending === undefined) {
          this.#observer.malformed?.(new MailError('protocol-error', `The server answered an unknown command tag ${response.tag}.`));
          return;
        }
        if (response.status === 'OK' && pending.request.pauseAfterOk !== undefined) {
          this.#pausing = pending;
          this.#itemsAfterPause = 0;
          return;
        }
        const { status, code, text } = response;
        this.#observer.tagged?.({ status, code, text });
        this.#settle(pending, status === 'OK' ? undefined : commandError(pending.name, { status, code, text }), { status, code, text });
        return;
      }
      case 'untagged':
        this.#untagged(response.data);
        return;
    }
  }

  #untagged(data: UntaggedData): void {
    if (data.type !== 'fetch') this.#transport.transcript?.server(`* ${describe(data)}`);
    if (this.#greeting !== undefined) {
      const greeting = this.#greeting;
      this.#greeting = undefined;
      if (data.type === 'condition' && (data.status === 'OK' || data.status === 'PREAUTH' || data.status === 'BYE')) {
        greeting.resolve(data);
        if (data.status === 'BYE') this.#bye = data.text;
      } else greeting.reject(new MailError('protocol-error', 'The server did not start with an IMAP greeting.'));
      return;
    }
    if (data.type === 'condition' && data.status === 'BYE') this.#bye = data.text;
    let consumed = false;
    if (data.type === 'esearch' && data.tag !== undefined) {
      const owner = this.#inflight.get(data.tag);
      consumed = owner?.request.untagged?.(data) ?? false;
    } else {
      for (const p of this.#inflight.values()) {
        if (p.request.untagged?.(data) === true) {
          consumed = true;
          break;
        }
      }
    }
    this.#observer.untagged(data, consumed);
  }

  // --- completion ------------------------------------------------------------------------

  #settle(pending: Pending, error: MailError | undefined, result?: TaggedResult): void {
    if (pending.finished) return;
    pending.finished = true;
    if (pending.tag !== '') this.#inflight.delete(pending.tag);
    this.#armTimer();
    if (this.#continuationWaiter?.pending === pending) {
      const waiter = this.#continuationWaiter;
      this.#continuationWaiter = undefined;
      waiter.resolve();
    }
    const failure = error ?? pending.malformed;
    if (failure !== undefined) pending.reject(failure);
    else pending.resolve(result ?? { status: 'OK', code: undefined, text: '' });
  }

  #closeError(): MailError {
    return new MailError(
      'connection-closed',
      this.#bye !== undefined ? `The server closed the connection: ${this.#bye}` : 'The server closed the connection.',
      { transient: true },
    );
  }

  #terminate(error: MailError | undefined): void {
    if (this.#closed !== undefined) return;
    const failure = error ?? new MailError('connection-closed', 'The connection was closed after LOGOUT.');
    this.#closed = failure;
    clearTimeout(this.#timer);
    this.#greeting?.reject(failure);
    this.#greeting = undefined;
    for (const p of [...this.#inflight.values()]) this.#settle(p, failure);
    if (this.#continuationWaiter !== undefined) this.#continuationWaiter.resolve();
    this.#continuationWaiter = undefined;
    this.#inflater?.destroy();
    this.#deflater?.destroy();
    if (error === undefined) this.#transport.close();
    else this.#transport.fail(error);
    this.#observer.closed(error);
  }

  #armTimer(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const timed = [...this.#inflight.values()].some((p) => p.request.untimed !== true);
    if (!timed || this.#closed !== undefined) return;
    const ms = this.#options.commandTimeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS;
    this.#timer = setTimeout(() => {
      this.#terminate(new MailError('command-timeout', 'The server did not answer in time.', { transient: true }));
    }, ms);
  }
}

function toMailError(error: unknown, bye?: string): MailError {
  if (error instanceof MailError) {
    if (error.code === 'connection-closed' && bye !== undefined) {
      return new MailError('connection-closed', `The server closed the connection: ${bye}`, { transient: true, cause: error });
    }
    return error;
  }
  return new MailError('protocol-error', error instanceof Error ? error.message : String(error), { cause: error });
}

/** A short transcript form of an untagged response (FETCH bodies are never logged). */
function describe(data: UntaggedData): string {
  switch (data.type) {
    case 'condition':
      return `${data.status}${data.code !== undefined ? ` [${codeName(data.code) ?? ''}]` : ''} ${data.text}`;
    case 'exists':
    case 'recent':
      return `${data.count} ${data.type.toUpperCase()}`;
    case 'expunge':
      return `${data.seq} EXPUNGE`;
    default:
      return data.type.toUpperCase();
  }
}

