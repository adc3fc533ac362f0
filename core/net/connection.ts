import { readFileSync } from 'node:fs';
import * as tls from 'node:tls';
import type { Duplex } from 'node:stream';
import { ByteQueue } from './byte-queue.js';
import { verifyPeer, type TlsInfo } from './certificate.js';
import { DEFAULT_TIMEOUTS, MAX_LINE_LENGTH, MAX_READ_BYTES, READ_HIGH_WATER_MARK, type Timeouts } from './limits.js';
import { MailError, type MailErrorCode } from './mail-error.js';
import { Transcript } from './transcript.js';

export type Security = 'tls' | 'starttls' | 'none';

/** Which timer guards a read: the greeting, a command's reply, or an idle wait. */
export type TimeoutKind = 'greeting' | 'command' | 'idle';

export interface ConnectionOptions {
  /** The host the user asked for: used for SNI and certificate host-name checks. */
  readonly host: string;
  readonly security: Security;
  /** Overrides the name sent in SNI and checked against the certificate. */
  readonly servername?: string;
  /** Extra trusted CA certificates (PEM), in addition to the default store. */
  readonly ca?: string | Buffer | ReadonlyArray<string | Buffer>;
  /** SHA-256 fingerprint of a certificate the user accepted although it did not verify. */
  readonly pinnedSha256?: string;
  readonly timeouts?: Partial<Timeouts>;
  readonly signal?: AbortSignal;
  /** Allows credentials over a connection without TLS (security 'none'); off by default. */
  readonly allowInsecureAuth?: boolean;
  readonly maxLineLength?: number;
  /** Share a transcript (or get a new one). */
  readonly transcript?: Transcript;
  /** Set when the socket is already TLS (implicit TLS); connect() fills it in. */
  readonly tls?: TlsInfo;
}

export interface WriteOptions {
  /** What the transcript stores instead of the data (the data is secret). */
  readonly redact?: string;
  /** 'summary' stores only the byte count (message bodies), 'none' nothing. Default 'full'. */
  readonly transcript?: 'full' | 'summary' | 'none';
}

export interface ReadOptions {
  /** Default 'command'. */
  readonly timeout?: TimeoutKind;
}

type Pending =
  | { kind: 'line'; scanned: number; resolve: (line: Buffer) => void; reject: (e: MailError) => void; timeout: TimeoutKind }
  | { kind: 'bytes'; count: number; resolve: (data: Buffer) => void; reject: (e: MailError) => void; timeout: TimeoutKind }
  | { kind: 'some'; max: number; resolve: (data: Buffer) => void; reject: (e: MailError) => void; timeout: TimeoutKind };

const TIMEOUT_CODES: Record<TimeoutKind, MailErrorCode> = {
  greeting: 'greeting-timeout',
  command: 'command-timeout',
  idle: 'idle-timeout',
};

const TIMEOUT_MESSAGES: Record<TimeoutKind, string> = {
  greeting: 'The server did not send its greeting in time.',
  command: 'The server did not answer in time.',
  idle: 'The connection was silent for longer than the idle limit.',
};

/** Throws 'invalid-argument' when a value that goes into a command line contains CR, LF or NUL. */
export function assertSafeArgument(value: string, what = 'argument'): void {
  if (/[\r\n\0]/.test(value)) {
    throw new MailError('invalid-argument', `The ${what} contains a line break or NUL character, which would inject a protocol command.`, {
      details: { what },
    });
  }
}

/**
 * One protocol connection over any Duplex: a TCP socket, a TLS socket, or an in-process fake in
 * tests. It frames input (lines, exact byte counts, streamed byte ranges), writes with CR/LF
 * checks, enforces the timeouts, upgrades to TLS for STARTTLS, and keeps a redacted transcript.
 *
 * Reads are served strictly in the order they were requested. Any failure (timeout, close,
 * cancellation, framing error) fails every pending and future read with the same MailError, and
 * the connection is unusable afterwards: protocol state is unknown once a read has failed.
 */
export class Connection {
  readonly transcript: Transcript;
  readonly host: string;
  readonly security: Security;
  readonly allowInsecureAuth: boolean;

  private socket: Duplex;
  private readonly input = new ByteQueue();
  private readonly queue: Pending[] = [];
  private readonly timeouts: Timeouts;
  private readonly maxLineLength: number;
  private readonly options: ConnectionOptions;
  private failure: MailError | undefined;
  private timer: NodeJS.Timeout | undefined;
  private tlsInfo: TlsInfo | undefined;
  private detach: () => void = () => {};
  private readonly onAbort = (): void => {
    this.fail(new MailError('cancelled', 'The operation was cancelled.'));
  };

  constructor(socket: Duplex, options: ConnectionOptions) {
    this.socket = socket;
    this.options = options;
    this.host = options.host;
    this.security = options.security;
    this.allowInsecureAuth = options.allowInsecureAuth ?? false;
    this.timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
    this.maxLineLength = options.maxLineLength ?? MAX_LINE_LENGTH;
    this.transcript = options.transcript ?? new Transcript();
    this.tlsInfo = options.tls;
    this.attach(socket);
    if (options.signal) {
      if (options.signal.aborted) this.onAbort();
      else options.signal.addEventListener('abort', this.onAbort, { once: true });
    }
  }

  /** TLS details once the connection is encrypted (implicit TLS or after upgradeToTls). */
  get tls(): TlsInfo | undefined {
    return this.tlsInfo;
  }

  get encrypted(): boolean {
    return this.tlsInfo !== undefined;
  }

  /** The local IP address of a TCP connection (for an SMTP EHLO address literal), if known. */
  get localAddress(): string | undefined {
    const address: unknown = (this.socket as Duplex & { localAddress?: unknown }).localAddress;
    return typeof address === 'string' && address.length > 0 ? address : undefined;
  }

  /** False once the connection failed or was closed. */
  get open(): boolean {
    return this.failure === undefined;
  }

  /**
   * Throws 'auth-insecure' unless credentials may be sent: the connection is encrypted, or the
   * user explicitly allowed plain-text authentication for this account.
   */
  assertCredentialsAllowed(): void {
    if (this.encrypted || this.allowInsecureAuth) return;
    throw new MailError(
      'auth-insecure',
      'Refusing to send a password over an unencrypted connection. Use TLS or STARTTLS, or explicitly allow insecure authentication for this account.',
    );
  }

  /** Reads one line and returns it without its line ending (CRLF, or a bare LF), decoded as UTF-8. */
  async readLine(options: ReadOptions = {}): Promise<string> {
    return (await this.readLineBuffer(options)).toString('utf8');
  }

  /** Reads one line as bytes, without its line ending. */
  readLineBuffer(options: ReadOptions = {}): Promise<Buffer> {
    return new Promise<Buffer>((resolve, reject) => {
      this.enqueue({ kind: 'line', scanned: 0, resolve, reject, timeout: options.timeout ?? 'command' });
    }).then((raw) => {
      const end = raw.length >= 2 && raw[raw.length - 2] === 0x0d ? raw.length - 2 : raw.length - 1;
      const line = raw.subarray(0, end);
      this.transcript.server(line.toString('utf8'));
      return line;
    });
  }

  /** Reads exactly `count` bytes (an IMAP literal), copied into one buffer at most once. */
  readBytes(count: number, options: ReadOptions = {}): Promise<Buffer> {
    if (!Number.isSafeInteger(count) || count < 0) {
      return Promise.reject(new MailError('invalid-argument', `Cannot read ${count} bytes.`));
    }
    if (count > MAX_READ_BYTES) {
      return Promise.reject(
        new MailError('literal-too-large', `A ${count}-byte block is larger than the ${MAX_READ_BYTES}-byte limit; stream it instead.`),
      );
    }
    return new Promise<Buffer>((resolve, reject) => {
      this.enqueue({ kind: 'bytes', count, resolve, reject, timeout: options.timeout ?? 'command' });
    }).then((data) => {
      this.transcript.server(`[${count} bytes]`);
      return data;
    });
  }

  /** Yields exactly `count` bytes as the chunks arrive, without assembling them. */
  async *readStream(count: number, options: ReadOptions = {}): AsyncGenerator<Buffer, void, undefined> {
    let remaining = count;
    while (remaining > 0) {
      const chunk = await new Promise<Buffer>((resolve, reject) => {
        this.enqueue({ kind: 'some', max: remaining, resolve, reject, timeout: options.timeout ?? 'command' });
      });
      remaining -= chunk.length;
      yield chunk;
    }
    this.transcript.server(`[${count} bytes]`);
  }

  /** Writes one command line: refuses CR, LF and NUL inside it, then appends CRLF. */
  writeLine(line: string, options: WriteOptions = {}): Promise<void> {
    try {
      assertSafeArgument(line, 'command');
    } catch (error) {
      return Promise.reject(error);
    }
    if ((options.transcript ?? 'full') === 'full') this.transcript.client(line, options.redact);
    return this.send(`${line}\r\n`);
  }

  /**
   * Writes several command lines in one socket write (a pipelined group, RFC 2920), each checked
   * like writeLine() before anything is written and recorded separately in the transcript;
   * `tail` is raw data sent right after the last line in the same write.
   */
  writeLines(lines: readonly string[], tail?: Uint8Array): Promise<void> {
    try {
      for (const line of lines) assertSafeArgument(line, 'command');
    } catch (error) {
      return Promise.reject(error);
    }
    for (const line of lines) this.transcript.client(line);
    const text = Buffer.from(lines.map((line) => `${line}\r\n`).join(''), 'utf8');
    if (tail === undefined) return this.send(text);
    // Raw bytes that belong to the last command (BDAT data, a LITERAL+ literal) go in the same
    // write: split across two small writes they meet Nagle and delayed ACKs (a 40 ms stall).
    this.transcript.client(`[${tail.length} bytes]`);
    return this.send(Buffer.concat([text, tail]));
  }

  /**
   * Writes raw bytes (message data, literals). Resolves once the socket accepted them, waiting
   * for 'drain' under the command timeout when its buffer is full.
   */
  write(data: string | Uint8Array, options: WriteOptions = {}): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    const mode = options.transcript ?? 'full';
    if (mode === 'summary') {
      this.transcript.client(`[${typeof data === 'string' ? Buffer.byteLength(data) : data.length} bytes]`, options.redact);
    } else if (mode === 'full') {
      const text = (typeof data === 'string' ? data : Buffer.from(data).toString('utf8')).replace(/\r?\n$/, '');
      this.transcript.client(text, options.redact);
    }
    return this.send(data);
  }

  /** Hands bytes to the socket; waits for 'drain' (under the command timeout) when it is full. */
  private send(data: string | Uint8Array): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    const flushed = this.socket.write(data);
    if (flushed) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const socket = this.socket;
      const cleanup = (): void => {
        clearTimeout(timer);
        socket.off('drain', onDrain);
        socket.off('close', onClose);
      };
      const onDrain = (): void => {
        cleanup();
        resolve();
      };
      const onClose = (): void => {
        cleanup();
        reject(this.failure ?? new MailError('connection-closed', 'The server closed the connection.', { transient: true }));
      };
      const timer = setTimeout(() => {
        cleanup();
        const error = new MailError('command-timeout', 'The server stopped accepting data.', { transient: true });
        this.fail(error);
        reject(error);
      }, this.timeouts.command);
      socket.on('drain', onDrain);
      socket.on('close', onClose);
    });
  }

  /**
   * STARTTLS (RFC 3207 §4.2, RFC 2595 §3.1): call right after the server's positive reply to
   * STARTTLS/STLS. Anything the server sent after that reply and before the handshake is a
   * response-injection attack (CVE-2011-0411): it fails with 'starttls-injection' and the
   * connection is closed. After the upgrade the caller must forget every capability learned
   * before it and ask again (RFC 3207 §4.2, RFC 3501 §6.2.1, RFC 2595 §4).
   */
  async upgradeToTls(): Promise<TlsInfo> {
    if (this.failure) throw this.failure;
    if (this.tlsInfo) throw new MailError('protocol-error', 'The connection is already encrypted.');
    if (this.queue.length > 0) throw new MailError('protocol-error', 'Cannot start TLS while reads are pending.');
    if (this.input.length > 0) {
      const bytes = this.input.clear();
      const error = new MailError(
        'starttls-injection',
        'The server sent data after its STARTTLS reply and before the TLS handshake; the connection was closed because that data could be injected by an attacker.',
        { details: { bytes } },
      );
      this.fail(error);
      throw error;
    }
    const plain = this.socket;
    this.detach();
    const { ca, servername } = tlsTrust(this.options);
    this.transcript.info('starting TLS handshake');
    const secure = tls.connect({
      socket: plain,
      rejectUnauthorized: false,
      minVersion: 'TLSv1.2',
      ...(servername ? { servername } : {}),
      ...(ca ? { ca } : {}),
    });
    this.socket = secure;
    try {
      this.tlsInfo = await finishHandshake(secure, this.options, this.timeouts.connect);
    } catch (error) {
      const failure = error instanceof MailError ? error : new MailError('tls-failed', 'The TLS handshake failed.', { cause: error });
      secure.destroy();
      plain.destroy();
      this.failure = failure;
      this.failAll(failure);
      throw failure;
    }
    this.attach(secure);
    this.transcript.info(describeTls(this.tlsInfo));
    return this.tlsInfo;
  }

  /** Closes politely (FIN) after pending writes; pending reads fail with 'connection-closed'. */
  close(): void {
    if (this.failure) return;
    this.failure = new MailError('connection-closed', 'The connection was closed.', { transient: true });
    this.transcript.info('closed by client');
    this.socket.end();
    this.failAll(this.failure);
    this.cleanupSignal();
    const socket = this.socket;
    setTimeout(() => socket.destroy(), 1000).unref();
  }

  /** Fails every read with `error` and closes the socket immediately. */
  fail(error: MailError): void {
    if (this.failure) return;
    this.failure = error;
    this.transcript.info(`connection failed: ${error.code}`);
    this.socket.destroy();
    this.failAll(error);
    this.cleanupSignal();
  }

  private attach(socket: Duplex): void {
    const onData = (chunk: Buffer | string): void => {
      this.input.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
      if (this.queue.length > 0) this.armTimer();
      this.pump();
      if (this.input.length > READ_HIGH_WATER_MARK) socket.pause();
    };
    const onEnd = (): void => {
      this.handleClosed(undefined);
    };
    const onError = (error: Error): void => {
      this.handleClosed(error);
    };
    socket.on('data', onData);
    socket.on('end', onEnd);
    socket.on('close', onEnd);
    socket.on('error', onError);
    this.detach = () => {
      socket.off('data', onData);
      socket.off('end', onEnd);
      socket.off('close', onEnd);
      socket.off('error', onError);
      // Keep a late 'error' during the handover from crashing the process; the TLS socket reports it.
      socket.on('error', () => {});
    };
  }

  private handleClosed(cause: Error | undefined): void {
    if (this.failure) return;
    // Data that already arrived may still satisfy reads (a final reply followed by a close).
    this.pump();
    const error = new MailError('connection-closed', 'The server closed the connection.', {
      transient: true,
      ...(cause ? { cause } : {}),
    });
    this.failure = error;
    this.transcript.info(cause ? `connection lost: ${cause.message}` : 'closed by server');
    this.failAll(error);
    this.cleanupSignal();
    this.socket.destroy();
  }

  private enqueue(request: Pending): void {
    if (this.failure) {
      request.reject(this.failure);
      return;
    }
    this.queue.push(request);
    if (this.queue.length === 1) this.armTimer();
    this.pump();
  }

  /** Serves queued reads from the buffered input, in order, as far as it goes. */
  private pump(): void {
    for (;;) {
      const head = this.queue[0];
      if (head === undefined) break;
      if (!this.serve(head)) break;
      this.queue.shift();
      this.clearTimer();
      if (this.queue.length > 0) this.armTimer();
    }
    if (this.input.length <= READ_HIGH_WATER_MARK && this.socket.isPaused()) this.socket.resume();
  }

  private serve(request: Pending): boolean {
    switch (request.kind) {
      case 'line': {
        const lf = this.input.indexOf(0x0a, request.scanned);
        if (lf === -1) {
          request.scanned = this.input.length;
          if (this.input.length > this.maxLineLength + 1) {
            this.fail(new MailError('line-too-long', `The server sent a line longer than ${this.maxLineLength} bytes.`));
          }
          return false;
        }
        if (lf > this.maxLineLength + 1) {
          this.fail(new MailError('line-too-long', `The server sent a line longer than ${this.maxLineLength} bytes.`));
          return false;
        }
        request.resolve(this.input.take(lf + 1));
        return true;
      }
      case 'bytes':
        if (this.input.length < request.count) return false;
        request.resolve(this.input.take(request.count));
        return true;
      case 'some':
        if (this.input.length === 0) return false;
        request.resolve(this.input.takeSome(request.max));
        return true;
    }
  }

  private armTimer(): void {
    this.clearTimer();
    const head = this.queue[0];
    if (head === undefined) return;
    const kind = head.timeout;
    this.timer = setTimeout(() => {
      this.fail(new MailError(TIMEOUT_CODES[kind], TIMEOUT_MESSAGES[kind], { transient: true, details: { timeoutMs: this.timeouts[kind] } }));
    }, this.timeouts[kind]);
  }

  private clearTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private failAll(error: MailError): void {
    this.clearTimer();
    const pending = this.queue.splice(0);
    for (const request of pending) request.reject(error);
  }

  private cleanupSignal(): void {
    this.clearTimer();
    this.options.signal?.removeEventListener('abort', this.onAbort);
  }
}

let environmentCache: string[] | undefined;

/** The PEM certificates in NODE_EXTRA_CA_CERTS, read once; none when unset or unreadable. */
function environmentCertificates(): string[] {
  if (environmentCache === undefined) {
    const file = process.env['NODE_EXTRA_CA_CERTS'];
    let text = '';
    try {
      text = file ? readFileSync(file, 'utf8') : '';
    } catch {
      // Node itself only warns about an unreadable file; so do we, by ignoring it.
    }
    environmentCache = text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  }
  return environmentCache;
}

/** The trust settings shared by implicit TLS and STARTTLS. */
export function tlsTrust(options: Pick<ConnectionOptions, 'ca' | 'servername' | 'host'>): {
  ca: Array<string | Buffer> | undefined;
  servername: string | undefined;
} {
  // Node replaces its default roots when `ca` is given, so the extra CA is added to them (and
  // to the administrator's NODE_EXTRA_CA_CERTS, which Node would otherwise drop as well).
  const extra = options.ca === undefined ? [] : Array.isArray(options.ca) ? [...(options.ca as Array<string | Buffer>)] : [options.ca as string | Buffer];
  const ca = extra.length > 0 ? [...tls.rootCertificates, ...environmentCertificates(), ...extra] : undefined;
  const name = options.servername ?? options.host;
  // SNI must not carry an IP address (RFC 6066 §3); the certificate check still uses the host.
  const servername = /^[\d.]+$|:/.test(name) ? undefined : name;
  return { ca, servername };
}

/** Waits for the handshake under a timeout, then verifies the peer (see verifyPeer). */
export function finishHandshake(
  socket: tls.TLSSocket,
  options: Pick<ConnectionOptions, 'pinnedSha256' | 'signal'>,
  timeoutMs: number,
): Promise<TlsInfo> {
  return new Promise<TlsInfo>((resolve, reject) => {
    const cleanup = (): void => {
      clearTimeout(timer);
      socket.off('secureConnect', onSecure);
      socket.off('error', onError);
      socket.off('close', onClose);
      options.signal?.removeEventListener('abort', onAbort);
    };
    const onSecure = (): void => {
      cleanup();
      try {
        resolve(verifyPeer(socket, options.pinnedSha256));
      } catch (error) {
        reject(error);
      }
    };
    const onError = (error: Error): void => {
      cleanup();
      reject(new MailError('tls-failed', `The TLS handshake failed: ${error.message}`, { cause: error }));
    };
    const onClose = (): void => {
      cleanup();
      reject(new MailError('tls-failed', 'The server closed the connection during the TLS handshake.', { transient: true }));
    };
    const onAbort = (): void => {
      cleanup();
      reject(new MailError('cancelled', 'The operation was cancelled.'));
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new MailError('connect-timeout', 'The TLS handshake did not finish in time.', { transient: true }));
    }, timeoutMs);
    socket.once('secureConnect', onSecure);
    socket.once('error', onError);
    socket.once('close', onClose);
    if (options.signal?.aborted) onAbort();
    else options.signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export function describeTls(info: TlsInfo): string {
  const c = info.certificate;
  return `TLS ${info.protocol} ${info.cipher}; certificate subject "${c.subject}", issuer "${c.issuer}", valid ${c.validFrom} to ${c.validTo}, SHA-256 ${c.sha256Fingerprint}${info.pinned ? ' (accepted by pin)' : ''}`;
}
