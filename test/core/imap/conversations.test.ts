import { describe, expect, it } from 'vitest';
import type { ImapEvent } from '../../../core/imap/events.js';
import { MailError } from '../../../core/net/mail-error.js';
import { loadScript, play } from './support/conversation.js';

describe('Dovecot', () => {
  it('logs in, lists, selects, fetches, searches, stores, reports changes and logs out', async () => {
    const { client, finished } = await play(loadScript('dovecot-session.imap'), { auth: { user: 'alice', password: 'secret' } });
    const events: ImapEvent[] = [];
    client.on((e) => events.push(e));
    expect(client.capabilities.has('QRESYNC')).toBe(true);
    expect(client.state.name).toBe('authenticated');

    const folders = await client.run('list');
    expect(folders.map((f) => [f.path, f.specialUse, f.subscribed])).toEqual([
      ['INBOX', undefined, true],
      ['Sent', '\\Sent', true],
      ['Trash', '\\Trash', false],
      ['日本語', undefined, false],
      ['日本語/ぁぃぅ', undefined, false],
    ]);

    const selected = await client.run('select', 'INBOX', { condstore: true });
    expect(selected.mailbox).toMatchObject({ exists: 3, uidValidity: 1700000000, uidNext: 4, highestModseq: 12n, unseen: 2, readOnly: false });
    expect(client.state.name).toBe('selected');

    const fetched = await client.run('fetch', '1:*', { uid: true, flags: true, envelope: true, bodyStructure: true, size: true });
    expect(fetched.messages.map((m) => m.attributes.uid)).toEqual([1, 2, 3]);
    expect(fetched.messages[1]?.attributes.bodyStructure?.kind).toBe('multipart');
    expect(fetched.messages[0]?.attributes.envelope?.subject).toBe('=?ISO-2022-JP?B?GyRCJEckTyQkGyhC?=');

    expect(await client.run('search', { field: 'FROM', value: '日本' })).toEqual({ ids: [1, 2], modseq: undefined });
    const stored = await client.run('store', '2', { operation: 'add', flags: ['\\Seen'] });
    expect(stored.updated[0]?.attributes.modseq).toBe(13n);

    await client.run('noop');
    expect(events).toEqual([
      { type: 'exists', mailbox: 'INBOX', count: 4 },
      { type: 'expunge', mailbox: 'INBOX', seq: 1 },
      { type: 'flags', mailbox: 'INBOX', seq: 1, uid: 2, flags: ['\\Seen', '\\Answered'], modseq: 14n },
    ]);
    expect(client.state.selected).toMatchObject({ exists: 3, highestModseq: 14n });

    await client.logout();
    await finished;
    expect(client.connected).toBe(false);
    await expect(client.run('noop')).rejects.toBeInstanceOf(MailError);
  });
});
