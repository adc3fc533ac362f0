/**
 * A tiny line-oriented client for typing protocol conversations in tests and helpers: connect
 * (plain or implicit TLS), read CRLF lines and SMTP replies, write commands, upgrade in place
 * with STARTTLS/STLS. Verification is always on: the descriptor's CA, servername 'localhost'.
 */
import { connect as connectTcp, type Socket } from 'node:net';
import { connect as connectTls, type TLSSocket } from 'node:tls';
import type { Endpoint } from './descriptor.js';

const DEFAULT_TIMEOUT_MS = 15_000;

export interface SmtpReply {
  readonly code: number;
  /** Every line of the reply without the "250-" prefixes. */
  readonly lines: readonly string[];
  readonly text: string;
}

export class WireSession {
  private buffer: Buffer = Buffer.alloc(0);
  private waiter: (() => void) | undefined;
  private failure: Error | undefined;
  private closed = false;
  private readonly onData = (chunk: Buffer): void => {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    this.wake();
  };

  private constructor(
    private socket: Socket,
    private readonly ca: string,
    readonly timeoutMs: number,
  ) {
    this.attach(socket);
  }

  static async open(endpoint: Endpoint, ca: string, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<WireSession> {
    const socket =
      endpoint.security === 'tls'
        ? connectTls({ host: endpoint.host, port: endpoint.port, ca, servername: 'localhost' })
        : connectTcp({ host: endpoint.host, port: endpoint.port });
    await new Promise<void>((resolve, reject) => {
      socket.once(endpoint.security === 'tls' ? 'secureConnect' : 'connect', () => resolve());
      socket.once('error', reject);
    });
    return new WireSession(socket, ca, timeoutMs);
  }

  get encrypted(): boolean {
    return (this.socket as Partial<TLSSocket>).encrypted === true;
  }

  get tlsSocket(): TLSSocket | undefined {
    return this.encrypted ? (this.socket as TLSSocket) : undefined;
  }

  private attach(socket: Socket): void {
    socket.on('data', this.onData);
    socket.on('error', (error) => {
      this.failure = error;
      this.wake();
    });
    socket.on('close', () => {
      this.closed = true;
      this.wake();
    });
  }

  private wake(): void {
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter?.();
  }

  /** The next line without its CRLF; throws on timeout or when the server closes first. */
  async readLine(): Promise<string> {
    const deadline = Date.now() + this.timeoutMs;
    for (;;) {
      const end = this.buffer.indexOf('\r\n');
      if (end >= 0) {
        const line = this.buffer.subarray(0, end).toString('utf8');
        this.buffer = this.buffer.subarray(end + 2);
        return line;
      }
      if (this.failure !== undefined) throw this.failure;
      if (this.closed) throw new Error(`connection closed while waiting for a line (have: ${JSON.stringify(this.buffer.toString('utf8'))})`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no line from the server within ${this.timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiter = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  /** Reads lines until one matches (e.g. a tagged IMAP response); returns all lines read. */
  async readUntil(last: RegExp): Promise<string[]> {
    const lines: string[] = [];
    for (;;) {
      const line = await this.readLine();
      lines.push(line);
      if (last.test(line)) return lines;
    }
  }

  /** One SMTP reply, multi-line replies included (RFC 5321 section 4.2.1). */
  async readReply(): Promise<SmtpReply> {
    const lines: string[] = [];
    for (;;) {
      const line = await this.readLine();
      const match = /^(\d{3})([ -])(.*)$/.exec(line) ?? /^(\d{3})()()$/.exec(line);
      if (match === null) throw new Error(`not an SMTP reply line: ${JSON.stringify(line)}`);
      lines.push(match[3] ?? '');
      if (match[2] !== '-') return { code: Number(match[1]), lines, text: lines.join('\n') };
    }
  }

  write(data: string | Uint8Array): Promise<void> {
    return new Promise((resolve, reject) => {
      this.socket.write(data, (error) => (error ? reject(error) : resolve()));
    });
  }

  /** Writes one command line (CRLF appended) and returns the SMTP reply. */
  async command(line: string): Promise<SmtpReply> {
    await this.write(`${line}\r\n`);
    return this.readReply();
  }

  /** Upgrades this connection to TLS after a successful STARTTLS/STLS reply (RFC 3207, 2595). */
  async startTls(): Promise<void> {
    if (this.buffer.length > 0) throw new Error('plaintext data after the STARTTLS reply (possible injection)');
    const plain = this.socket;
    plain.removeListener('data', this.onData);
    const secure = connectTls({ socket: plain, ca: this.ca, servername: 'localhost' });
    await new Promise<void>((resolve, reject) => {
      secure.once('secureConnect', () => resolve());
      secure.once('error', reject);
    });
    this.socket = secure;
    this.attach(secure);
  }

  close(): void {
    this.socket.destroy();
  }
}
