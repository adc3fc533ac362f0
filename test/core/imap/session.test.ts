/**
 * Session behaviour over scripted conversations: pipelining, commands that must wait, literal
 * continuations refused by the server, unreadable untagged data, UIDVALIDITY changes, ALERT,
 * BYE and the command timer.
 */
import { describe, expect, it } from 'vitest';
import type { ImapEvent } from '../../../core/imap/events.js';
import { parseScript, play } from './support/conversation.js';
import { expectMailError } from '../../support/mail-error.js';

const LOGIN = `
S: * OK [CAPABILITY IMAP4rev1 AUTH=PLAIN SASL-IR] ready
C: T1 AUTHENTICATE PLAIN AGFsaWNlAHNlY3JldA==
`;
const auth = { auth: { user: 'alice', password: 'secret' } };

describe('IMAP session', () => {
  it('pipelines independent commands and matches their answers by tag', async () => {
    const { client, finished } = await play(
      parseScript(`${LOGIN}
S: T1 OK [CAPABILITY IMAP4rev1 LIST-STATUS] in
C: T2 STATUS "A" (MESSAGES)
C: T3 STATUS "B" (MESSAGES)
C: T4 LIST "" "*"
S: * STATUS "B" (MESSAGES 2)
S: T3 OK done
S: * LIST () "/" C
S: * STATUS "A" (MESSAGES 1)
S: T2 OK done
S: T4 OK done
`),
      auth,
    );
    const [a, b, folders] = await Promise.all([client.run('status', 'A', ['MESSAGES']), client.run('status', 'B', ['MESSAGES']), client.run('list')]);
    expect(folders.map((f) => f.path)).toEqual(['C']);
    expect(a).toEqual({ path: 'A', messages: 1 });
    expect(b).toEqual({ path: 'B', messages: 2 });
    await finished;
    client.close();
  });

  it('holds a SELECT until the commands before it have completed', async () => {
    const { client, finished } = await play(
      parseScript(`${LOGIN}
S: T1 OK [CAPABILITY IMAP4rev1] in
C: T2 STATUS "A" (MESSAGES)
S: * STATUS "A" (MESSAGES 1)
S: T2 OK done
C: T3 SELECT "A"
S: T3 OK [READ-WRITE] done
`),
      auth,
    );
    await Promise.all([client.run('status', 'A', ['MESSAGES']), client.run('select', 'A')]);
    await finished;
    client.close();
  });

  it('does not send literal data the server refused, and fails typed', async () => {
    const { client, finished } = await play(
      parseScript(`${LOGIN}
S: T1 OK [CAPABILITY IMAP4rev1] in
C: T2 APPEND "Sent" {5}
S: T2 NO [OVERQUOTA] Quota exceeded
C: T3 NOOP
S: T3 OK done
`),
      auth,
    );
    const error = await expectMailError(client.run('append', 'Sent', { content: new TextEncoder().encode('hello') }));
    expect(error.code).toBe('over-quota');
    await client.run('noop');
    await finished;
    client.close();
  });

  it('fails the running command when an untagged response is unreadable', async () => {
    const { client, finished } = await play(
      parseScript(`${LOGIN}
S: T1 OK [CAPABILITY IMAP4rev1] in
C: T2 SELECT "INBOX"
S: T2 OK done
C: T3 UID FETCH 1 (UID FLAGS)
S: * 1 FETCH (UID 1 FLAGS (\\Seen)
S: T3 OK done
C: T4 NOOP
S: T4 OK done
`),
      auth,
    );
    await client.run('select', 'INBOX');
    expect((await expectMailError(client.run('fetch', '1', { flags: true }))).code).toBe('protocol-error');
    await client.run('noop');
    await finished;
    client.close();
  });

  it('reports a UIDVALIDITY change, ALERTs and BYE', async () => {
    const { client, finished } = await play(
      parseScript(`${LOGIN}
S: T1 OK [CAPABILITY IMAP4rev1] in
C: T2 SELECT "INBOX"
S: * OK [UIDVALIDITY 100] ok
S: T2 OK done
C: T3 SELECT "INBOX"
S: * OK [UIDVALIDITY 200] ok
S: * OK [ALERT] Your mailbox was restored from a backup
S: T3 OK done
C: T4 NOOP
S: * BYE [UNAVAILABLE] Server shutting down
`),
      auth,
    );
    const events: ImapEvent[] = [];
    client.on((e) => events.push(e));
    await client.run('select', 'INBOX');
    await client.run('select', 'INBOX');
    const bye = client.run('noop');
    await finished;
    client.close();
    expect((await expectMailError(bye)).code).toMatch(/connection-closed|cancelled/);
    expect(events.slice(0, 2)).toEqual([
      { type: 'uidvalidity-changed', mailbox: 'INBOX', previous: 100, current: 200 },
      { type: 'alert', text: 'Your mailbox was restored from a backup' },
    ]);
  });

  it('reports an ALERT on a tagged NO, and the NO as a temporary failure', async () => {
    const { client, finished } = await play(
      parseScript(`${LOGIN}
S: T1 OK [CAPABILITY IMAP4rev1] in
C: T2 SELECT "INBOX"
S: T2 NO [ALERT] Too many simultaneous connections. (Failure)
`),
      auth,
    );
    const events: ImapEvent[] = [];
    client.on((e) => events.push(e));
    const error = await expectMailError(client.run('select', 'INBOX'));
    expect(error).toMatchObject({ code: 'temporary-failure', transient: true });
    expect(events).toEqual([{ type: 'alert', text: 'Too many simultaneous connections. (Failure)' }]);
    await finished;
    client.close();
  });

  it('appends a message with a UTF-8 header in the UTF8 (literal8) form once UTF8=ACCEPT is on', async () => {
    const { client, finished } = await play(
      parseScript(`${LOGIN}
S: T1 OK [CAPABILITY IMAP4rev1 ENABLE UTF8=ACCEPT LITERAL+ UIDPLUS MULTIAPPEND] in
C: T2 ENABLE UTF8=ACCEPT
S: * ENABLED UTF8=ACCEPT
S: T2 OK done
C: T3 APPEND "送信済み" UTF8 (~{20+}
C: Subject: 日本
C: 
C: x) {9+}
C: A: b
C: 
C: y
S: T3 OK [APPENDUID 1 5:6] done
`),
      { ...auth, enable: ['UTF8=ACCEPT'] },
    );
    const result = await client.run('append', '送信済み', [
      { content: new TextEncoder().encode('Subject: 日本\r\n\r\nx') },
      { content: new TextEncoder().encode('A: b\r\n\r\ny') },
    ]);
    expect(result).toEqual({ uidValidity: 1, uids: [5, 6] });
    await finished;
    client.close();
  });

  it('with QRESYNC, keeps data before [CLOSED] with the old mailbox when switching', async () => {
    const { client, finished } = await play(
      parseScript(`${LOGIN}
S: T1 OK [CAPABILITY IMAP4rev1 ENABLE CONDSTORE QRESYNC] in
C: T2 ENABLE QRESYNC
S: * ENABLED QRESYNC
S: T2 OK done
C: T3 SELECT "A"
S: * 5 EXISTS
S: * OK [UIDVALIDITY 1] ok
S: T3 OK [READ-WRITE] done
C: T4 SELECT "B"
S: * 2 EXPUNGE
S: * OK [CLOSED] Previous mailbox closed
S: * 7 EXISTS
S: * OK [UIDVALIDITY 2] ok
S: T4 OK [READ-WRITE] done
`),
      { ...auth, enable: ['QRESYNC'] },
    );
    const events: ImapEvent[] = [];
    client.on((e) => events.push(e));
    await client.run('select', 'A');
    const b = await client.run('select', 'B');
    expect(events).toEqual([{ type: 'expunge', mailbox: 'A', seq: 2 }]);
    expect(b.mailbox).toMatchObject({ path: 'B', exists: 7, uidValidity: 2 });
    expect(client.state.selected?.path).toBe('B');
    await finished;
    client.close();
  });

  it('fails a command the server never answers with command-timeout', async () => {
    const { client } = await play(
      parseScript(`${LOGIN}
S: T1 OK [CAPABILITY IMAP4rev1] in
C: T2 NOOP
`),
      { ...auth, commandTimeoutMs: 100 },
    );
    const error = await expectMailError(client.run('noop'));
    expect(error.code).toBe('command-timeout');
    expect(error.transient).toBe(true);
    expect((await expectMailError(client.run('noop'))).code).toBe('command-timeout');
  });

  it('refuses commands in the wrong state before sending them', async () => {
    const { client, finished } = await play(
      parseScript(`${LOGIN}
S: T1 OK [CAPABILITY IMAP4rev1] in
`),
      auth,
    );
    await finished;
    expect((await expectMailError(client.run('fetch', '1', { flags: true }))).code).toBe('invalid-argument');
    expect((await expectMailError(client.run('login', 'a', 'b'))).code).toBe('invalid-argument');
    client.close();
  });
});
