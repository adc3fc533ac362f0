/**
 * A message above the body-size limit is opened (its body fetched on the on-demand session)
 * while a sync of its folder is running, against the real Dovecot. The two sessions write the
 * same summary; whichever order they finish in, the stored file and the summary must agree:
 * the whole message wins and a downloaded message is never turned back into a header-only one.
 * The orders are made deterministic by holding one session's FETCH until the other is done.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImapClient } from '../../core/imap/client.js';
import { MailCache, readAll } from '../../core/sync/cache.js';
import { messageContent } from '../../core/sync/content.js';
import { connectImap, type ImapEndpoint } from '../../core/sync/imap-connect.js';
import { fetchBody, syncFolder } from '../../core/sync/imap-sync.js';
import type { MessageSummary } from '../../core/api/contract.js';
import { loadServers } from '../servers/descriptor.js';

const RUN = randomUUID().slice(0, 8);
const ROOT = `opensync-${RUN}`;
const LIMIT = 3000;
let endpoint: ImapEndpoint;
let raw: ImapClient;
const dirs: string[] = [];
const sessions: ImapClient[] = [];

beforeAll(async () => {
  const servers = loadServers();
  const e = servers.imap.tls;
  endpoint = { host: e.host, port: e.port, security: e.security, user: servers.users.alice.address, password: servers.users.alice.password, caFile: servers.caFile };
  raw = await connectImap(endpoint);
});

afterAll(async () => {
  for (const s of sessions) await s.logout().catch(() => undefined);
  const mine = (await raw.run('list', { pattern: `${ROOT}*` })).map((f) => f.path);
  for (const path of mine) await raw.run('delete', path).catch(() => undefined);
  await raw.logout();
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

function message(id: string, subject: string, body: string): Uint8Array {
  return Buffer.from([`From: Bob <bob@tegami.test>`, `To: alice@tegami.test`, `Subject: ${subject}`, `Message-ID: ${id}`, 'MIME-Version: 1.0', 'Content-Type: text/plain; charset=utf-8', '', body].join('\r\n'));
}

/** A folder of `small` short messages and, appended last (highest UID, first batch), one above LIMIT. */
async function folderWithLarge(name: string, small: number): Promise<string> {
  const path = `${ROOT}-${name}`;
  await raw.run('create', path);
  for (let i = 0; i < small; i++) await raw.run('append', path, { content: message(`<${RUN}.${name}.${i}@tegami.test>`, `${name} ${i}`, `small ${i}\r\n`) });
  await raw.run('append', path, { content: message(`<${RUN}.${name}.big@tegami.test>`, `${name} big`, `BIGTEXT ${'x'.repeat(200)}\r\n`.repeat(30)) });
  return path;
}

async function newCache(path: string): Promise<MailCache> {
  const dir = await mkdtemp(join(tmpdir(), 'tegami-opensync-'));
  dirs.push(dir);
  const cache = await MailCache.open('acct', join(dir, 'maildir'), join(dir, 'state'));
  await cache.setFolders([{ path, delimiter: '.', role: null, selectable: true }]);
  return cache;
}

async function session(): Promise<ImapClient> {
  const s = await connectImap(endpoint);
  sessions.push(s);
  return s;
}

/**
 * The real session, with `before` awaited ahead of every FETCH that `matches`: the server
 * still answers every command; only the moment the caller sees the answer is chosen.
 */
function holdFetch(client: ImapClient, matches: (query: Record<string, unknown>) => boolean, before: () => Promise<unknown>): ImapClient {
  return new Proxy(client, {
    get(target, key) {
      const value: unknown = Reflect.get(target, key, target);
      if (key !== 'run' || typeof value !== 'function') return typeof value === 'function' ? value.bind(target) : value;
      return async (...args: unknown[]) => {
        if (args[0] === 'fetch' && typeof args[2] === 'object' && args[2] !== null && matches(args[2] as Record<string, unknown>)) await before();
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

async function largeOf(cache: MailCache, path: string): Promise<MessageSummary> {
  const found = [...(await cache.index(path)).messages.values()].find((m) => m.subject.endsWith(' big'));
  if (found === undefined) throw new Error('the large message is not in the index');
  return found;
}

/** The summary, the stored file and getMessage's view agree: whole message, same flags. */
async function expectWhole(cache: MailCache, path: string, flags: readonly string[]): Promise<void> {
  const summary = await largeOf(cache, path);
  expect(summary.bodyDownloaded).toBe(true);
  expect(summary.snippet).toMatch(/^BIGTEXT x/u);
  expect([...summary.flags].sort()).toEqual([...flags].sort());
  const uid = summary.uid ?? 0;
  const entry = await cache.maildir(path).get(uid);
  expect([...entry.flags].sort()).toEqual([...flags].sort());
  const bytes = await readAll(await cache.maildir(path).read(uid));
  const content = messageContent(bytes, summary, []);
  expect(content.text).toContain('BIGTEXT');
  // Opening it again serves the stored copy.
  expect((await fetchBody(await session(), cache, path, uid)).snippet).toBe(summary.snippet);
}

describe('a large message opened while its folder syncs', () => {
  it('during the first sync: later batches do not touch the stored body', async () => {
    const path = await folderWithLarge('first', 12);
    const cache = await newCache(path);
    const fetcher = await session();
    let opened: Promise<MessageSummary> | undefined;
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    // Batches after the first wait until the body is stored, so the rest of the sync runs after it.
    let batches = 0;
    const gated = holdFetch(await session(), (q) => ('source' in q || 'headers' in q) && batches++ >= 2, () => gate);
    await syncFolder(gated, cache, path, {
      bodySizeLimit: LIMIT,
      batchSize: 3,
      onProgress: (p) => {
        if (p.messagesDone > 0 && opened === undefined) {
          opened = largeOf(cache, path).then((s) => fetchBody(fetcher, cache, path, s.uid ?? 0));
          opened.then(release, release);
        }
      },
    });
    expect((await opened)?.bodyDownloaded).toBe(true);
    expect((await cache.index(path)).messages.size).toBe(13);
    await expectWhole(cache, path, []);
  });

  /** First sync (large one header-only), then a flag set on the server and one new message, so the next sync has work for both. */
  async function preparedSecondSync(name: string): Promise<{ path: string; cache: MailCache; uid: number }> {
    const path = await folderWithLarge(name, 4);
    const cache = await newCache(path);
    await syncFolder(await session(), cache, path, { bodySizeLimit: LIMIT });
    const large = await largeOf(cache, path);
    expect(large.bodyDownloaded).toBe(false);
    const uid = large.uid ?? 0;
    await raw.run('select', path);
    await raw.run('store', String(uid), { operation: 'add', flags: ['\\Flagged'] });
    await raw.run('append', path, { content: message(`<${RUN}.${name}.new@tegami.test>`, `${name} new`, 'new\r\n') });
    return { path, cache, uid };
  }

  const listing = (q: Record<string, unknown>): boolean => q['size'] === true && !('source' in q) && !('headers' in q);

  it('body stored after the sync read the header-only summary, before it wrote the flag change', async () => {
    const { path, cache, uid } = await preparedSecondSync('bodyfirst');
    const fetcher = await session();
    // The sync has taken its snapshot of the index; the body is fetched and stored now, then
    // the sync goes on and commits the server's \Flagged on the copy it read before.
    const client = holdFetch(await session(), listing, () => fetchBody(fetcher, cache, path, uid));
    const [report] = [await syncFolder(client, cache, path, { bodySizeLimit: LIMIT })];
    expect(report).toMatchObject({ added: 1, updated: 1 });
    await expectWhole(cache, path, ['\\Flagged']);
  });

  it('body fetch that read the header-only summary finishes after the sync wrote the flag change', async () => {
    const { path, cache, uid } = await preparedSecondSync('syncfirst');
    let release: () => void = () => undefined;
    const syncDone = new Promise<void>((resolve) => (release = resolve));
    // The body fetch starts during the sync (it reads the header-only summary) and its answer is
    // seen only once the sync has committed.
    const fetcher = holdFetch(await session(), (q) => q['source'] === true, () => syncDone);
    let opened: Promise<MessageSummary> | undefined;
    const client = holdFetch(await session(), listing, async () => {
      opened = fetchBody(fetcher, cache, path, uid);
    });
    await syncFolder(client, cache, path, { bodySizeLimit: LIMIT });
    expect((await largeOf(cache, path)).bodyDownloaded).toBe(false);
    release();
    expect((await opened)?.bodyDownloaded).toBe(true);
    await expectWhole(cache, path, ['\\Flagged']);
  });
});
