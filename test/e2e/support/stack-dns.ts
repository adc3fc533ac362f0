/**
 * The name server the web host under test uses as its only resolver: it knows the mail domain
 * the way a real provider's DNS would for a small self-hosted domain, A records for imap., mail.
 * and smtp.tegami.test (pointing at the stack's Dovecot and Postfix addresses) and nothing else:
 * no autoconfig host, no MX, no SRV, so the account wizard has to guess.
 *
 * glibc's resolver (getaddrinfo, used for every connection) only talks to port 53, so the server
 * listens on port 53 of an address of its own in 127.0.0.0/8, chosen at random so two test files
 * never collide. The replies come from the discovery tests' DNS module (answer()).
 */
import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import { randomInt } from 'node:crypto';
import { answer, decodeQuestion, type ZoneEntry } from '../../core/accounts/support/dns-server.js';
import type { ServersDescriptor } from '../../servers/descriptor.js';

const BIND_ATTEMPTS = 20;

export interface StackDns {
  /** The IPv4 address (port 53) to write into resolv.conf. */
  readonly address: string;
  /** Every name asked, in order ("imap.tegami.test A"). */
  readonly queries: string[];
  close(): Promise<void>;
}

export function stackZone(servers: ServersDescriptor): Record<string, ZoneEntry> {
  const dovecot = servers.imap.tls.host;
  const postfix = servers.smtp.submission.host;
  return {
    [servers.domain]: {},
    [`imap.${servers.domain}`]: { a: [dovecot] },
    [`mail.${servers.domain}`]: { a: [dovecot] },
    [`smtp.${servers.domain}`]: { a: [postfix] },
  };
}

function bind(socket: Socket, address: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error): void => reject(error);
    socket.once('error', onError);
    socket.bind(53, address, () => {
      socket.off('error', onError);
      resolve();
    });
  });
}

export async function startStackDns(servers: ServersDescriptor): Promise<StackDns> {
  const zone = new Map(Object.entries(stackZone(servers)));
  const queries: string[] = [];
  let lastError: unknown;
  for (let attempt = 0; attempt < BIND_ATTEMPTS; attempt += 1) {
    const address = `127.53.${randomInt(1, 255)}.${randomInt(1, 255)}`;
    const socket = createSocket('udp4');
    try {
      await bind(socket, address);
    } catch (error) {
      lastError = error;
      socket.close();
      continue;
    }
    socket.on('message', (message: Buffer, remote: RemoteInfo) => {
      try {
        const question = decodeQuestion(message);
        queries.push(`${question.name} ${question.type}`);
        const reply = answer(message, zone, new Set());
        if (reply !== null) socket.send(reply, remote.port, remote.address);
      } catch {
        // Not a query we understand: no answer, as a real server would do.
      }
    });
    return { address, queries, close: () => new Promise<void>((resolve) => socket.close(() => resolve())) };
  }
  throw new Error(`Could not bind a DNS server to port 53 of a 127.53.x.y address (root is needed): ${String(lastError)}`);
}
