import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MailError } from '../../../core/net/mail-error.js';
import { Pop3Client } from '../../../core/pop3/client.js';
import { encodeMultiline } from '../../../core/pop3/multiline.js';
import { recordDownloaded, type RetentionPolicy } from '../../../core/pop3/retention.js';
import { DownloadSession } from '../../../core/pop3/session.js';
import { BufferSink, callbackSink } from '../../../core/pop3/sink.js';
import { JsonFileStateStore } from '../../../core/pop3/state-file.js';
import { fakeConnection, type FakePeer } from './support/fake-peer.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function store(): JsonFileStateStore {
  const dir = mkdtempSync(join(tmpdir(), 'tegami-pop3-session-'));
  dirs.push(dir);
  return new JsonFileStateStore(join(dir, 'state.json'));
}

const MESSAGE = Buffer.from('Subject: one\r\n\r\nbody\r\n');

async function loggedIn(capa: readonly string[] = []): Promise<{ client: Pop3Client; peer: FakePeer }> {
  const { connection, peer } = fakeConnection({ encrypted: true });
  peer.send('+OK ready\r\n');
  const starting = Pop3Client.start(connection);
  await peer.expect('CAPA', '+OK', 'UIDL', 'USER', ...capa, '.');
  const client = await starting;
  const login = client.login('alice', 'pw');
  await peer.expect('USER alice', '+OK');
  await peer.expect('PASS pw', '+OK');
  await login;
  return { client, peer };
}

async function begin(policy: RetentionPolicy, stateStore = store(), now?: () => Date, capa: readonly string[] = []) {
  const { client, peer } = await loggedIn(capa);
  const starting = DownloadSession.begin(client, stateStore, policy, now);
  await peer.expect('UIDL', '+OK', '1 uid-a', '2 uid-b', '.');
  return { session: await starting, client, peer, stateStore };
}

function sendMessage(peer: FakePeer): void {
  peer.send(Buffer.concat([Buffer.from('+OK\r\n'), encodeMultiline(MESSAGE)]));
}

describe('DownloadSession', () => {
  it('sends DELE only after the sink reports the message durable', async () => {
    const { session, peer } = await begin({ kind: 'delete-after-download' });
    expect(session.toDownload.map((i) => i.uidl)).toEqual(['uid-a', 'uid-b']);
    let makeDurable: () => void = () => undefined;
    const durable = new Promise<void>((resolve) => {
      makeDurable = resolve;
    });
    const sink = new BufferSink();
    const commitSink = callbackSink((chunk) => sink.write(chunk), { commit: () => durable });
    const delivering = session.downloadAndDeliver('uid-a', commitSink);
    await peer.expect('RETR 1');
    sendMessage(peer);
    // The whole message has arrived, but it is not durable yet: no DELE may be on the wire.
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(sink.bytes.equals(MESSAGE)).toBe(true);
    expect(peer.unread).toBe('');
    makeDurable();
    await peer.expect('DELE 1', '+OK message 1 deleted');
    await delivering;
    expect(session.markedForDeletion).toEqual(['uid-a']);
    const finishing = session.finish();
    await peer.expect('QUIT', '+OK bye');
    expect(await finishing).toEqual(['uid-a']);
  });

  it('a failed commit sends no DELE and records nothing', async () => {
    const { session, peer, stateStore } = await begin({ kind: 'delete-after-download' });
    const sink = callbackSink(() => undefined, {
      commit: () => {
        throw new MailError('disk-full', 'No space left on device.');
      },
    });
    const delivering = session.downloadAndDeliver('uid-a', sink);
    await peer.expect('RETR 1');
    sendMessage(peer);
    await expect(delivering).rejects.toMatchObject({ code: 'disk-full' });
    expect(session.markedForDeletion).toEqual([]);
    expect((await stateStore.load()).uidls['uid-a']?.downloadedAt).toBeUndefined();
    const quitting = session.finish();
    // The next thing on the wire is QUIT: no DELE was sent.
    await peer.expect('QUIT', '+OK');
    await quitting;
  });

  it('with EXPIRE 0, a retrieved message that was not stored makes the session end without QUIT', async () => {
    const { session, peer, client } = await begin({ kind: 'keep-forever' }, store(), undefined, ['EXPIRE 0']);
    expect(client.capabilities.expireDays).toBe(0);
    const failing = callbackSink(() => undefined, {
      commit: () => {
        throw new MailError('io-error', 'fsync failed');
      },
    });
    const delivering = session.downloadAndDeliver('uid-a', failing);
    await peer.expect('RETR 1');
    sendMessage(peer);
    await expect(delivering).rejects.toMatchObject({ code: 'io-error' });
    expect(await session.finish()).toEqual([]);
    expect(client.state).toBe('closed');
    await new Promise((resolve) => setImmediate(resolve));
    // The server never saw QUIT, so it never entered UPDATE and keeps the message.
    expect(peer.unread).toBe('');
    expect(peer.closed).toBe(true);
  });

  it('keep-forever downloads once and never deletes', async () => {
    const stateStore = store();
    const first = await begin({ kind: 'keep-forever' }, stateStore);
    const delivering = first.session.downloadAndDeliver('uid-b', new BufferSink());
    await first.peer.expect('RETR 2');
    sendMessage(first.peer);
    await delivering;
    expect(first.session.markedForDeletion).toEqual([]);
    const quitting = first.session.finish();
    await first.peer.expect('QUIT', '+OK');
    await quitting;

    const second = await begin({ kind: 'keep-forever' }, stateStore);
    expect(second.session.toDownload.map((i) => i.uidl)).toEqual(['uid-a']);
    expect(second.session.toDelete).toEqual([]);
  });

  it('deletes downloaded messages after N days, using the download record as the grant', async () => {
    const stateStore = store();
    const long = new Date('2026-01-01T00:00:00Z');
    await stateStore.save(recordDownloaded({ version: 1, uidls: { 'uid-b': { firstSeen: long.toISOString() } } }, 'uid-b', long));
    const { session, peer } = await begin({ kind: 'delete-after-days', days: 3 }, stateStore, () => new Date('2026-01-05T00:00:00Z'));
    expect(session.toDelete.map((i) => i.uidl)).toEqual(['uid-b']);
    const deleting = session.deleteDue();
    await peer.expect('DELE 2', '+OK');
    expect(await deleting).toEqual(['uid-b']);
    const finishing = session.finish();
    await peer.expect('QUIT', '+OK');
    expect(await finishing).toEqual(['uid-b']);
    expect(Object.keys((await stateStore.load()).uidls)).toEqual(['uid-a']);
  });

  it('deletes what the user deleted locally under keep-forever: DELE for downloaded ones, QUIT commits, absent ones reported', async () => {
    const stateStore = store();
    const at = new Date('2026-01-01T00:00:00Z');
    await stateStore.save(recordDownloaded({ version: 1, uidls: {} }, 'uid-b', at));
    const { session, peer } = await begin({ kind: 'keep-forever' }, stateStore);
    expect(session.toDownload.map((i) => i.uidl)).toEqual(['uid-a']);
    // uid-a was never downloaded (no proof it is durable here): no DELE for it.
    const deleting = session.deleteDeletedLocally(['uid-b', 'uid-a', 'uid-gone']);
    await peer.expect('DELE 2', '+OK');
    expect(await deleting).toEqual({ marked: ['uid-b'], absent: ['uid-gone'] });
    const finishing = session.finish();
    await peer.expect('QUIT', '+OK');
    expect(await finishing).toEqual(['uid-b']);
    expect(Object.keys((await stateStore.load()).uidls)).toEqual(['uid-a']);
  });

  it('a locally deleted message stays on the server when the session drops before QUIT is acknowledged', async () => {
    const stateStore = store();
    await stateStore.save(recordDownloaded({ version: 1, uidls: {} }, 'uid-b', new Date()));
    const { session, peer } = await begin({ kind: 'keep-forever' }, stateStore);
    const deleting = session.deleteDeletedLocally(['uid-b']);
    await peer.expect('DELE 2', '+OK');
    await deleting;
    const finishing = session.finish();
    await peer.expect('QUIT');
    peer.end.destroy();
    await expect(finishing).rejects.toBeInstanceOf(MailError);
    // Still recorded as downloaded: the next session neither fetches it nor forgets to delete it.
    expect((await stateStore.load()).uidls['uid-b']?.downloadedAt).toBeDefined();
  });

  it('an unknown UIDL is not-found and the sink is aborted', async () => {
    const { session } = await begin({ kind: 'keep-forever' });
    const sink = new BufferSink();
    await expect(session.downloadAndDeliver('nope', sink)).rejects.toMatchObject({ code: 'not-found' });
    expect(sink.status).toBe('aborted');
  });
});
