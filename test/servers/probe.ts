/**
 * "Does this port answer?": connect (with verified TLS where the port is implicit TLS) and read
 * the server's greeting line. A port only counts as up once its greeting arrives.
 */
import { connect as connectTcp, type Socket } from 'node:net';
import { connect as connectTls } from 'node:tls';
import type { Endpoint } from './descriptor.js';

export type GreetingKind = 'smtp' | 'imap' | 'pop3';

const GREETING: Record<GreetingKind, RegExp> = {
  smtp: /^220[ -]/,
  imap: /^\* OK\b/,
  pop3: /^\+OK\b/,
};

export function readGreeting(endpoint: Endpoint, caPem: string, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket: Socket =
      endpoint.security === 'tls'
        ? connectTls({ host: endpoint.host, port: endpoint.port, ca: caPem, servername: 'localhost' })
        : connectTcp({ host: endpoint.host, port: endpoint.port });
    let buffered = '';
    const timer = setTimeout(() => finish(new Error(`no greeting from ${endpoint.host}:${endpoint.port} within ${timeoutMs} ms`)), timeoutMs);
    function finish(outcome: Error | string): void {
      clearTimeout(timer);
      socket.destroy();
      if (typeof outcome === 'string') resolve(outcome);
      else reject(outcome);
    }
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      buffered += chunk;
      const end = buffered.indexOf('\r\n');
      if (end >= 0) finish(buffered.slice(0, end));
    });
    socket.once('error', (error) => finish(error));
    socket.once('close', () => finish(new Error(`${endpoint.host}:${endpoint.port} closed before greeting`)));
  });
}

/** Resolves once the endpoint greets as `kind`; retries until `timeoutMs`, then throws. */
export async function waitForGreeting(endpoint: Endpoint, kind: GreetingKind, caPem: string, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const greeting = await readGreeting(endpoint, caPem, Math.max(500, deadline - Date.now()));
      if (GREETING[kind].test(greeting)) return greeting;
      lastError = new Error(`unexpected ${kind} greeting on port ${endpoint.port}: ${greeting}`);
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      const reason = lastError instanceof Error ? lastError.message : String(lastError);
      throw new Error(`port ${endpoint.port} (${kind}) does not answer: ${reason}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
