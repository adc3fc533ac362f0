/**
 * Plays a recorded IMAP conversation (test/fixtures/imap/*.imap) against the client over an
 * in-process socket pair. "S: " lines are sent by the fake server (consecutive ones in one
 * write, each followed by CRLF); "C: " lines must be exactly what the client writes next.
 * "#" lines are comments. The client tags its commands T1, T2, … so scripts are stable.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ImapClient, type ImapClientOptions } from '../../../../core/imap/client.js';
import { Connection } from '../../../../core/net/index.js';
import { socketPair, type SocketEnd } from '../../../faults/support/socket-pair.js';

export type Step = { readonly from: 'S' | 'C'; readonly text: string };

const FIXTURES = fileURLToPath(new URL('../../../fixtures/imap/', import.meta.url));

export function loadScript(name: string): Step[] {
  return parseScript(readFileSync(`${FIXTURES}${name}`, 'utf8'), name);
}

/** Parses a script written inline in a test (same format as the fixture files). */
export function parseScript(text: string, name = 'inline script'): Step[] {
  const steps: Step[] = [];
  for (const line of text.split('\n')) {
    if (line.startsWith('#') || line.trim() === '') continue;
    const m = /^([SC]): ?(.*)$/.exec(line.replace(/\r$/, ''));
    if (m === null) throw new Error(`bad fixture line in ${name}: ${line}`);
    steps.push({ from: m[1] as 'S' | 'C', text: m[2] ?? '' });
  }
  return steps;
}

export interface Played {
  readonly client: ImapClient;
  /** Resolves when the script has run to its end; rejects on the first mismatch. */
  readonly finished: Promise<void>;
  readonly server: SocketEnd;
}

/** Runs `steps` as the server and connects a client to it. */
export async function play(steps: readonly Step[], options: Partial<ImapClientOptions> = {}): Promise<Played> {
  const [clientEnd, serverEnd] = socketPair();
  const finished = runServer(serverEnd, steps).catch((error: unknown) => {
    // Cut the client off at once so the test fails with this message instead of a timeout.
    process.stderr.write(`conversation: ${error instanceof Error ? error.message : String(error)}\n`);
    serverEnd.destroy();
    throw error;
  });
  finished.catch(() => undefined);
  const client = await ImapClient.connect({
    host: 'localhost',
    port: 143,
    security: 'none',
    allowInsecureAuth: true,
    connector: async (o) => new Connection(clientEnd, { host: o.host, security: 'none', allowInsecureAuth: true }),
    ...options,
  });
  return { client, finished, server: serverEnd };
}

async function runServer(end: SocketEnd, steps: readonly Step[]): Promise<void> {
  let buffer = '';
  let waiter: (() => void) | undefined;
  let closed = false;
  end.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('utf8');
    waiter?.();
  });
  end.on('end', () => {
    closed = true;
    waiter?.();
  });
  const nextLine = async (): Promise<string> => {
    for (;;) {
      const i = buffer.indexOf('\r\n');
      if (i !== -1) {
        const line = buffer.slice(0, i);
        buffer = buffer.slice(i + 2);
        return line;
      }
      if (closed) throw new Error('client closed the connection');
      await new Promise<void>((r) => (waiter = r));
      waiter = undefined;
    }
  };
  let i = 0;
  while (i < steps.length) {
    const step = steps[i];
    if (step === undefined) break;
    if (step.from === 'S') {
      let out = '';
      while (steps[i]?.from === 'S') out += `${steps[i++]?.text ?? ''}\r\n`;
      end.write(out);
      continue;
    }
    const got = await nextLine();
    if (got !== step.text) throw new Error(`script step ${i}: expected client line\n  ${step.text}\ngot\n  ${got}`);
    i++;
  }
}
