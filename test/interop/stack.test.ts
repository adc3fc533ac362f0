/**
 * The test stack itself: the descriptor the global setup wrote describes live servers.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadServers } from '../servers/descriptor.js';
import { readGreeting } from '../servers/probe.js';

describe('test mail stack', () => {
  const servers = loadServers();
  const ca = readFileSync(servers.caFile, 'utf8');

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
