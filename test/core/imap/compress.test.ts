/**
 * COMPRESS=DEFLATE (RFC 4978) over an in-process socket pair whose server side really
 * deflates and inflates after its OK, so both directions are checked byte for byte.
 */
import * as zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ImapClient } from '../../../core/imap/client.js';
import { Connection } from '../../../core/net/index.js';
import { socketPair } from '../../faults/support/socket-pair.js';

describe('COMPRESS=DEFLATE', () => {
  it('switches both directions to raw deflate right after the OK', async () => {
    const [clientEnd, serverEnd] = socketPair();
    const received: string[] = [];
    let compressed = false;
    const inflate = zlib.createInflateRaw();
    const deflate = zlib.createDeflateRaw();
    deflate.on('data', (chunk: Buffer) => serverEnd.write(chunk));
    const send = (text: string): void => {
      if (!compressed) {
        serverEnd.write(text);
        return;
      }
      deflate.write(text);
      deflate.flush(zlib.constants.Z_SYNC_FLUSH);
    };
    let pending = '';
    const onLine = (line: string): void => {
      received.push(line);
      if (line === 'T1 AUTHENTICATE PLAIN AGFsaWNlAHNlY3JldA==') send('T1 OK [CAPABILITY IMAP4rev1 COMPRESS=DEFLATE NAMESPACE] in\r\n');
      else if (line === 'T2 COMPRESS DEFLATE') {
        send('T2 OK DEFLATE active\r\n');
        compressed = true;
      } else if (line === 'T3 NAMESPACE') send('* NAMESPACE (("" "/")) NIL NIL\r\nT3 OK done\r\n');
      else if (line === 'T4 STATUS "INBOX" (MESSAGES)') send(`* STATUS "INBOX" (MESSAGES 42)\r\n${'* OK padding\r\n'.repeat(200)}T4 OK done\r\n`);
    };
    const lines = (text: string): void => {
      pending += text;
      for (let i = pending.indexOf('\r\n'); i !== -1; i = pending.indexOf('\r\n')) {
        onLine(pending.slice(0, i));
        pending = pending.slice(i + 2);
      }
    };
    inflate.on('data', (chunk: Buffer) => lines(chunk.toString('utf8')));
    serverEnd.on('data', (chunk: Buffer) => (compressed ? inflate.write(chunk) : lines(chunk.toString('utf8'))));
    serverEnd.write('* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN SASL-IR] ready\r\n');

    const client = await ImapClient.connect({
      host: 'localhost',
      port: 143,
      security: 'none',
      allowInsecureAuth: true,
      auth: { user: 'alice', password: 'secret' },
      compress: true,
      connector: async (o) => new Connection(clientEnd, { host: o.host, security: 'none', allowInsecureAuth: true }),
    });
    expect(await client.run('namespace')).toEqual({ personal: [{ prefix: '', delimiter: '/' }], other: [], shared: [] });
    expect(await client.run('status', 'INBOX', ['MESSAGES'])).toEqual({ path: 'INBOX', messages: 42 });
    expect(received).toEqual(['T1 AUTHENTICATE PLAIN AGFsaWNlAHNlY3JldA==', 'T2 COMPRESS DEFLATE', 'T3 NAMESPACE', 'T4 STATUS "INBOX" (MESSAGES)']);
    // What went over the wire after COMPRESS was not plain text.
    expect(clientEnd.writtenText()).not.toContain('NAMESPACE\r\n');
    client.close();
  });
});
