/**
 * Recorded conversations with the quirks of real providers, reproduced from their documented
 * behaviour (test/fixtures/imap/*.imap). Each test also checks that the client wrote exactly
 * the recorded commands.
 */
import { describe, expect, it } from 'vitest';
import type { ImapEvent } from '../../../core/imap/events.js';
import { loadScript, play } from './support/conversation.js';
import { expectMailError } from '../../support/mail-error.js';

const TEGAMI_ID = { name: 'Tegami', version: '0.1.0' };

describe('Gmail', () => {
  it('XOAUTH2, UTF8=ACCEPT names, [Gmail] special-use folders, X-GM attributes, bandwidth limit', async () => {
    const { client, finished } = await play(loadScript('gmail-session.imap'), {
      auth: { user: 'alice@gmail.com', accessToken: 'ya29.token', mechanism: 'XOAUTH2' },
      id: TEGAMI_ID,
      enable: ['UTF8=ACCEPT'],
    });
    expect(client.state.utf8).toBe(true);
    expect(client.capabilities.appendLimit).toBe(35651584);
    const folders = await client.run('list');
    expect(folders.map((f) => [f.path, f.specialUse ?? null, f.selectable])).toEqual([
      ['INBOX', null, true],
      ['[Gmail]', null, false],
      ['[Gmail]/All Mail', '\\All', true],
      ['[Gmail]/Important', '\\Important', true],
      ['[Gmail]/Sent Mail', '\\Sent', true],
      ['日本語', null, true],
    ]);
    await client.run('select', '[Gmail]/All Mail');
    const { messages } = await client.run('fetch', '1:*', { flags: true, gmail: true });
    expect(messages[0]?.attributes).toMatchObject({
      uid: 399,
      gmailMessageId: 1278455344230334865n,
      gmailThreadId: 1266894439832287888n,
      gmailLabels: ['\\Inbox', '\\Important', '日本語'],
    });
    expect(messages[1]?.attributes.gmailLabels).toEqual([]);
    const error = await expectMailError(client.run('fetch', '399', { source: true }));
    expect(error.code).toBe('over-quota');
    expect(error.reply).toMatchObject({ status: 'NO', responseCode: 'OVERQUOTA' });
    await finished;
    client.close();
  });

  it('a rejected OAuth token is auth-failed with the server JSON kept', async () => {
    const error = await expectMailError(play(loadScript('gmail-xoauth2-failure.imap'), { auth: { user: 'alice@gmail.com', accessToken: 'ya29.token', mechanism: 'XOAUTH2' } }));
    expect(error.code).toBe('auth-failed');
    expect(error.reply?.responseCode).toBe('AUTHENTICATIONFAILED');
    expect(String(error.details?.['serverError'])).toContain('"status":"400"');
  });
});

describe('Outlook / Exchange', () => {
  it('transient "not connected", NIL and literal filenames, MOVE fallback, BAD on CHARSET', async () => {
    const { client, finished } = await play(loadScript('exchange-session.imap'), { auth: { user: 'alice', password: 'secret' } });
    const notConnected = await expectMailError(client.run('select', 'INBOX'));
    expect(notConnected.code).toBe('temporary-failure');
    expect(notConnected.transient).toBe(true);
    expect(client.state.name).toBe('authenticated');
    await client.run('select', 'INBOX');
    const { messages } = await client.run('fetch', '5', { bodyStructure: true });
    const bs = messages[0]?.attributes.bodyStructure;
    if (bs?.kind !== 'multipart') throw new Error('expected multipart');
    expect(bs.children[1]).toMatchObject({ part: '2', parameters: { name: '見積書 "v2".pdf' }, disposition: { type: 'attachment', parameters: { size: '730' } } });
    expect(bs.language).toEqual(['en-US']);
    expect(await client.run('move', '5', 'Archive')).toEqual({ uidValidity: 14, sourceUids: '5', destinationUids: '77', partial: false, expunged: true });
    const bad = await expectMailError(client.run('search', { field: 'SUBJECT', value: '見積' }));
    expect(bad.code).toBe('server-rejected');
    expect(bad.reply?.status).toBe('BAD');
    await finished;
    client.close();
  });
});

describe('iCloud', () => {
  it('namespace, folders without special-use, missing line count, unsolicited FETCH, TRYCREATE', async () => {
    const { client, finished } = await play(loadScript('icloud-session.imap'), { auth: { user: 'alice', password: 'secret' } });
    const events: ImapEvent[] = [];
    client.on((e) => events.push(e));
    expect(await client.run('namespace')).toEqual({ personal: [{ prefix: '', delimiter: '/' }], other: [], shared: [] });
    expect((await client.run('list')).map((f) => [f.path, f.specialUse, f.subscribed])).toEqual([
      ['INBOX', undefined, undefined],
      ['Sent Messages', undefined, undefined],
      ['Deleted Messages', undefined, undefined],
    ]);
    await client.run('select', 'INBOX');
    const { messages } = await client.run('fetch', '9', { bodyStructure: true });
    expect(messages).toHaveLength(1);
    expect(messages[0]?.attributes.bodyStructure).toMatchObject({ type: 'text', subtype: 'plain', size: 42, lines: undefined });
    expect(events).toEqual([{ type: 'flags', mailbox: 'INBOX', seq: 2, uid: undefined, flags: ['\\Seen'], modseq: undefined }]);
    const missing = await expectMailError(client.run('copy', '9', 'Nope'));
    expect(missing.code).toBe('mailbox-not-found');
    expect(missing.reply?.responseCode).toBe('TRYCREATE');
    await finished;
    client.close();
  });
});

describe('Yahoo', () => {
  it('ID before LOGIN, UNAVAILABLE, extra BODYSTRUCTURE fields, MOVE with untagged COPYUID', async () => {
    const { client, finished } = await play(loadScript('yahoo-session.imap'), { auth: { user: 'alice@yahoo.com', password: 'secret' }, id: TEGAMI_ID });
    const busy = await expectMailError(client.run('select', 'INBOX'));
    expect(busy).toMatchObject({ code: 'temporary-failure', transient: true });
    await client.run('select', 'INBOX');
    const { messages } = await client.run('fetch', '7', { flags: true, bodyStructure: true });
    const bs = messages[0]?.attributes.bodyStructure;
    if (bs?.kind !== 'multipart') throw new Error('expected multipart');
    expect(bs.subtype).toBe('alternative');
    expect(bs.children[0]?.extensions).toHaveLength(2);
    expect(bs.extensions).toHaveLength(1);
    expect(await client.run('move', '7', 'Archive')).toEqual({ uidValidity: 1600000001, sourceUids: '7', destinationUids: '3', partial: false, expunged: true });
    expect(client.state.selected?.exists).toBe(0);
    await finished;
    client.close();
  });
});

describe('Dovecot mailboxes', () => {
  it('Japanese folders, synchronizing APPEND, QRESYNC, partial FETCH, STATUS, UNSELECT, NONEXISTENT', async () => {
    const { client, finished } = await play(loadScript('dovecot-mailboxes.imap'), { auth: { user: 'alice', password: 'secret' } });
    await client.run('create', '日本語/あいう');
    await client.run('rename', '日本語/あいう', '日本語/えお');
    const appended = await client.run('append', '日本語/えお', [
      { content: new TextEncoder().encode('Subject: hi\r\n\r\nbody'), flags: ['\\Seen', '$Label1'], date: new Date(Date.UTC(2026, 1, 5, 10, 20, 30)) },
      { content: new TextEncoder().encode('second'), flags: ['\\Flagged'] },
    ]);
    expect(appended).toEqual({ uidValidity: 1700000001, uids: [1, 2] });
    const resync = await client.run('select', 'INBOX', { qresync: { uidValidity: 1700000000, modseq: 12n, knownUids: '1:6' } });
    expect(resync.vanished).toEqual(['2,4']);
    expect(resync.changed).toEqual([{ seq: 1, attributes: { uid: 1, flags: ['\\Seen', '\\Flagged'], modseq: 18n } }]);
    expect(resync.mailbox.highestModseq).toBe(20n);
    const changed = await client.run('fetch', '1:*', { flags: true }, { changedSince: 18n, vanished: true });
    expect(changed.vanished).toEqual(['5']);
    expect(changed.messages.map((m) => m.attributes.uid)).toEqual([6]);
    const partial = await client.run('fetch', '1:6', { source: { start: 0, length: 9 } });
    expect(partial.partial).toBe(true);
    expect(new TextDecoder().decode(partial.messages[0]?.attributes.sections?.[0]?.data as Uint8Array)).toBe('Subject: ');
    expect(await client.run('status', '日本語/えお')).toEqual({ path: '日本語/えお', messages: 2, uidNext: 3, uidValidity: 1700000001, unseen: 1, highestModseq: 2n });
    await client.run('unselect');
    expect(client.state.name).toBe('authenticated');
    await client.run('delete', '日本語/えお');
    expect((await expectMailError(client.run('delete', 'Nope'))).code).toBe('mailbox-not-found');
    await finished;
    client.close();
  });
});

describe('Dovecot, the other commands', () => {
  it('LIST-STATUS, LSUB, SUBSCRIBE, streamed APPEND, EXAMINE, SEARCH, UNCHANGEDSINCE, EXPUNGE, CLOSE', async () => {
    const { client, finished } = await play(loadScript('dovecot-misc.imap'), { auth: { user: 'alice', password: 'secret' } });
    expect(await client.run('enable', ['QRESYNC'])).toEqual([]);
    const folders = await client.run('list', { pattern: '%', status: ['MESSAGES', 'UNSEEN'] });
    expect(folders.map((f) => [f.path, f.specialUse, f.status])).toEqual([
      ['INBOX', undefined, { path: 'INBOX', messages: 3, unseen: 1 }],
      ['Drafts', '\\Drafts', { path: 'Drafts', messages: 0, unseen: 0 }],
    ]);
    await client.run('subscribe', 'Drafts');
    expect((await client.run('lsub')).map((f) => f.path)).toEqual(['INBOX', 'Drafts']);
    await client.run('unsubscribe', 'Drafts');
    const body = new TextEncoder().encode('draft body');
    const source = {
      size: body.length,
      async *chunks(): AsyncIterable<Uint8Array> {
        yield body.subarray(0, 5);
        yield body.subarray(5);
      },
    };
    expect(await client.run('append', 'Drafts', { content: source, flags: ['\\Draft'] })).toEqual({ uidValidity: 5, uids: [9] });
    await client.run('examine', 'INBOX');
    expect(client.state.selected?.readOnly).toBe(true);
    await expect(client.run('store', '1', { operation: 'add', flags: ['\\Seen'] })).rejects.toMatchObject({ code: 'invalid-argument' });
    const found = await client.run('search', {
      and: [
        { or: [{ field: 'FROM', value: 'alice' }, { not: { field: 'SUBJECT', value: 'spam' } }] },
        { date: 'SINCE', value: new Date(Date.UTC(2026, 1, 1)) },
        { size: 'LARGER', value: 1000 },
        { and: [{ flag: 'UNSEEN' }, { keyword: '$Work' }] },
      ],
    });
    expect(found.ids).toEqual([1, 3]);
    await client.run('select', 'INBOX');
    const conditional = await client.run('store', '1:3', { operation: 'add', flags: ['\\Deleted'] }, { unchangedSince: 30n });
    expect(conditional.modified).toBe('2');
    expect(conditional.updated.map((m) => m.attributes.modseq)).toEqual([41n]);
    expect(await client.run('expunge')).toEqual({ sequenceNumbers: [1], vanished: [] });
    await client.run('close');
    expect(client.state.name).toBe('authenticated');
    await finished;
    client.close();
  });
});
