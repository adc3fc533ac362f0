/**
 * The server end of an in-process connection for POP3 client tests: a test reads the client's
 * command lines and writes the replies itself, so every byte the client sends is checked.
 */
import type { TlsInfo } from '../../../../core/net/certificate.js';
import { Connection } from '../../../../core/net/connection.js';
import { socketPair, type SocketEnd } from '../../../faults/support/socket-pair.js';

export class FakePeer {
  private buffer = Buffer.alloc(0);
  private waiter: (() => void) | undefined;
  private ended = false;

  constructor(readonly end: SocketEnd) {
    end.on('data', (chunk: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      this.wake();
    });
    end.on('end', () => {
      this.ended = true;
      this.wake();
    });
  }

  private wake(): void {
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter?.();
  }

  /** The next command line from the client, without CRLF; throws unless it ended in CRLF. */
  async line(): Promise<string> {
    for (;;) {
      const lf = this.buffer.indexOf(0x0a);
      if (lf !== -1) {
        const raw = this.buffer.subarray(0, lf + 1).toString('utf8');
        this.buffer = this.buffer.subarray(lf + 1);
        if (!raw.endsWith('\r\n')) throw new Error(`client line without CRLF: ${JSON.stringify(raw)}`);
        return raw.slice(0, -2);
      }
      if (this.ended) throw new Error('client closed the connection');
      await new Promise<void>((resolve) => {
        this.waiter = resolve;
      });
    }
  }

  /** Reads one line, checks it, and sends the reply (lines joined with CRLF). */
  async expect(command: string, ...reply: string[]): Promise<void> {
    const got = await this.line();
    if (got !== command) throw new Error(`expected ${JSON.stringify(command)}, client sent ${JSON.stringify(got)}`);
    if (reply.length > 0) this.send(`${reply.join('\r\n')}\r\n`);
  }

  send(data: string | Buffer): void {
    this.end.write(data);
  }

  /** True once the client closed its side. */
  get closed(): boolean {
    return this.ended;
  }

  /** Nothing more arrived from the client beyond what was read. */
  get unread(): string {
    return this.buffer.toString('utf8');
  }
}

export function fakeConnection(options: { encrypted?: boolean; allowInsecureAuth?: boolean } = {}): { connection: Connection; peer: FakePeer } {
  const [client, server] = socketPair();
  // An in-process pair cannot do TLS; `encrypted` tells the connection to behave as if the
  // handshake had happened, to test what the client does on an encrypted session.
  const tls: TlsInfo = {
    protocol: 'TLSv1.3',
    cipher: 'TLS_AES_128_GCM_SHA256',
    verified: true,
    pinned: false,
    certificate: { subject: 'CN=pop.fake.test', issuer: 'CN=Test', validFrom: '', validTo: '', altNames: [], sha256Fingerprint: '', serialNumber: '' },
  };
  const connection = new Connection(client, {
    host: 'pop.fake.test',
    security: 'none',
    allowInsecureAuth: options.allowInsecureAuth ?? false,
    ...(options.encrypted ? { tls } : {}),
  });
  return { connection, peer: new FakePeer(server) };
}
