/**
 * The test stack itself and its helpers: every port greets with its protocol, both users have
 * their special-use folders, and deliverMessage / saveWithDoveadm / bulkLoad / findInMaildir
 * put mail where IMAP and POP3 will see it. Every message is found by its own Message-ID.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadServers } from '../servers/descriptor.js';
import {
  DeliveryError,
  bulkLoad,
  deliverMessage,
  findByMessageId,
  findInMaildir,
  messageIdOf,
  saveWithDoveadm,
  smtpDataChunks,
} from '../servers/deliver.js';
import { run } from '../servers/exec.js';
import { readGreeting } from '../servers/probe.js';

const servers = loadServers();
const ca = readFileSync(servers.caFile, 'utf8');

function uniqueId(kind: string): string {
  return `<${kind}-${randomUUID()}@tegami.test>`;
}

async function messageCount(address: string, folder: string): Promise<number> {
  const { stdout } = await run('doveadm', ['-c', servers.dovecot.configFile, 'mailbox', 'status', '-u', address, 'messages', folder]);
  return Number(/messages=(\d+)/.exec(stdout)?.[1]);
}

describe('test mail stack', () => {
  it('greets on every port with the protocol it promises', async () => {
    expect(await readGreeting(servers.imap.starttls, ca, 5_000)).toMatch(/^\* OK .*STARTTLS/);
    expect(await readGreeting(servers.imap.tls, ca, 5_000)).toMatch(/^\* OK /);
    expect(await readGreeting(servers.pop3.starttls, ca, 5_000)).toMatch(/^\+OK /);
    expect(await readGreeting(servers.pop3.tls, ca, 5_000)).toMatch(/^\+OK /);
    for (const endpoint of [servers.smtp.inject, servers.smtp.submission, servers.smtp.submissions]) {
      expect(await readGreeting(endpoint, ca, 5_000)).toMatch(/^220 /);
    }
  });

  it('gives both users a Maildir with the special-use folders', () => {
    for (const user of [servers.users.alice, servers.users.bob]) {
      for (const dir of ['cur', 'new', 'tmp', '.Drafts/cur', '.Sent/cur', '.Trash/cur', '.Junk/cur', '.Archive/cur']) {
        expect(existsSync(join(user.maildir, dir)), `${user.address} ${dir}`).toBe(true);
      }
    }
  });
});

describe('SMTP DATA encoding for injected mail', () => {
  const encode = (text: string): string => Buffer.concat([...smtpDataChunks(Buffer.from(text))]).toString();

  it('turns bare LF into CRLF, dot-stuffs, and terminates with a lone dot (RFC 5321 4.5.2)', () => {
    expect(encode('a\n.b\r\n..c\n')).toBe('a\r\n..b\r\n...c\r\n.\r\n');
    expect(encode('.')).toBe('..\r\n.\r\n');
    expect(encode('no final newline')).toBe('no final newline\r\n.\r\n');
  });

  it('keeps large bodies intact across chunk boundaries', () => {
    const line = 'x'.repeat(998);
    const text = `${line}\n.${line}\n`.repeat(700);
    const chunks = [...smtpDataChunks(Buffer.from(text))];
    expect(chunks.length).toBeGreaterThan(1);
    expect(Buffer.concat(chunks).toString()).toBe(`${line}\r\n..${line}\r\n`.repeat(700) + '.\r\n');
  });
});

describe('delivery helpers', () => {
  it('delivers to both users through Postfix and LMTP, byte for byte apart from trace headers', async () => {
    const id = uniqueId('deliver');
    const raw = `From: sender@example.org\nTo: alice@tegami.test, bob@tegami.test\nSubject: Grüße\nMessage-ID: ${id}\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n.leading dot\nÜmlaut body\n`;
    const delivered = await deliverMessage(['alice', 'bob@tegami.test'], raw);
    expect(delivered.messageId).toBe(id);
    expect(Object.keys(delivered.files).sort()).toEqual(['alice@tegami.test', 'bob@tegami.test']);
    for (const address of ['alice@tegami.test', 'bob@tegami.test']) {
      const [stored, ...more] = await findByMessageId(address, id);
      expect(more).toHaveLength(0);
      const text = stored!.raw.toString('utf8');
      expect(text).toContain('\n.leading dot\nÜmlaut body\n');
      expect(text).toMatch(/^Return-Path: <sender@example\.org>/);
    }
  });

  it('rejects mail to an unknown local user and to other domains with the server reply', async () => {
    const toNobody = deliverMessage('nobody@tegami.test', `Message-ID: ${uniqueId('nobody')}\n\nx\n`);
    await expect(toNobody).rejects.toBeInstanceOf(DeliveryError);
    await expect(toNobody).rejects.toMatchObject({ reply: { code: 550 } });
    await expect(deliverMessage('x@example.net', `Message-ID: ${uniqueId('relay')}\n\nx\n`)).rejects.toThrow(/Relay access denied/);
  });

  it('refuses a message without Message-ID (it could not be found again)', async () => {
    await expect(deliverMessage('alice', 'Subject: none\n\nx\n')).rejects.toThrow(/Message-ID/);
  });

  it('saves with doveadm into a special-use folder', async () => {
    const id = uniqueId('save');
    await saveWithDoveadm('bob', `Message-ID: ${id}\nSubject: saved\n\nsaved\n`, 'Archive');
    expect(await findByMessageId('bob', id, 'Archive')).toHaveLength(1);
    expect(await findByMessageId('bob', id)).toHaveLength(0);
  });

  it('bulk-loads messages that Dovecot indexes with UIDs and flags', async () => {
    const folder = `Bulk-${randomUUID().slice(0, 8)}`;
    const ids = Array.from({ length: 300 }, (_, i) => `<bulk-${i}-${folder}@tegami.test>`);
    const loaded = await bulkLoad('alice', ids.map((id, i) => `Message-ID: ${id}\r\nSubject: bulk ${i}\r\n\r\nbody ${i}\r\n`), { folder, flags: 'S' });
    expect(loaded).toBe(300);
    expect(await messageCount('alice@tegami.test', folder)).toBe(300);
    const found = await findInMaildir('alice', ({ raw }) => messageIdOf(raw) === ids[123], { folder });
    expect(found).toHaveLength(1);
    expect(found[0]!.flags).toBe('S');
    await run('doveadm', ['-c', servers.dovecot.configFile, 'mailbox', 'delete', '-u', 'alice@tegami.test', folder]);
  });
});
