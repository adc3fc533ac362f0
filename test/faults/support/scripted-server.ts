/**
 * Scripted servers for fault tests: a real TCP listener on 127.0.0.1 (port 0) whose every
 * connection is driven by a test's own script, so a test can make a server misbehave in exactly
 * the way real servers will not (inject data, drop mid-transfer, never answer, send garbage).
 * Independent of core/net on purpose: the server side must not share the code under test.
 */
import * as net from 'node:net';
import * as tls from 'node:tls';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';

export interface ScriptedPeer {
  /** Writes raw text or bytes (add your own CRLF). */
  send(data: string | Buffer): void;
  /** Writes text followed by CRLF. */
  sendLine(line: string): void;
  /** Next line from the client without its CRLF; rejects when the client closes first. */
  readLine(): Promise<string>;
  /** Reads one line and throws unless it matches. */
  expectLine(pattern: RegExp | string): Promise<string>;
  /** Reads exactly n bytes. */
  readBytes(n: number): Promise<Buffer>;
  /** Reads lines until a line equal to `terminator` (e.g. "." after SMTP DATA); returns them. */
  readUntil(terminator: string): Promise<string[]>;
  /** Server side of a TLS handshake on this connection (STARTTLS). */
  startTls(): Promise<void>;
  /** Graceful close. */
  end(): void;
  /** Abrupt close (RST-like). */
  destroy(): void;
  /** Resolves when the client has closed the connection. */
  readonly closed: Promise<void>;
  /** Every line the client sent, in order. */
  readonly lines: string[];
}

export interface ScriptedServer {
  readonly host: string;
  readonly port: number;
  /** Errors thrown by scripts (a failed expectLine, etc.), for assertions. */
  readonly errors: Error[];
  /** Resolves once every connection's script has finished. */
  settled(): Promise<void>;
  close(): Promise<void>;
}

export interface ScriptedServerOptions {
  /** Key and certificate for implicit TLS or startTls(). */
  readonly tls?: { readonly key: string | Buffer; readonly cert: string | Buffer };
  /** Accept connections with TLS from the first byte. */
  readonly implicitTls?: boolean;
}

class Peer implements ScriptedPeer {
  readonly lines: string[] = [];
  readonly closed: Promise<void>;
  private buffer = Buffer.alloc(0);
  private waiter: (() => void) | undefined;
  private ended = false;
  private socket: Duplex;

  constructor(socket: Duplex, private readonly options: ScriptedServerOptions) {
    this.socket = socket;
    this.closed = new Promise((resolve) => socket.once('close', () => resolve()));
    this.listen(socket);
  }

  private listen(socket: Duplex): void {
    socket.on('data', this.onData);
    socket.on('end', this.onEnd);
    socket.on('close', this.onEnd);
    socket.on('error', () => this.onEnd());
  }

  private readonly onData = (chunk: Buffer): void => {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    this.wake();
  };

  private readonly onEnd = (): void => {
    this.ended = true;
    this.wake();
  };

  private wake(): void {
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter?.();
  }

  private async waitFor<T>(take: () => T | undefined): Promise<T> {
    for (;;) {
      const value = take();
      if (value !== undefined) return value;
      if (this.ended) throw new Error('client closed the connection');
      await new Promise<void>((resolve) => {
        this.waiter = resolve;
      });
    }
  }

  send(data: string | Buffer): void {
    if (!this.socket.destroyed) this.socket.write(data);
  }

  sendLine(line: string): void {
    this.send(`${line}\r\n`);
  }

  readLine(): Promise<string> {
    return this.waitFor(() => {
      const lf = this.buffer.indexOf(0x0a);
      if (lf === -1) return undefined;
      const line = this.buffer.subarray(0, lf).toString('utf8').replace(/\r$/, '');
      this.buffer = this.buffer.subarray(lf + 1);
      this.lines.push(line);
      return line;
    });
  }

  async expectLine(pattern: RegExp | string): Promise<string> {
    const line = await this.readLine();
    const ok = typeof pattern === 'string' ? line === pattern : pattern.test(line);
    if (!ok) throw new Error(`expected ${String(pattern)}, client sent ${JSON.stringify(line)}`);
    return line;
  }

  readBytes(n: number): Promise<Buffer> {
    return this.waitFor(() => {
      if (this.buffer.length < n) return undefined;
      const out = this.buffer.subarray(0, n);
      this.buffer = this.buffer.subarray(n);
      return out;
    });
  }

  async readUntil(terminator: string): Promise<string[]> {
    const out: string[] = [];
    for (;;) {
      const line = await this.readLine();
      if (line === terminator) return out;
      out.push(line);
    }
  }

  async startTls(): Promise<void> {
    const creds = this.options.tls;
    if (!creds) throw new Error('startTls() needs ScriptedServerOptions.tls');
    const plain = this.socket;
    plain.off('data', this.onData);
    plain.off('end', this.onEnd);
    plain.off('close', this.onEnd);
    const secure = new tls.TLSSocket(plain as net.Socket, { isServer: true, key: creds.key, cert: creds.cert });
    this.socket = secure;
    this.listen(secure);
    await new Promise<void>((resolve, reject) => {
      secure.once('secure', () => resolve());
      secure.once('error', reject);
      secure.once('close', () => reject(new Error('closed during handshake')));
    });
  }

  end(): void {
    this.socket.end();
  }

  destroy(): void {
    this.socket.destroy();
  }
}

/**
 * Drives the server end of an in-process socket pair (test/faults/support/socket-pair.ts) with
 * the same script API, for unit tests that need no TCP at all.
 */
export function scriptPeer(socket: Duplex): ScriptedPeer {
  return new Peer(socket, {});
}

/** Starts a server whose connections each run `script`; close() it in afterEach. */
export async function startScriptedServer(
  script: (peer: ScriptedPeer) => Promise<void>,
  options: ScriptedServerOptions = {},
): Promise<ScriptedServer> {
  const errors: Error[] = [];
  const running = new Set<Promise<void>>();
  const sockets = new Set<net.Socket>();
  const onSocket = (socket: net.Socket): void => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    const peer = new Peer(socket, options);
    const run = script(peer)
      .catch((error: unknown) => {
        errors.push(error instanceof Error ? error : new Error(String(error)));
        socket.destroy();
      })
      .finally(() => running.delete(run));
    running.add(run);
  };
  const server =
    options.implicitTls && options.tls
      ? tls.createServer({ key: options.tls.key, cert: options.tls.cert }, onSocket)
      : net.createServer(onSocket);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    host: '127.0.0.1',
    port,
    errors,
    async settled() {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
