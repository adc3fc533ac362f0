/**
 * Crash safety of the sync: a child `tegami sync` is killed (SIGKILL) at pseudo-random points
 * while it copies 2,000 messages, then run to completion. The Maildir must then hold
 * exactly the server's messages: each once, each whole, nothing else.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImapClient } from '../../core/imap/client.js';
import { MaildirStore } from '../../core/maildir/index.js';
import { connectImap } from '../../core/sync/imap-connect.js';
import { loadServers, type ServersDescriptor } from '../servers/descriptor.js';

const RUN = randomUUID().slice(0, 8);
const FOLDER = `synccrash-${RUN}`;
const COUNT = 2_000;
const KILLS = 5;
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
let servers: ServersDescriptor;
let raw: ImapClient;
let dir: string;

/** Deterministic "random" kill points (a fixed-seed LCG), so a failure can be replayed. */
function lcg(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

beforeAll(async () => {
  servers = loadServers();
  const e = servers.imap.tls;
  raw = await connectImap({ host: e.host, port: e.port, security: e.security, user: servers.users.bob.address, password: servers.users.bob.password, caFile: servers.caFile });
  await raw.run('create', FOLDER);
  for (let start = 0; start < COUNT; start += 50) {
    const batch = [];
    for (let i = start; i < Math.min(COUNT, start + 50); i++) {
      // Sizes vary so kills land inside literals as well as between them.
      const body = `message ${i}\r\n${'0123456789abcdef'.repeat((i % 17) * 40)}\r\n`;
      const text = `From: alice@tegami.test\r\nTo: bob@tegami.test\r\nSubject: crash ${i}\r\nMessage-ID: <${RUN}.crash.${i}@tegami.test>\r\n\r\n${body}`;
      batch.push({ content: Buffer.from(text), flags: i % 3 === 0 ? ['\\Seen'] : [] });
    }
    await raw.run('append', FOLDER, batch);
  }
  dir = await mkdtemp(join(tmpdir(), 'tegami-crash-'));
}, 180_000);

afterAll(async () => {
  await raw.run('unselect').catch(() => undefined);
  await raw.run('delete', FOLDER).catch(() => undefined);
  await raw.logout();
  await rm(dir, { recursive: true, force: true });
});

/** Runs `tegami sync`; with `killAt`, SIGKILLs it once that many messages are stored (plus a little jitter). */
function syncChild(killAt: { count: number; jitterMs: number } | undefined): Promise<{ code: number | null; killed: boolean; stderr: string }> {
  const e = servers.imap.tls;
  const args = ['--import', 'tsx', join(ROOT, 'core/cli.ts'), 'sync', '--protocol', 'imap', '--host', e.host, '--port', String(e.port), '--security', e.security];
  args.push('--user', servers.users.bob.address, '--password-env', 'CRASH_PASSWORD', '--ca', servers.caFile, '--maildir', dir, '--folder', FOLDER, '--json');
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, CRASH_PASSWORD: servers.users.bob.password }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  let killed = false;
  let exited = false;
  const watch = async (): Promise<void> => {
    if (killAt === undefined) return;
    while (!exited && (await storedCount()) < killAt.count) await new Promise((resolve) => setTimeout(resolve, 2));
    await new Promise((resolve) => setTimeout(resolve, killAt.jitterMs));
    if (!exited) killed = child.kill('SIGKILL');
  };
  return new Promise((resolve) => {
    child.on('exit', (code) => {
      exited = true;
      resolve({ code, killed, stderr });
    });
    void watch();
  });
}

async function storedCount(): Promise<number> {
  let count = 0;
  for (const sub of ['cur', 'new']) count += (await readdir(join(dir, `.${FOLDER}`, sub)).catch(() => [])).length;
  return count;
}

describe('sync crash safety', () => {
  it('killed at random points and restarted, the Maildir equals the server folder: no duplicate, no half file', async () => {
    const random = lcg(0x7e9a31);
    const targets = Array.from({ length: KILLS }, () => 1 + Math.floor(random() * (COUNT - 2))).sort((a, b) => a - b);
    const stored: number[] = [];
    for (const target of targets) {
      const result = await syncChild({ count: target, jitterMs: Math.floor(random() * 4) });
      if (!result.killed) expect(result.code, result.stderr).toBe(0);
      stored.push(await storedCount());
    }
    // The kills really interrupted copies in progress.
    expect(stored.filter((n) => n > 0 && n < COUNT).length).toBeGreaterThan(0);
    const final = await syncChild(undefined);
    expect(final.code, final.stderr).toBe(0);

    // The server's view: UID → size, Message-ID, flags.
    await raw.run('examine', FOLDER);
    const listing = await raw.run('fetch', '1:*', { flags: true, size: true, headers: ['Message-ID'] });
    const server = new Map(
      listing.messages.map((m) => {
        const data = m.attributes.sections?.[0]?.data;
        const header = data instanceof Uint8Array ? Buffer.from(data).toString('latin1') : '';
        return [m.attributes.uid ?? 0, { size: m.attributes.size ?? -1, id: /<([^>]+)>/u.exec(header)?.[1] ?? '', seen: (m.attributes.flags ?? []).includes('\\Seen') }];
      }),
    );
    expect(server.size).toBe(COUNT);

    const store = await MaildirStore.open(dir);
    const folder = store.folder([FOLDER]);
    const entries = await folder.list();
    expect(entries.map((e) => e.uid).sort((a, b) => a - b)).toEqual([...server.keys()].sort((a, b) => a - b));
    const ids = new Set<string>();
    for (const entry of entries) {
      const expected = server.get(entry.uid);
      const bytes = await readFile(entry.path);
      expect(bytes.length).toBe(expected?.size);
      const id = /Message-ID: <([^>]+)>/u.exec(bytes.toString('latin1'))?.[1] ?? '';
      expect(id).toBe(expected?.id);
      ids.add(id);
      expect(entry.flags.includes('\\Seen')).toBe(expected?.seen);
    }
    expect(ids.size).toBe(COUNT);
    // Every visible file is one of those (no orphan that would show up as a second copy).
    let visible = 0;
    for (const sub of ['cur', 'new']) visible += (await readdir(join(folder.dir, sub))).length;
    expect(visible).toBe(COUNT);
    // Leftovers of killed writes may stay in tmp/ (invisible, cleaned after 36 h), never elsewhere.
    expect((await stat(join(folder.dir, 'tmp'))).isDirectory()).toBe(true);
  }, 300_000);
});
