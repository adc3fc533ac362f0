/**
 * The outbox against scripted SMTP servers, for the faults a real server will not produce on
 * demand: a connection dropped after the message data but before the final reply, and a crash
 * between recording the attempt and the reply.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSmtp } from '../../../core/smtp/index.js';
import { Outbox, providerFilesSentMail, type SmtpEndpoint } from '../../../core/sync/outbox.js';
import { startScriptedServer, type ScriptedPeer, type ScriptedServer } from '../../faults/support/scripted-server.js';

let dir: string;
let server: ScriptedServer | undefined;
const MESSAGE = Buffer.from('From: a@out.test\r\nTo: b@out.test\r\nSubject: hi\r\nMessage-ID: <outbox-1@out.test>\r\n\r\nbody\r\n');
const ENVELOPE = { from: 'a@out.test', to: ['b@out.test'] };

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tegami-outbox-'));
});
afterEach(async () => {
  await server?.close();
  server = undefined;
  await rm(dir, { recursive: true, force: true });
});

type Ending = 'accept' | 'drop-after-data' | 'temporary' | 'permanent';

/** An SMTP server without extensions; `ending` decides what follows the message data. */
async function smtpServer(ending: () => Ending, dataSeen: { count: number; readonly data?: string[][]; readonly rcpt?: string[] }): Promise<ScriptedServer> {
  return startScriptedServer(async (peer: ScriptedPeer) => {
    peer.sendLine('220 out.test ESMTP');
    await peer.expectLine(/^EHLO /);
    peer.sendLine('250 out.test');
    for (;;) {
      const line = await peer.readLine().catch(() => 'QUIT');
      if (/^MAIL FROM:/i.test(line)) peer.sendLine('250 2.1.0 Ok');
      else if (/^RCPT TO:/i.test(line)) {
        dataSeen.rcpt?.push(line);
        peer.sendLine('250 2.1.5 Ok');
      } else if (line === 'RSET') peer.sendLine('250 2.0.0 Ok');
      else if (line === 'DATA') {
        peer.sendLine('354 End data with <CR><LF>.<CR><LF>');
        const data = await peer.readUntil('.');
        dataSeen.data?.push(data);
        dataSeen.count++;
        const how = ending();
        if (how === 'drop-after-data') {
          peer.destroy();
          return;
        }
        peer.sendLine(how === 'accept' ? '250 2.0.0 Ok: queued as ABC123' : how === 'temporary' ? '451 4.3.0 Try again later' : '554 5.7.1 Rejected');
      } else if (line === 'QUIT') {
        peer.sendLine('221 2.0.0 Bye');
        peer.end();
        return;
      } else peer.sendLine('502 5.5.2 Unknown');
    }
  });
}

function endpoint(s: ScriptedServer): SmtpEndpoint {
  return { host: s.host, port: s.port, security: 'none', user: 'u', password: 'p' };
}

// The scripted server has no TLS, so no AUTH: connect the way a trusted local relay would.
const plain = (e: SmtpEndpoint) => openSmtp({ host: e.host, port: e.port, security: 'none' });

describe('Outbox', () => {
  it('files a message after the final 250 and forgets it', async () => {
    const seen = { count: 0 };
    server = await smtpServer(() => 'accept', seen);
    const outbox = await Outbox.open('acct', dir);
    await outbox.enqueue(MESSAGE, ENVELOPE);
    const filed: string[] = [];
    const report = await outbox.deliverAll(endpoint(server), async (bytes) => void filed.push(Buffer.from(bytes).toString()), plain);
    expect(report).toEqual({ sent: 1, failed: 0, waiting: 0 });
    expect(filed).toHaveLength(1);
    expect(filed[0]).toContain('outbox-1@out.test');
    expect(outbox.records).toEqual([]);
    expect(await outbox.folder.count()).toBe(0);
  });

  it('a drop after the data marks the message "may have been sent" and never resends it by itself', async () => {
    const seen = { count: 0 };
    let ending: Ending = 'drop-after-data';
    server = await smtpServer(() => ending, seen);
    const outbox = await Outbox.open('acct', dir);
    await outbox.enqueue(MESSAGE, ENVELOPE);
    const filed: unknown[] = [];
    const file = async (b: Uint8Array) => void filed.push(b);
    await outbox.deliverAll(endpoint(server), file, plain);
    expect(seen.count).toBe(1);
    expect(outbox.records[0]).toMatchObject({ state: 'may-have-been-sent' });
    expect(outbox.records[0]?.reason).toMatch(/may have accepted/u);

    // Another round, and a restart: still not sent again.
    ending = 'accept';
    await outbox.deliverAll(endpoint(server), file, plain);
    const restarted = await Outbox.open('acct', dir);
    await restarted.deliverAll(endpoint(server), file, plain);
    expect(seen.count).toBe(1);
    expect(filed).toHaveLength(0);
    expect((await restarted.summaries())[0]?.delivery?.state).toBe('may-have-been-sent');

    // The user decides to send it again.
    await restarted.retry(restarted.records[0]?.uid ?? 0);
    expect(await restarted.deliverAll(endpoint(server), file, plain)).toMatchObject({ sent: 1 });
    expect(seen.count).toBe(2);
    expect(filed).toHaveLength(1);
  });

  it('a crash after recording the attempt (state "sending" on disk) is reconciled on restart without sending', async () => {
    const seen = { count: 0 };
    server = await smtpServer(() => 'accept', seen);
    const outbox = await Outbox.open('acct', dir);
    await outbox.enqueue(MESSAGE, ENVELOPE);
    // What the file holds if the process died between the attempt record and the reply.
    const file = join(dir, 'outbox.json');
    const state = JSON.parse(await readFile(file, 'utf8')) as { records: Array<Record<string, unknown>> };
    state.records = state.records.map((r) => ({ ...r, state: 'sending', attempts: 1 }));
    await writeFile(file, JSON.stringify(state));

    const restarted = await Outbox.open('acct', dir);
    expect(restarted.records[0]?.state).toBe('may-have-been-sent');
    await restarted.deliverAll(endpoint(server), async () => undefined, plain);
    expect(seen.count).toBe(0);
  });

  it('a 4xx keeps the message queued with the reason; a 5xx marks it failed', async () => {
    const seen = { count: 0 };
    let ending: Ending = 'temporary';
    server = await smtpServer(() => ending, seen);
    const outbox = await Outbox.open('acct', dir);
    await outbox.enqueue(MESSAGE, ENVELOPE);
    await outbox.deliverAll(endpoint(server), async () => undefined, plain);
    expect(outbox.records[0]).toMatchObject({ state: 'queued' });
    expect(outbox.records[0]?.reason).toMatch(/Try again later/u);
    ending = 'permanent';
    await outbox.deliverAll(endpoint(server), async () => undefined, plain);
    expect(outbox.records[0]).toMatchObject({ state: 'failed' });
    expect(outbox.records[0]?.reason).toMatch(/Rejected/u);
  });

  it('an unreachable server leaves the message queued with the reason', async () => {
    const outbox = await Outbox.open('acct', dir);
    await outbox.enqueue(MESSAGE, ENVELOPE);
    const report = await outbox.deliverAll({ host: '127.0.0.1', port: 1, security: 'none', user: 'u', password: 'p' }, async () => undefined, plain);
    expect(report).toEqual({ sent: 0, failed: 0, waiting: 1 });
    expect(outbox.records[0]?.reason).toMatch(/^Not sent yet/u);
  });

  // The composer's send and a sync that runs meanwhile (an IDLE wake-up, "Get mail") both
  // deliver the Outbox; each saw the message queued before the other had recorded its attempt.
  it('two deliveries started together send a message once and file it once', async () => {
    const seen = { count: 0 };
    server = await smtpServer(() => 'accept', seen);
    const outbox = await Outbox.open('acct', dir);
    await outbox.enqueue(MESSAGE, ENVELOPE);
    const filed: unknown[] = [];
    const file = async (b: Uint8Array) => void filed.push(b);
    // Both sessions are slow to open, so both rounds start while the message is still queued.
    const slow = async (e: SmtpEndpoint) => {
      await new Promise((resolve) => setTimeout(resolve, 50));
      return plain(e);
    };
    const [first, second] = await Promise.all([outbox.deliverAll(endpoint(server), file, slow), outbox.deliverAll(endpoint(server), file, slow)]);
    expect(seen.count).toBe(1);
    expect(filed).toHaveLength(1);
    expect(first.sent + second.sent).toBe(1);
    expect(outbox.records).toEqual([]);
  });

  // RFC 5322 §3.6.3: the stored copy keeps Bcc for the sender; the submitted data never has it.
  it('submits a message without its Bcc field, to every envelope recipient, and files it with the field', async () => {
    const seen = { count: 0, data: [] as string[][], rcpt: [] as string[] };
    server = await smtpServer(() => 'accept', seen);
    const outbox = await Outbox.open('acct', dir);
    const stored = Buffer.from('From: a@out.test\r\nTo: b@out.test\r\nBcc: =?UTF-8?B?6Yi05pyo?= <hidden@out.test>,\r\n other@out.test\r\nSubject: hi\r\nMessage-ID: <outbox-bcc@out.test>\r\n\r\nbody\r\n');
    await outbox.enqueue(stored, { from: 'a@out.test', to: ['b@out.test', 'hidden@out.test', 'other@out.test'] });
    const filed: string[] = [];
    await outbox.deliverAll(endpoint(server), async (bytes) => void filed.push(Buffer.from(bytes).toString()), plain);
    expect(seen.rcpt).toEqual(['RCPT TO:<b@out.test>', 'RCPT TO:<hidden@out.test>', 'RCPT TO:<other@out.test>']);
    expect(seen.data).toEqual([['From: a@out.test', 'To: b@out.test', 'Subject: hi', 'Message-ID: <outbox-bcc@out.test>', '', 'body']]);
    expect(filed).toEqual([stored.toString()]);
  });

  it('knows the providers that file sent mail themselves', () => {
    expect(providerFilesSentMail('smtp.gmail.com')).toBe(true);
    expect(providerFilesSentMail('smtp.office365.com')).toBe(true);
    expect(providerFilesSentMail('smtp-mail.outlook.com')).toBe(true);
    expect(providerFilesSentMail('mail.example.jp')).toBe(false);
    expect(providerFilesSentMail('gmail.com.evil.example')).toBe(false);
  });
});
